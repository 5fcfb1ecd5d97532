package dev.skillsite.check;

import java.util.Arrays;
import java.util.Optional;

/** The product a collection is checked for: each accepts a different frontmatter. */
public enum Target {
  /** The Agent Skills specification and its reference validator. */
  AGENTSKILLS("agentskills"),
  /** Claude Code: its extra frontmatter keys are allowed and {@code name} is optional. */
  CLAUDE_CODE("claude-code"),
  /** Uploads to claude.ai: unknown keys, XML tags and reserved words are rejected. */
  CLAUDE_AI("claude-ai");

  private final String label;

  Target(String label) {
    this.label = label;
  }

  /** The name used on the command line. */
  public String label() {
    return label;
  }

  public static Optional<Target> parse(String label) {
    return Arrays.stream(values()).filter(t -> t.label.equals(label)).findFirst();
  }

  @Override
  public String toString() {
    return label;
  }
}
