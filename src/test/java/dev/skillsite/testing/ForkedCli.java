package dev.skillsite.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the CLI ({@code dev.skillsite.cli.Main}) in a JVM of its own, from the test class path: for
 * what one JVM cannot vary, such as its cores, its locale or the character set it reads file names
 * in.
 */
public final class ForkedCli {
  private ForkedCli() {}

  /** The exit code and the output (standard output and error together). */
  public record Run(int exitCode, String output) {}

  /**
   * @param jvm options for the JVM ({@code -XX:ActiveProcessorCount=1}, {@code -Duser.language=tr},
   *     …)
   * @param locale the whole locale environment of the process ({@code LC_ALL=C}); the caller's is
   *     dropped
   */
  public static Run run(List<String> jvm, Map<String, String> locale, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvm);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.skillsite.cli.Main"));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().keySet().removeIf(k -> k.startsWith("LC_") || k.equals("LANG"));
    pb.environment().putAll(locale);
    Process p = pb.start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError(
          "skillsite " + String.join(" ", args) + " did not finish: " + output);
    }
    return new Run(p.exitValue(), output);
  }
}
