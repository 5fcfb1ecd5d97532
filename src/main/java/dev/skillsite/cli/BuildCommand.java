package dev.skillsite.cli;

import dev.skillsite.build.BuildPipeline;
import dev.skillsite.build.BuildResult;
import dev.skillsite.build.Progress;
import dev.skillsite.build.StageTimer;
import dev.skillsite.build.TerminalProgress;
import dev.skillsite.site.SiteGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code build}: content folder → static site. */
@Command(
    name = "build",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Builds the static site of a skill collection.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:no errors (warnings allowed)",
      "1:some skills had errors and were skipped (or warnings, with --strict)",
      "2:usage or I/O failure; the previous output is left untouched"
    })
public final class BuildCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin SiteOptions site;

  @Option(names = "--strict", description = "Count warnings as errors.")
  boolean strict;

  @Option(names = "--timings", description = "Print how long each build stage took.")
  boolean timings;

  @Option(
      names = "--verbose",
      description =
          "Print every warning; without it, more than "
              + DiagnosticSummary.FEW
              + " are summed up by kind.")
  boolean verbose;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      Progress bar =
          TerminalProgress.forEnvironment(System.err, System.getenv(), System.console() != null);
      StageTimer timer = new StageTimer(bar);
      BuildPipeline pipeline =
          new BuildPipeline(new SiteGenerator(site.templateDir()), timings ? timer : bar)
              .locking(site.writers("build", err));
      BuildResult result = pipeline.run(site.buildOptions(true));
      for (String line : DiagnosticSummary.lines(result.diagnostics(), verbose)) {
        err.println(line);
      }
      if (timings) {
        err.println(timer.summary(ManagementFactory.getRuntimeMXBean().getUptime()));
        if (!timer.cpuSummary().isEmpty()) {
          err.println(timer.cpuSummary());
        }
        err.println(
            "documents: "
                + result.documents().total()
                + ", "
                + result.documents().reused()
                + " of them used again from the build cache"
                + (result.answersReused()
                    ? "; routing index and its answers too"
                    : result.indexReused() ? "; routing index too" : "")
                + (result.searchReused() ? "; search export too" : ""));
        err.println(
            "trigger rankings: "
                + result.rankings().carried()
                + " carried over from the last build's index, "
                + result.rankings().asked()
                + " asked; similar skills of "
                + result.rankings().similarCarried()
                + " skills carried over ("
                + result.rankings().why()
                + ")");
        BuildResult.Output o = result.output();
        err.println(
            "pages: "
                + o.notRendered()
                + " kept as the last build made them, without rendering; published "
                + (o.inPlace()
                    ? "in place (" + o.replaced() + " files replaced, " + o.deleted() + " deleted)"
                    : "by swapping the output folder"));
      }
      err.flush();
      out.println("built " + site.out + ": " + result.summary());
      if (result.published()) {
        AuditSummaryLine.of(site.out).ifPresent(out::println);
      }
      return result.exitCode(strict);
    } catch (IOException e) {
      err.println("skillsite: " + IoErrors.describe(e));
      return 2;
    }
  }
}
