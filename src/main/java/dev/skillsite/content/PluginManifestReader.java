package dev.skillsite.content;

import com.google.gson.JsonObject;
import dev.skillsite.model.Diagnostic;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Reads a {@code <plugin>/.claude-plugin/plugin.json}: the plugin's name (else its folder name),
 * description, keywords, homepage (else a repository URL). Its skills are those under its folder. Stateless.
 */
final class PluginManifestReader {
  Optional<PluginSpec> read(Path root, String manifest, List<Diagnostic> diagnostics) {
    String dir = RelPaths.parent(RelPaths.parent(manifest));
    JsonSource json;
    try {
      json = JsonSource.read(root.resolve(manifest), manifest);
    } catch (ContentException e) {
      diagnostics.add(e.diagnostic());
      return Optional.empty();
    }
    Optional<JsonObject> top = JsonSource.object(json.root());
    if (top.isEmpty()) {
      diagnostics.add(Diagnostic.warning(dev.skillsite.model.SourcePos.of(manifest), "invalid-plugin",
          "plugin.json must hold a JSON object; it is ignored"));
      return Optional.empty();
    }
    JsonObject o = top.get();
    String folderName = dir.isEmpty() ? String.valueOf(root.getFileName()) : RelPaths.fileName(dir);
    String name = JsonSource.string(o, "name").orElse(folderName);
    Optional<String> homepage = JsonSource.string(o, "homepage").or(() -> JsonSource.string(o, "repository"));
    return Optional.of(new PluginSpec(name, dir, List.of(), JsonSource.string(o, "description"),
        JsonSource.string(o, "category"), JsonSource.strings(o, "keywords"), homepage, json.pos(name)));
  }
}
