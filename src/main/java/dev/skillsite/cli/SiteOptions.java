package dev.skillsite.cli;

import dev.skillsite.build.BuildOptions;
import dev.skillsite.output.OutputLock;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Options shared by the commands that build a site ({@code build}, {@code serve}). */
final class SiteOptions {
  @Spec(Spec.Target.MIXEE)
  CommandSpec spec;

  static final Path DEFAULT_TEMPLATES = Path.of("templates");

  @Option(
      names = "--content",
      paramLabel = "DIR",
      defaultValue = "content",
      description = "Skill collection to read (default: ${DEFAULT-VALUE}).")
  Path content;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      defaultValue = "site-output",
      description = "Output folder, replaced as a whole (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(
      names = "--templates",
      paramLabel = "DIR",
      description =
          "Templates overriding the built-in ones by name (default: templates/ when it exists).")
  Path templates;

  @Option(
      names = "--base-url",
      paramLabel = "URL",
      description = "Absolute URL the site is served from, for canonical links and the sitemap.")
  String baseUrl;

  @Option(
      names = "--no-cache",
      description =
          "Render every document: neither read nor write the build cache (OUT/.skillsite-cache/).")
  boolean noCache;

  @Option(
      names = "--lock-wait",
      paramLabel = "SECONDS",
      defaultValue = "300",
      description =
          "How long to wait while another build writes the same output folder (default: "
              + "${DEFAULT-VALUE}; 0 refuses at once).")
  long lockWait;

  @Option(
      names = "--max-skills",
      paramLabel = "N",
      defaultValue = "10000",
      description =
          "Most skills one build publishes (default: ${DEFAULT-VALUE}); the rest are an error. A"
              + " registry raises it, and the heap with it (SKILLSITE_JAVA_OPTS=-Xmx…; see"
              + " docs/scale.md).")
  int maxSkills;

  /** How this command takes the lock of the output folder; waiting is told on {@code err}. */
  OutputLock.Policy writers(String command, PrintWriter err) {
    if (lockWait < 0) {
      throw new ParameterException(
          spec.commandLine(), "--lock-wait must be 0 or more seconds, not " + lockWait);
    }
    return new OutputLock.Policy(
        command,
        Duration.ofSeconds(lockWait),
        notice -> {
          err.println("skillsite: " + notice);
          err.flush();
        },
        Optional.empty());
  }

  /** The user's template folder: {@code --templates}, else {@code templates/} if present. */
  Optional<Path> templateDir() throws NoSuchFileException {
    if (templates == null) {
      return Optional.of(DEFAULT_TEMPLATES).filter(Files::isDirectory);
    }
    if (!Files.isDirectory(templates)) {
      throw new NoSuchFileException(templates.toString(), null, "templates folder does not exist");
    }
    return Optional.of(templates);
  }

  /**
   * @throws ParameterException for a base URL that is not an absolute http(s) URL
   */
  BuildOptions buildOptions(boolean publishWithErrors) {
    if (baseUrl != null && !baseUrl.matches("(?i)https?://[^\\s/?#\"'<>`]+(/[^\\s\"'<>`]*)?")) {
      throw new ParameterException(
          spec.commandLine(),
          "--base-url must be an absolute http:// or https:// URL, not '" + baseUrl + "'");
    }
    if (maxSkills < 1) {
      throw new ParameterException(
          spec.commandLine(), "--max-skills must be 1 or more, not " + maxSkills);
    }
    return new BuildOptions(
        content, out, Optional.ofNullable(baseUrl), publishWithErrors, !noCache, maxSkills);
  }
}
