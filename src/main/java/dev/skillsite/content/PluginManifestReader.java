package dev.skillsite.content;

import com.google.gson.JsonObject;
import dev.skillsite.model.ContentPaths;
import dev.skillsite.model.Diagnostic;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a {@code <plugin>/.claude-plugin/plugin.json}: the plugin's name (else its folder name),
 * description, keywords, homepage (else a repository URL). Its skills are those under its folder.
 * Stateless.
 */
final class PluginManifestReader {
  /**
   * The declared plugins plus one per plugin.json whose folder holds a skill; a plugin.json in the
   * folder of a declared plugin (one without a skills list) only fills in what the declaration
   * leaves out.
   */
  List<PluginSpec> addManifests(
      Path root,
      List<PluginSpec> declared,
      List<String> manifests,
      Set<String> skillDirs,
      List<Diagnostic> diagnostics) {
    List<PluginSpec> plugins = new ArrayList<>(declared);
    for (String manifest : manifests) {
      String dir = ContentPaths.parent(ContentPaths.parent(manifest));
      if (skillDirs.stream().noneMatch(d -> ContentPaths.contains(dir, d))) {
        continue;
      }
      read(root, manifest, diagnostics)
          .ifPresent(
              spec -> {
                boolean merged = false;
                for (int i = 0; i < plugins.size(); i++) {
                  if (plugins.get(i).dir().equals(dir) && plugins.get(i).skillPaths().isEmpty()) {
                    plugins.set(i, plugins.get(i).completedBy(spec));
                    merged = true;
                  }
                }
                if (!merged) {
                  plugins.add(spec);
                }
              });
    }
    return plugins;
  }

  Optional<PluginSpec> read(Path root, String manifest, List<Diagnostic> diagnostics) {
    String dir = ContentPaths.parent(ContentPaths.parent(manifest));
    JsonSource json;
    try {
      json = JsonSource.read(root.resolve(manifest), manifest);
    } catch (ContentException e) {
      diagnostics.add(e.diagnostic());
      return Optional.empty();
    }
    Optional<JsonObject> top = JsonSource.object(json.root());
    if (top.isEmpty()) {
      diagnostics.add(
          Diagnostic.warning(
              dev.skillsite.model.SourcePos.of(manifest),
              "invalid-plugin",
              "plugin.json must hold a JSON object; it is ignored"));
      return Optional.empty();
    }
    JsonObject o = top.get();
    String folderName =
        dir.isEmpty() ? String.valueOf(root.getFileName()) : ContentPaths.fileName(dir);
    String name = JsonSource.string(o, "name").orElse(folderName);
    Optional<String> homepage =
        JsonSource.string(o, "homepage").or(() -> JsonSource.string(o, "repository"));
    return Optional.of(
        new PluginSpec(
            name,
            dir,
            List.of(),
            JsonSource.string(o, "description"),
            JsonSource.string(o, "category"),
            JsonSource.strings(o, "keywords"),
            homepage,
            json.pos(name)));
  }
}
