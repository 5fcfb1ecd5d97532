package dev.skillsite.content;

import dev.skillsite.model.Diagnostic;
import java.util.List;

/**
 * What a walk of the content tree found, every path relative to the root and sorted in byte order.
 *
 * @param skillFiles every regular {@code SKILL.md} (or {@code skill.md})
 * @param markdownFiles every other regular {@code *.md} file
 * @param pluginManifests every {@code .claude-plugin/plugin.json}
 * @param diagnostics symbolic links and unreadable folders met on the way
 */
record ScanResult(
    List<String> skillFiles,
    List<String> markdownFiles,
    List<String> pluginManifests,
    List<Diagnostic> diagnostics) {
  ScanResult {
    skillFiles = List.copyOf(skillFiles);
    markdownFiles = List.copyOf(markdownFiles);
    pluginManifests = List.copyOf(pluginManifests);
    diagnostics = List.copyOf(diagnostics);
  }
}
