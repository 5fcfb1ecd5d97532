package dev.skillsite.cli;

import dev.skillsite.model.Diagnostic;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What {@code build} prints of its diagnostics: every error, and the warnings in full only when
 * there are few of them (or with {@code --verbose}); else one line per kind of warning, most
 * frequent first, with its count and its first few occurrences, so that a collection with thousands
 * of warnings does not bury the build's result.
 */
final class DiagnosticSummary {
  /** Up to this many warnings are printed in full. */
  static final int FEW = 10;

  /** Occurrences shown per kind of warning. */
  static final int EXAMPLES = 3;

  private DiagnosticSummary() {}

  static List<String> lines(List<Diagnostic> diagnostics, boolean verbose) {
    List<String> out = new ArrayList<>();
    List<Diagnostic> warnings = new ArrayList<>();
    for (Diagnostic d : diagnostics) {
      if (d.isError()) {
        out.add(d.format());
      } else {
        warnings.add(d);
      }
    }
    if (verbose || warnings.size() <= FEW) {
      warnings.forEach(d -> out.add(d.format()));
      return out;
    }
    Map<String, List<Diagnostic>> byKind = new LinkedHashMap<>();
    warnings.forEach(d -> byKind.computeIfAbsent(d.code(), k -> new ArrayList<>()).add(d));
    out.add(
        String.format(
            Locale.ROOT,
            "%,d warnings of %d kinds (all of them: build --verbose, or check):",
            warnings.size(),
            byKind.size()));
    byKind.entrySet().stream()
        .sorted(
            Comparator.comparing((Map.Entry<String, List<Diagnostic>> e) -> -e.getValue().size())
                .thenComparing(Map.Entry::getKey))
        .forEach(
            e -> {
              List<Diagnostic> ds = e.getValue();
              out.add(String.format(Locale.ROOT, "  %,6d  %s", ds.size(), e.getKey()));
              ds.stream().limit(EXAMPLES).forEach(d -> out.add("          " + d.format()));
              if (ds.size() > EXAMPLES) {
                out.add(
                    String.format(Locale.ROOT, "          … and %,d more", ds.size() - EXAMPLES));
              }
            });
    return out;
  }
}
