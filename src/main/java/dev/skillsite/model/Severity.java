package dev.skillsite.model;

/** How bad a {@link Diagnostic} is. An error skips the skill it concerns; a warning does not. */
public enum Severity {
  ERROR,
  WARNING;

  /** The word printed in diagnostics: {@code error} or {@code warning}. */
  public String label() {
    return this == ERROR ? "error" : "warning";
  }
}
