package dev.skillsite.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skillsite.model.Skill;
import dev.skillsite.routing.RoutingIndex;
import dev.skillsite.routing.RoutingPatch;
import dev.skillsite.testing.CorpusSkills;
import dev.skillsite.testing.SkillEdits;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * What a user runs against a site a patch build changed: {@code route --index} and {@code eval
 * --index} on its published {@code search/lucene/}, after a series of patches on {@code large},
 * print exactly what they print on a fresh index of the edited collection (ids, scores, confidence,
 * abstention, matched phrase, field contributions; the whole eval report with its sweep). A plain
 * Lucene reader refusing the folder is {@code PublishedIndexTest}'s.
 */
@Tag("corpus") // large, indexed five times: ~60 s of CPU
class PublishedIndexCliTest {
  private static final String KEY = "code+config";
  private static final Path EVAL = Path.of("../shared/eval/large.jsonl");

  @TempDir Path tmp;

  @Test
  void routeAndEvalOnAPatchedSiteAnswerAsOnAFreshIndex() throws IOException {
    List<Skill> skills = new ArrayList<>(CorpusSkills.load(Path.of("../shared/corpora/large")));
    Path cache = tmp.resolve("cache");
    Path published = tmp.resolve("site/search/lucene");
    try (RoutingIndex fresh = RoutingIndex.build(skills)) {
      fresh.writeTo(published);
      Set<String> triggers = new LinkedHashSet<>();
      skills.forEach(s -> triggers.addAll(s.triggers().phrases()));
      RoutingPatch.write(cache, fresh, triggers, KEY);
    }
    patch(skills, cache, published, 10, SkillEdits::bodyWordReplaced);
    patch(skills, cache, published, 400, SkillEdits::descriptionWordReplaced);
    patch(skills, cache, published, 10, SkillEdits::bodyWordReplaced);
    patch(skills, cache, published, 801, SkillEdits::bodyWordReplaced);
    Path freshDir = tmp.resolve("fresh");
    try (RoutingIndex fresh = RoutingIndex.build(skills)) {
      fresh.writeTo(freshDir);
    }
    for (String json : List.of("--json", "--sweep")) {
      String a = run("eval", "--index", freshDir.toString(), "--queries", EVAL.toString(), json);
      String b = run("eval", "--index", published.toString(), "--queries", EVAL.toString(), json);
      assertEquals(a, b, "eval " + json);
    }
    try (RoutingIndex open = RoutingIndex.open(published)) {
      assertTrue(open.patched(), "the folder is in the patched layout");
    }
    for (String q : queries(skills)) {
      for (String[] flags : List.of(new String[] {"--json"}, new String[] {"--explain"})) {
        List<String> args = new ArrayList<>(List.of("route", "--top", "5"));
        args.addAll(List.of(flags));
        List<String> fresh = new ArrayList<>(args);
        fresh.addAll(List.of("--index", freshDir.toString(), q));
        args.addAll(List.of("--index", published.toString(), q));
        assertEquals(run(fresh.toArray(String[]::new)), run(args.toArray(String[]::new)), q);
      }
    }
  }

  /** Patches one skill, writing and deleting in the folder exactly what the patch says. */
  private static void patch(
      List<Skill> skills, Path cache, Path published, int at, UnaryOperator<Skill> edit)
      throws IOException {
    Skill before = skills.get(at);
    Skill after = edit.apply(before);
    assertFalse(after.equals(before));
    RoutingPatch.Outcome o =
        RoutingPatch.patch(
            cache, KEY, List.of(new RoutingPatch.Change(before, after)), List.of(), List.of(), 5);
    assertInstanceOf(RoutingPatch.Patched.class, o, o.toString());
    try (RoutingPatch.Patched p = (RoutingPatch.Patched) o) {
      RoutingPatch.Published files = p.published(published);
      assertFalse(files.isEmpty());
      for (var e : files.written().entrySet()) {
        Path to = published.resolve(e.getKey());
        Files.createDirectories(to.getParent());
        Files.write(to, e.getValue());
      }
      for (String d : files.deleted()) {
        Files.delete(published.resolve(d));
      }
      p.commit();
    }
    skills.set(at, after);
  }

  /** A sample of the eval requests and the edited skills' triggers and names. */
  private static List<String> queries(List<Skill> skills) throws IOException {
    Set<String> q = new LinkedHashSet<>();
    List<String> lines = Files.readAllLines(EVAL);
    for (int i = 0; i < lines.size(); i += 8) {
      Matcher m = Pattern.compile("\"query\":\\s*\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(lines.get(i));
      if (m.find()) {
        q.add(m.group(1).replace("\\\"", "\""));
      }
    }
    for (int at : List.of(10, 400, 801)) {
      Skill s = skills.get(at);
      q.add(s.name());
      s.triggers().phrases().stream().limit(2).forEach(q::add);
    }
    q.add("zzzz qqqq no skill at all");
    return List.copyOf(q);
  }

  private static String run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = Main.commandLine();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int code = cl.execute(args);
    assertTrue(code == 0 || code == 1, String.join(" ", args) + " exited " + code + ": " + err);
    return out + "\n--- exit " + code + "\n" + err;
  }
}
