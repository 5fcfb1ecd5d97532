package dev.skillsite.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skillsite.routing.StopWords;
import dev.skillsite.site.SiteGenerator;
import dev.skillsite.testing.SiteFingerprint;
import dev.skillsite.testing.Trees;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An incremental rebuild (the build cache of the last build in the output folder) makes the site a
 * clean build of the same content makes, byte for byte, cache included, after each edit of a
 * sequence run on a copy of {@code ../shared/corpora/anthropic}; and it takes the short way where
 * it can. Each row: the edit, then what the rebuild may carry over from the last build ("carried":
 * trigger rankings taken from the last build's answers; "none": every ranking asked again; "index":
 * the routing index itself is the last build's). A sentence added moves the average field lengths
 * less than a step of their grid ({@code Bm25.averageLength}), so answers are carried; a body cut
 * to one line moves them across a grid line, and everything is asked again.
 */
class IncrementalRebuildSpecTest {
  private static final Path CORPUS = Path.of("../shared/corpora/anthropic");
  private static final Pattern WORD = Pattern.compile("(?<![\\w.-])([a-z]{6,})(?![\\w-])");

  @TempDir Path tmp;

  private interface Edit {
    void apply(Path content) throws IOException;
  }

  private record Row(String what, Edit edit, String expect) {}

  @Test
  void everyRebuildIsTheCleanBuild() throws IOException {
    Path content = tmp.resolve("content");
    Trees.copy(CORPUS, content);
    // as a checkout an hour old: the audit cache trusts the stamps of files not just modified
    FileTime hourAgo = FileTime.from(Instant.now().minus(1, ChronoUnit.HOURS));
    try (Stream<Path> all = Files.walk(content)) {
      for (Path p : all.toList()) {
        Files.setLastModifiedTime(p, hourAgo);
      }
    }
    Path out = tmp.resolve("site");
    List<Row> rows =
        List.of(
            new Row(
                "a word of a body replaced",
                c -> replaceBodyWord(skill(c, "mcp-builder")),
                "carried"),
            new Row(
                "a word of another body replaced",
                c -> replaceBodyWord(skill(c, "canvas-design")),
                "carried"),
            new Row(
                "a word of a description replaced",
                c -> replaceDescriptionWord(skill(c, "webapp-testing")),
                "any"),
            new Row(
                "a sentence added to a body",
                c ->
                    Files.writeString(
                        skill(c, "mcp-builder"),
                        "\nAlso covers quokka habitats.\n",
                        StandardOpenOption.APPEND),
                "carried"),
            new Row(
                "a body cut to one line (its field's average length crosses a grid line)",
                c -> {
                  Path f = skill(c, "canvas-design");
                  String t = Files.readString(f);
                  int end = t.indexOf("\n---", 3) + 4;
                  Files.writeString(f, t.substring(0, end) + "\nDraws quokka posters.\n");
                },
                "none"),
            new Row(
                "a reference edited",
                c -> {
                  try (Stream<Path> refs = Files.walk(c.resolve("skills/mcp-builder/reference"))) {
                    Path ref =
                        refs.filter(p -> p.toString().endsWith(".md"))
                            .sorted()
                            .findFirst()
                            .orElseThrow();
                    Files.writeString(ref, "\nOne more line.\n", StandardOpenOption.APPEND);
                  }
                },
                "index"),
            new Row(
                "a skill added",
                c -> {
                  Trees.copy(c.resolve("skills/canvas-design"), c.resolve("skills/canvas-sketch"));
                  Path f = c.resolve("skills/canvas-sketch/SKILL.md");
                  Files.writeString(
                      f, Files.readString(f).replaceFirst("(?m)^name: .*$", "name: canvas-sketch"));
                },
                "none"),
            new Row("a skill removed", c -> delete(c.resolve("skills/slack-gif-creator")), "none"),
            new Row(
                "a skill renamed",
                c -> {
                  Path f = skill(c, "webapp-testing");
                  Files.writeString(
                      f,
                      Files.readString(f)
                          .replaceFirst("(?m)^name: .*$", "name: webapp-browser-testing"));
                },
                "none"),
            new Row(
                "the routing threshold changed (skillsite.yaml)",
                c ->
                    Files.writeString(
                        c.resolve("skillsite.yaml"),
                        "routing: {threshold: 0.3}\n",
                        StandardCharsets.UTF_8),
                "none"),
            new Row(
                "a word of a body replaced again",
                c -> replaceBodyWord(skill(c, "skill-creator")),
                "carried"),
            new Row(
                "a published page and archive changed by hand, a file added by hand",
                c -> {
                  Files.writeString(
                      out.resolve("skills/mcp-builder/index.html"),
                      "\n",
                      StandardOpenOption.APPEND);
                  Files.writeString(
                      out.resolve("skills/mcp-builder/mcp-builder.tar.gz"),
                      "x",
                      StandardOpenOption.APPEND);
                  Files.writeString(out.resolve("CNAME"), "skills.example.org\n");
                },
                "index"));

    build(content, out);
    for (Row row : rows) {
      row.edit().apply(content);
      BuildResult r = build(content, out);
      String at = row.what() + ": " + r.rankings() + ", " + r.output();
      // an edit leaves most pages as the last build made them; one skill's body or reference
      // edited, the site is published by replacing the few files that changed (adding, removing or
      // renaming a skill changes more than an eighth of this small site: the folder is swapped)
      assertTrue(r.output().notRendered() > r.pages() / 2, at);
      if (row.expect().equals("carried") || row.expect().equals("index")) {
        assertTrue(r.output().inPlace() && r.output().replaced() > 0, at);
      }
      switch (row.expect()) {
        case "carried" -> assertTrue(r.rankings().carried() > 0, at);
        case "none" -> assertEquals(0, r.rankings().carried(), at);
        case "index" -> assertTrue(r.indexReused() && r.answersReused(), at);
        default -> {}
      }
      Path clean = Files.createTempDirectory(tmp, "clean").resolve("site");
      build(content, clean);
      assertEquals(
          List.of(),
          SiteFingerprint.differences(SiteFingerprint.of(clean), SiteFingerprint.of(out)),
          at);
    }
  }

  private static BuildResult build(Path content, Path site) throws IOException {
    BuildResult r =
        new BuildPipeline(new SiteGenerator(Optional.empty()), Progress.NONE)
            .run(new BuildOptions(content, site, Optional.empty(), true, true));
    assertTrue(r.published());
    return r;
  }

  private static Path skill(Path content, String name) {
    return content.resolve("skills/" + name + "/SKILL.md");
  }

  /**
   * One plain word (not a stop word) of the first body line that has one, not a heading or a fenced
   * line, replaced by another: every field of the routing document keeps its length.
   */
  private static void replaceBodyWord(Path skill) throws IOException {
    String text = Files.readString(skill);
    int body = text.indexOf("\n---", 4) + 4;
    replaceWord(skill, text, body, text.length(), true);
  }

  private static void replaceDescriptionWord(Path skill) throws IOException {
    String text = Files.readString(skill);
    int start = text.indexOf("\ndescription:");
    int end = text.indexOf('\n', start + 1);
    replaceWord(skill, text, start + "\ndescription:".length(), end, false);
  }

  private static void replaceWord(Path skill, String text, int from, int to, boolean lines)
      throws IOException {
    Set<String> stop = new HashSet<>(StopWords.WORDS);
    boolean fenced = false;
    int pos = from;
    for (String line : text.substring(from, to).split("\n", -1)) {
      if (line.startsWith("```")) {
        fenced = !fenced;
      }
      if (!lines || (!fenced && !line.startsWith("#") && !line.startsWith("```"))) {
        Matcher m = WORD.matcher(line);
        while (m.find()) {
          if (!stop.contains(m.group(1))) {
            int at = pos + m.start(1);
            Files.writeString(
                skill, text.substring(0, at) + "quokka" + text.substring(pos + m.end(1)));
            return;
          }
        }
      }
      pos += line.length() + 1;
    }
    throw new AssertionError("no word to replace in " + skill);
  }

  private static void delete(Path dir) throws IOException {
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
