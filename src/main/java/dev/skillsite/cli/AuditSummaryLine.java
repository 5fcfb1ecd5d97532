package dev.skillsite.cli;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The one line {@code build} prints about the audit ("audit: 2 danger, 5 warnings in 40 skills; see
 * audit/index.html"), read from the {@code audit.json} the build wrote into the site, so that the
 * line and the site never disagree. Absent when the audit is turned off.
 */
final class AuditSummaryLine {
  private AuditSummaryLine() {}

  static Optional<String> of(Path site) throws IOException {
    Path json = site.resolve("audit.json");
    if (!Files.isRegularFile(json)) {
      return Optional.empty();
    }
    JsonObject summary =
        JsonParser.parseString(Files.readString(json, StandardCharsets.UTF_8))
            .getAsJsonObject()
            .getAsJsonObject("summary");
    if (summary == null) {
      return Optional.empty();
    }
    long danger = summary.get("danger").getAsLong();
    long warnings = summary.get("warning").getAsLong();
    long skills = summary.get("skills").getAsLong();
    return Optional.of(
        "audit: "
            + danger
            + " danger, "
            + warnings
            + (warnings == 1 ? " warning" : " warnings")
            + " in "
            + skills
            + (skills == 1 ? " skill" : " skills")
            + "; see audit/index.html");
  }
}
