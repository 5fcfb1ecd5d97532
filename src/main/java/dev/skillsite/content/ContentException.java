package dev.skillsite.content;

import dev.skillsite.model.Diagnostic;

/**
 * A problem that stops one file from loading; carries the diagnostic to report. Never escapes the
 * loader.
 */
final class ContentException extends Exception {
  private static final long serialVersionUID = 1L;
  private final transient Diagnostic diagnostic;

  ContentException(Diagnostic diagnostic) {
    super(diagnostic.format(), null, false, false);
    this.diagnostic = diagnostic;
  }

  Diagnostic diagnostic() {
    return diagnostic;
  }
}
