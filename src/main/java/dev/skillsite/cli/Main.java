package dev.skillsite.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point: {@code java -jar skillsite.jar <command>}. */
@Command(
    name = "skillsite",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Turns a folder of agent skills into a cross-linked static site and a trigger router.",
    subcommands = {
      BuildCommand.class,
      RouteCommand.class,
      EvalCommand.class,
      CheckCommand.class,
      ServeCommand.class,
      BenchCommand.class,
      CommandLine.HelpCommand.class,
    })
public final class Main implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The configured command line, also used by tests. */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new Main());
    cl.setExecutionExceptionHandler(
        (ex, line, parseResult) -> {
          line.getErr().println("skillsite: " + ex.getMessage());
          return 2;
        });
    return cl;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
