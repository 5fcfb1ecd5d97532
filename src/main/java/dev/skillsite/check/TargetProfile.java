package dev.skillsite.check;

import dev.skillsite.model.Diagnostic;
import dev.skillsite.model.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Re-grades the loader's diagnostics for a {@link Target}, by code. The loader checks the Agent
 * Skills specification; Claude Code accepts its own extra keys, a missing {@code name}, any
 * metadata value and {@code allowed-tools} as a list or a comma-separated string; claude.ai uploads
 * reject what the specification only warns about.
 */
final class TargetProfile {
  /** Loader codes that claude.ai turns into upload errors. */
  static final Set<String> CLAUDE_AI_ERRORS =
      Set.of(
          "unknown-key",
          "claude-code-key",
          "missing-name",
          "invalid-name",
          "description-too-long",
          "compatibility-too-long");

  /** Loader codes Claude Code has no quarrel with. */
  static final Set<String> CLAUDE_CODE_ACCEPTS =
      Set.of(
          "claude-code-key",
          "missing-name",
          "metadata-not-string",
          "allowed-tools-not-string",
          "allowed-tools-commas");

  private final Target target;

  TargetProfile(Target target) {
    this.target = target;
  }

  /** The diagnostics as {@link #target} sees them. */
  public List<Diagnostic> apply(List<Diagnostic> diagnostics) {
    List<Diagnostic> out = new ArrayList<>(diagnostics.size());
    for (Diagnostic d : diagnostics) {
      regrade(d).ifPresent(out::add);
    }
    return out;
  }

  private Optional<Diagnostic> regrade(Diagnostic d) {
    return switch (target) {
      case AGENTSKILLS -> Optional.of(d);
      case CLAUDE_CODE ->
          CLAUDE_CODE_ACCEPTS.contains(d.code()) ? Optional.empty() : Optional.of(d);
      case CLAUDE_AI -> Optional.of(CLAUDE_AI_ERRORS.contains(d.code()) ? forClaudeAi(d) : d);
    };
  }

  private static Diagnostic forClaudeAi(Diagnostic d) {
    String message =
        d.code().equals("claude-code-key")
            ? d.message()
                .replace(
                    "is a Claude Code extension, not in the Agent Skills specification",
                    "is a Claude Code extension")
            : d.message();
    return new Diagnostic(
        d.pos(), Severity.ERROR, d.code(), message + " (claude.ai uploads reject this)");
  }
}
