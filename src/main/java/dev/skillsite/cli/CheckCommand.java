package dev.skillsite.cli;

import dev.skillsite.build.BuildResult;
import dev.skillsite.check.CheckOptions;
import dev.skillsite.check.CheckReport;
import dev.skillsite.check.Checker;
import dev.skillsite.check.GithubAnnotations;
import dev.skillsite.check.JsonFindings;
import dev.skillsite.check.ProbeFactory;
import dev.skillsite.check.RouterProbe;
import dev.skillsite.check.Target;
import dev.skillsite.site.RenderedDiagnostics;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/** {@code check}: lints a collection for skill authors, as text, GitHub annotations or JSON. */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Checks a collection of skills for their authors, as CI would.",
      "Everything build reports, plus the target's frontmatter rules, references, trigger",
      "collisions, unreachable skills, description lint and the listing budget.",
      "Exit: 0 clean, 1 errors (warnings too with --strict), 2 usage or I/O failure."
    })
public final class CheckCommand implements Callable<Integer> {
  /** Output formats for findings. */
  enum Format {
    text,
    github
  }

  @Spec CommandSpec spec;

  @Option(
      names = "--content",
      paramLabel = "DIR",
      description = "Folder of skills (default: ${DEFAULT-VALUE}).",
      defaultValue = "content")
  Path content;

  @Option(names = "--json", description = "Print the findings as a JSON array.")
  boolean json;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "text",
      description = "text (path:line:col: severity: message) or github (workflow annotations).")
  Format format;

  @Option(names = "--strict", description = "Warnings fail the check too.")
  boolean strict;

  @Option(
      names = "--target",
      paramLabel = "TARGET",
      defaultValue = "agentskills",
      converter = TargetConverter.class,
      description = "agentskills, claude-code or claude-ai (default: ${DEFAULT-VALUE}).")
  Target target;

  @Option(
      names = "--listing-budget",
      paramLabel = "CHARS",
      description =
          "Characters the agent's skill listing may take (default: 8000, 1%% of 200k tokens).")
  Integer listingBudget;

  private final ProbeFactory probes;

  public CheckCommand() {
    this(RouterProbe.factory());
  }

  CheckCommand(ProbeFactory probes) {
    this.probes = probes;
  }

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (listingBudget != null && listingBudget < 0) {
      err.println("skillsite check: --listing-budget must not be negative: " + listingBudget);
      return 2;
    }
    if (!Files.isDirectory(content)) {
      err.println("skillsite check: not a folder: " + content);
      return 2;
    }
    CheckOptions options =
        new CheckOptions(
            target, listingBudget == null ? CheckOptions.DEFAULT_LISTING_BUDGET : listingBudget);
    CheckReport report =
        new Checker(probes, RenderedDiagnostics.standard()).check(content, options);
    if (json) {
      out.println(new JsonFindings().format(report.findings()));
    } else if (format == Format.github) {
      GithubAnnotations annotations = new GithubAnnotations(prefix(content));
      report.findings().forEach(d -> out.println(annotations.format(d)));
    } else {
      report.findings().forEach(d -> out.println(d.format()));
    }
    if (!json) {
      err.println(
          "check: "
              + BuildResult.count(report.catalog().skills().size(), "skill")
              + ", "
              + BuildResult.count(report.errors(), "error")
              + ", "
              + BuildResult.count(report.warnings(), "warning")
              + " (target "
              + target.label()
              + ")");
    }
    out.flush();
    return report.exitCode(strict);
  }

  /**
   * The content folder as a repository-relative prefix for annotations, when it lies under the
   * working directory.
   */
  private static String prefix(Path content) {
    Path cwd = Path.of("").toAbsolutePath().normalize();
    Path abs = content.toAbsolutePath().normalize();
    if (!abs.startsWith(cwd) || abs.equals(cwd)) {
      return "";
    }
    return cwd.relativize(abs).toString().replace('\\', '/') + "/";
  }

  /** Parses {@code --target} by its command-line label. */
  static final class TargetConverter implements ITypeConverter<Target> {
    @Override
    public Target convert(String value) {
      return Target.parse(value)
          .orElseThrow(
              () ->
                  new TypeConversionException(
                      "expected agentskills, claude-code or claude-ai but was '" + value + "'"));
    }
  }
}
