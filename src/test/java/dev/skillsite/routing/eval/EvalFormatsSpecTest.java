package dev.skillsite.routing.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every label shape {@code eval} reads, one folder each under {@code
 * src/test/resources/eval-formats/<case>/}: the eval file ({@code input.json} or {@code
 * input.jsonl}; or {@code positives.*} / {@code negatives.*} read with {@link EvalFile#readPlain}),
 * {@code skill} (what {@code --skill} would say, if anything) and {@code expected.txt}: one case a
 * line, {@code + name | name :: query} for a positive, {@code - :: query} for a negative on which
 * nothing may fire, {@code - name :: query} for one on which that skill must not; or {@code error:
 * …} for a file that is refused. Run with {@code -Dskillsite.updateGoldens=true} to rewrite the
 * expected files, then review the diff.
 */
class EvalFormatsSpecTest {
  static final Path CASES = Path.of("src/test/resources/eval-formats");
  private static final boolean UPDATE = Boolean.getBoolean("skillsite.updateGoldens");

  @TestFactory
  Stream<DynamicTest> everyShapeReadsAsWritten() throws IOException {
    List<Path> dirs;
    try (Stream<Path> s = Files.list(CASES)) {
      dirs = s.filter(Files::isDirectory).sorted().toList();
    }
    assertTrue(dirs.size() >= 15, "fixtures missing: " + dirs);
    return dirs.stream()
        .map(d -> DynamicTest.dynamicTest(d.getFileName().toString(), () -> check(d)));
  }

  private static void check(Path dir) throws IOException {
    String actual = render(dir);
    Path expected = dir.resolve("expected.txt");
    if (UPDATE) {
      Files.writeString(expected, actual, StandardCharsets.UTF_8);
    }
    assertTrue(
        Files.exists(expected),
        "missing " + expected + " (run with -Dskillsite.updateGoldens=true)");
    assertEquals(Files.readString(expected, StandardCharsets.UTF_8), actual, dir.toString());
  }

  static String render(Path dir) throws IOException {
    Path skillFile = dir.resolve("skill");
    Optional<String> skill =
        Files.exists(skillFile)
            ? Optional.of(Files.readString(skillFile, StandardCharsets.UTF_8).strip())
            : Optional.empty();
    List<EvalCase> cases = new ArrayList<>();
    try {
      for (Path f : files(dir)) {
        String n = f.getFileName().toString();
        if (n.startsWith("input.")) {
          cases.addAll(EvalFile.read(f, skill));
        } else if (n.startsWith("positives.")) {
          cases.addAll(EvalFile.readPlain(f, true, skill));
        } else if (n.startsWith("negatives.")) {
          cases.addAll(EvalFile.readPlain(f, false, skill));
        }
      }
    } catch (IOException e) {
      return "error: " + e.getMessage().replace(dir + "/", "") + "\n";
    }
    StringBuilder out = new StringBuilder();
    for (EvalCase c : cases) {
      if (c.isPositive()) {
        out.append("+ ").append(String.join(" | ", c.expected()));
      } else {
        out.append("-").append(c.scope().map(s -> " " + s).orElse(""));
      }
      out.append(" :: ").append(c.query()).append('\n');
    }
    return out.toString();
  }

  /** The input files of a case, positives before negatives. */
  private static List<Path> files(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(
              f -> {
                String n = f.getFileName().toString();
                return n.startsWith("input.")
                    || n.startsWith("positives.")
                    || n.startsWith("negatives.");
              })
          .sorted((a, b) -> rank(a) - rank(b))
          .toList();
    }
  }

  private static int rank(Path f) {
    String n = f.getFileName().toString();
    return n.startsWith("input.") ? 0 : n.startsWith("positives.") ? 1 : 2;
  }
}
