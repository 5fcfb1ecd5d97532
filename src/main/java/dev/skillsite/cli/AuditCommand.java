package dev.skillsite.cli;

import dev.skillsite.audit.AuditAnnotations;
import dev.skillsite.audit.AuditJson;
import dev.skillsite.audit.AuditReport;
import dev.skillsite.audit.AuditSeverity;
import dev.skillsite.audit.Auditor;
import dev.skillsite.audit.Baseline;
import dev.skillsite.audit.Finding;
import dev.skillsite.audit.SarifLog;
import dev.skillsite.build.BuildResult;
import dev.skillsite.content.ContentLoader;
import dev.skillsite.model.Catalog;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code audit}: what each skill would make an agent do, as text, JSON, GitHub annotations or
 * SARIF.
 */
@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Audits every file of every skill for what it would make an agent do: hidden text, instructions",
      "against the user, data leaving the machine, remote code, destruction and persistence, permissions.",
      "Exit: 0 clean, 1 a danger finding (a warning too with --strict), 2 usage or I/O failure."
    })
public final class AuditCommand implements Callable<Integer> {
  /** Output formats. */
  enum Format {
    text,
    github,
    sarif
  }

  @Spec CommandSpec spec;

  @Option(
      names = "--content",
      paramLabel = "DIR",
      defaultValue = "content",
      description = "Folder of skills (default: ${DEFAULT-VALUE}).")
  Path content;

  @Option(names = "--json", description = "Print a summary and the findings as JSON.")
  boolean json;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "text",
      description = "text, github (workflow annotations) or sarif (SARIF 2.1.0 for code scanning).")
  Format format;

  @Option(names = "--strict", description = "Warnings fail the audit too.")
  boolean strict;

  @Option(names = "--info", description = "Also print info findings (text and github).")
  boolean info;

  @Option(
      names = "--baseline",
      paramLabel = "FILE",
      description = "Accepted findings (default: " + Baseline.FILE + " in the content folder).")
  Path baseline;

  @Option(
      names = "--update-baseline",
      description = "Write every current finding above info into the baseline file, and exit 0.")
  boolean updateBaseline;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (!Files.isDirectory(content)) {
      err.println("skillsite audit: not a folder: " + content);
      return 2;
    }
    Catalog catalog = new ContentLoader().load(content);
    Auditor auditor = Auditor.standard();
    Path baselineFile = baseline != null ? baseline : content.resolve(Baseline.FILE);
    if (updateBaseline) {
      AuditReport all = auditor.audit(catalog, content);
      Files.writeString(baselineFile, Baseline.of(all, content), StandardCharsets.UTF_8);
      err.println(
          "audit: wrote "
              + baselineFile
              + " accepting "
              + BuildResult.count(
                  all.count(AuditSeverity.DANGER) + all.count(AuditSeverity.WARNING), "finding"));
      return 0;
    }
    AuditReport report = auditor.audit(catalog, content, Optional.of(baselineFile));
    List<Finding> findings = report.findings();
    List<Finding> shown =
        info
            ? findings
            : findings.stream().filter(f -> f.severity() != AuditSeverity.INFO).toList();
    if (json) {
      out.println(new AuditJson().format(report, findings));
    } else if (format == Format.sarif) {
      out.println(new SarifLog(auditor.table(), version()).format(findings, content));
    } else if (format == Format.github) {
      AuditAnnotations annotations = new AuditAnnotations(CheckPaths.prefix(content));
      shown.forEach(f -> out.println(annotations.format(f)));
    } else {
      shown.forEach(f -> out.println(f.format()));
    }
    if (!json && format != Format.sarif) {
      err.println(
          "audit: "
              + BuildResult.count(report.skills().size(), "skill")
              + ", "
              + report.dangerousSkills()
              + " with danger; "
              + report.count(AuditSeverity.DANGER)
              + " danger, "
              + BuildResult.count(report.count(AuditSeverity.WARNING), "warning")
              + ", "
              + report.count(AuditSeverity.INFO)
              + " info");
    }
    out.flush();
    return report.exitCode(strict);
  }

  private static String version() {
    return Optional.ofNullable(AuditCommand.class.getPackage().getImplementationVersion())
        .orElse("dev");
  }
}
