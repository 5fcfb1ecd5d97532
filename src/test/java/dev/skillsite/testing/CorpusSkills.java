package dev.skillsite.testing;

import dev.skillsite.model.Skill;
import dev.skillsite.model.SkillId;
import dev.skillsite.model.Triggers;
import dev.skillsite.triggers.TriggerExtractor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Every SKILL.md under a corpus folder as a {@link Skill}, as the eval README defines a collection
 * (independent of the content loader): name from the frontmatter, else the folder name.
 */
public final class CorpusSkills {
  private CorpusSkills() {}

  public static List<Path> files(Path root) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(p -> p.getFileName().toString().equals("SKILL.md"))
          .filter(p -> !p.toString().contains("/node_modules/") && !p.toString().contains("/.git/"))
          .sorted((a, b) -> root.relativize(a).toString().compareTo(root.relativize(b).toString()))
          .toList();
    }
  }

  public static List<Skill> load(Path root) throws IOException {
    TriggerExtractor x = new TriggerExtractor();
    List<Skill> out = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (Path f : files(root)) {
      Map<String, Object> fm = Frontmatter.read(f);
      String rel = root.relativize(f).toString();
      String dir = f.getParent().getFileName().toString();
      String name = fm.get("name") instanceof String n && !n.isBlank() ? n : dir;
      String description =
          fm.get("description") == null ? "" : String.valueOf(fm.get("description"));
      String slug = slug(name);
      String id = slug;
      for (int i = 2; !ids.add(id); i++) {
        id = slug + "-" + i;
      }
      Skill s =
          new Skill(
              new SkillId(id),
              name,
              description,
              rel,
              "c",
              fm,
              Frontmatter.body(f),
              1,
              List.of(),
              Triggers.NONE,
              List.of());
      out.add(s.withTriggers(x.extract(description)));
    }
    return out;
  }

  static String slug(String name) {
    String s =
        name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
    return s.isEmpty() ? "skill" : s;
  }
}
