package dev.skillsite.cli;

import java.io.PrintWriter;
import java.nio.file.InvalidPathException;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point: {@code java -jar skillsite.jar <command>}. */
@Command(
    name = "skillsite",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description =
        "Turns a folder of agent skills into a cross-linked static site and a trigger router.",
    subcommands = {
      BuildCommand.class,
      RouteCommand.class,
      EvalCommand.class,
      CheckCommand.class,
      AuditCommand.class,
      ServeCommand.class,
      BenchCommand.class,
      ExportCommand.class,
      CommandLine.HelpCommand.class,
    })
public final class Main implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    // a patch build, whose start picocli's would be most of, reads its plain options itself
    Optional<BuildCommand> patch = QuickBuild.parse(args);
    if (patch.isPresent()) {
      System.exit(QuickBuild.run(patch.get()));
    }
    CommandLine cl = commandLine();
    int code;
    try {
      code = cl.execute(args);
    } catch (
        OutOfMemoryError
            e) { // thrown on the main thread, it is not the handler's (picocli passes errors on)
      code = failure(e, cl.getErr());
    }
    System.exit(code);
  }

  /** The configured command line, also used by tests. */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new Main());
    cl.setExecutionExceptionHandler((ex, line, parseResult) -> failure(ex, line.getErr()));
    return cl;
  }

  /**
   * Reports a command that failed with {@code ex} and returns exit code 2. Running out of heap (on
   * any thread) gets a message saying how to give the JVM more, not a stack trace; the previous
   * output is untouched either way, since a site is swapped in only when its build succeeded.
   */
  static int failure(Throwable ex, PrintWriter err) {
    Optional<Throwable> oom = cause(ex, OutOfMemoryError.class);
    Optional<Throwable> path =
        cause(ex, InvalidPathException.class)
            .filter(t -> !"UTF-8".equals(System.getProperty("sun.jnu.encoding")));
    if (oom.isPresent()) {
      String what = oom.get().getMessage() == null ? "" : " (" + oom.get().getMessage() + ")";
      err.println(
          "skillsite: out of memory"
              + what
              + "; the previous output is untouched. Give the"
              + " JVM more heap: SKILLSITE_JAVA_OPTS=-Xmx2g for ./skillsite, java -Xmx2g -jar for the jar (a"
              + " collection of about 9,000 skills needs 1 GB)");
    } else if (path.isPresent()) {
      err.println(
          "skillsite: a file name cannot be read in this locale's character set ("
              + System.getProperty("sun.jnu.encoding")
              + "): "
              + path.get().getMessage()
              + ". Run in a UTF-8 locale,"
              + " e.g. LC_ALL=C.UTF-8 (./skillsite does so when the locale is not UTF-8)");
    } else {
      err.println(
          "skillsite: " + dev.skillsite.model.PrintableText.of(String.valueOf(ex.getMessage())));
    }
    err.flush();
    return 2;
  }

  /** The first of {@code ex} and its causes that is a {@code type}. */
  private static Optional<Throwable> cause(Throwable ex, Class<? extends Throwable> type) {
    for (Throwable t = ex; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
