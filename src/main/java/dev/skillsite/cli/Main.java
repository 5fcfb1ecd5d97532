package dev.skillsite.cli;

import java.io.PrintWriter;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
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
    // hidden: -Dskillsite.threadcpu prints where the run's CPU went, by thread, at exit
    String threadCpu = System.getProperty("skillsite.threadcpu", "false");
    if (!threadCpu.equals("false")) {
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> System.err.println(threadCpu(Path.of("/proc/self"), 100)), "threadcpu"));
    }
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

  /**
   * The CPU of this process's threads so far, from Linux's {@code proc/task/<tid>/stat} under
   * {@code proc} (user+system clock ticks, {@code hz} a second), summed by thread name with its
   * numbers dropped ({@code C1 CompilerThre}, {@code VM Thread}, {@code java} for the main
   * threads), and what threads that have ended used ({@code ended}: the process's total less the
   * living's). "threadcpu: unavailable" when there is no such tree (not Linux).
   */
  static String threadCpu(Path proc, long hz) {
    java.util.Map<String, long[]> byName = new java.util.TreeMap<>();
    long living = 0;
    try (java.nio.file.DirectoryStream<Path> tasks =
        java.nio.file.Files.newDirectoryStream(proc.resolve("task"))) {
      for (Path task : tasks) {
        String stat;
        try {
          stat = java.nio.file.Files.readString(task.resolve("stat"));
        } catch (java.io.IOException ended) {
          continue; // the thread ended while this read the others
        }
        long[] t = ticks(stat);
        String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
        long[] sum =
            byName.computeIfAbsent(name.replaceAll("#?\\d+$", "").strip(), k -> new long[2]);
        sum[0] += t[0] + t[1];
        sum[1]++;
        living += t[0] + t[1];
      }
      long[] all = ticks(java.nio.file.Files.readString(proc.resolve("stat")));
      StringBuilder b = new StringBuilder("threadcpu ms:");
      byName.forEach(
          (name, sum) ->
              b.append(' ')
                  .append(name)
                  .append(" x")
                  .append(sum[1])
                  .append('=')
                  .append(sum[0] * 1000 / hz)
                  .append(','));
      return b.append(" ended=")
          .append((all[0] + all[1] - living) * 1000 / hz)
          .append(", total=")
          .append((all[0] + all[1]) * 1000 / hz)
          .toString();
    } catch (java.io.IOException | RuntimeException e) {
      return "threadcpu: unavailable (" + e + ")";
    }
  }

  /**
   * utime and stime of a {@code stat} line: fields 14 and 15, counted after the ")" of the name.
   */
  private static long[] ticks(String stat) {
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
    return new long[] {Long.parseLong(f[11]), Long.parseLong(f[12])};
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
