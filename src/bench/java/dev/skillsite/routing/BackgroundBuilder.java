package dev.skillsite.routing;

import dev.skillsite.model.Skill;
import dev.skillsite.testing.CorpusSkills;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Writes {@code src/main/resources/dev/skillsite/routing/background-df.tsv}: the document frequency
 * of each analyzed term over every SKILL.md of {@code ../shared/corpora} (all collections
 * together), terms used by at least {@link Background#MIN_DF} skills. Only counts are written,
 * never text. Run from the project root: {@code java -cp target/classes:target/test-classes:<deps>
 * dev.skillsite.routing.BackgroundBuilder}.
 */
final class BackgroundBuilder {
  public static void main(String[] args) throws Exception {
    Path corpora = Path.of(args.length > 0 ? args[0] : "../shared/corpora");
    Path out = Path.of("src/main/resources/dev/skillsite/routing", Background.RESOURCE);
    TermReader reader = new TermReader(Analysis.perField());
    Map<String, Integer> df = new TreeMap<>();
    List<Skill> skills = CorpusSkills.load(corpora);
    for (Skill s : skills) {
      String body =
          s.body().length() > SkillDocument.MAX_BODY_CHARS
              ? s.body().substring(0, SkillDocument.MAX_BODY_CHARS)
              : s.body();
      String text = SkillDocument.nameWords(s.name()) + "\n" + s.description() + "\n" + body;
      Set<String> terms = new HashSet<>(reader.terms(Fields.DESCRIPTION, text));
      for (String t : terms) {
        df.merge(t, 1, Integer::sum);
      }
    }
    Files.createDirectories(out.getParent());
    try (Writer w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
      w.write("skills\t" + skills.size() + "\n");
      for (var e : df.entrySet()) {
        if (e.getValue() >= Background.MIN_DF
            && !e.getKey().contains("\t")
            && !e.getKey().contains("\n")) {
          w.write(e.getKey() + "\t" + e.getValue() + "\n");
        }
      }
    }
    System.out.println(skills.size() + " skills, " + df.size() + " terms -> " + out);
  }
}
