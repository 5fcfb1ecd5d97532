package dev.skillsite.check;

import dev.skillsite.model.Diagnostic;
import java.util.List;

/** One family of checks over a loaded collection. Implementations are stateless and thread-safe. */
public interface Rule {
  /** The findings of this rule, in any order. */
  List<Diagnostic> check(CheckContext context);
}
