package dev.skillsite.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A corpus replicated N times by the benchmark's own {@code bench/replicate --vary} (a node
 * script), for tests at scale. Only the skill files are replicated: routing reads nothing else, and
 * the copies are the same SKILL.md files, in the same folders, as a full {@code bench/replicate
 * --vary CORPUS N} writes (a tenth of the bytes for {@code large}).
 */
public final class ReplicatedCorpus {
  static final Path SCRIPT = Path.of("bench/replicate");

  private ReplicatedCorpus() {}

  /**
   * {@code bench/replicate --vary} of {@code corpus}'s SKILL.md files, {@code n} copies, into
   * {@code work/xN} (made; {@code work/skills} holds the copied skill files).
   */
  public static Path of(Path corpus, int n, Path work) throws IOException, InterruptedException {
    Path skills = work.resolve("skills");
    try (Stream<Path> s = Files.walk(corpus)) {
      for (Path f : s.filter(ReplicatedCorpus::isSkillFile).toList()) {
        Path to = skills.resolve(corpus.relativize(f).toString());
        Files.createDirectories(to.getParent());
        Files.copy(f, to);
      }
    }
    Path out = work.resolve("x" + n);
    Process p =
        new ProcessBuilder(
                List.of(
                    "bash",
                    SCRIPT.toString(),
                    "--vary",
                    skills.toAbsolutePath().toString(),
                    Integer.toString(n),
                    out.toAbsolutePath().toString()))
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IOException("bench/replicate --vary " + corpus + " " + n + " failed");
    }
    return out;
  }

  private static boolean isSkillFile(Path p) {
    String name = p.getFileName().toString();
    String s = p.toString();
    return (name.equals("SKILL.md") || name.equals("skill.md"))
        && !s.contains("/.git/")
        && Files.isRegularFile(p);
  }
}
