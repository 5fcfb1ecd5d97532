package dev.skillsite.content;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.skillsite.model.ContentPaths;
import dev.skillsite.model.Diagnostic;
import dev.skillsite.model.SourcePos;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads {@value #PATH} at the content root: the marketplace name and metadata, and every plugin
 * with a local {@code source} folder (plugins fetched from elsewhere are ignored). Problems become
 * diagnostics; a broken file gives an empty marketplace. Stateless.
 */
final class MarketplaceReader {
  static final String PATH = ".claude-plugin/marketplace.json";

  Marketplace read(Path root, List<Diagnostic> diagnostics) {
    Path file = root.resolve(PATH);
    if (!Files.isRegularFile(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return Marketplace.none();
    }
    JsonSource json;
    try {
      json = JsonSource.read(file, PATH);
    } catch (ContentException e) {
      diagnostics.add(e.diagnostic());
      return Marketplace.none();
    }
    Optional<JsonObject> top = JsonSource.object(json.root());
    if (top.isEmpty()) {
      diagnostics.add(
          Diagnostic.error(
              SourcePos.of(PATH),
              "invalid-marketplace",
              "marketplace.json must hold a JSON object"));
      return Marketplace.none();
    }
    JsonObject o = top.get();
    Optional<JsonObject> meta = JsonSource.object(o.get("metadata"));
    Optional<String> pluginRoot = meta.flatMap(m -> JsonSource.string(m, "pluginRoot"));
    List<PluginSpec> plugins = new ArrayList<>();
    if (o.get("plugins") instanceof com.google.gson.JsonArray array) {
      for (JsonElement e : array) {
        plugin(root, json, e, pluginRoot, diagnostics).ifPresent(plugins::add);
      }
    }
    return new Marketplace(
        JsonSource.string(o, "name"),
        meta.flatMap(m -> JsonSource.string(m, "description"))
            .or(() -> JsonSource.string(o, "description")),
        meta.flatMap(m -> JsonSource.string(m, "homepage"))
            .or(() -> JsonSource.string(o, "homepage")),
        plugins);
  }

  private static Optional<PluginSpec> plugin(
      Path root,
      JsonSource json,
      JsonElement e,
      Optional<String> pluginRoot,
      List<Diagnostic> diagnostics) {
    Optional<JsonObject> entry = JsonSource.object(e);
    Optional<String> name = entry.flatMap(p -> JsonSource.string(p, "name"));
    if (name.isEmpty()) {
      diagnostics.add(
          Diagnostic.warning(
              SourcePos.of(PATH),
              "invalid-plugin",
              "marketplace.json has a plugin entry without a name; it is ignored"));
      return Optional.empty();
    }
    JsonObject p = entry.get();
    Optional<String> source = JsonSource.string(p, "source");
    if (source.isEmpty()) {
      return Optional.empty();
    }
    String written = source.get();
    String base = written.startsWith(".") ? "" : pluginRoot.orElse("");
    SourcePos sourcePos = json.pos(written);
    Optional<String> dir = RelPaths.normalize(base, written);
    if (dir.isEmpty()) {
      diagnostics.add(
          Diagnostic.warning(
              sourcePos,
              "invalid-plugin-source",
              "plugin '"
                  + name.get()
                  + "' has source '"
                  + written
                  + "' outside the content root; it is ignored"));
      return Optional.empty();
    }
    if (!Files.isDirectory(root.resolve(dir.get()), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      diagnostics.add(
          Diagnostic.warning(
              sourcePos,
              "missing-plugin-source",
              "plugin '" + name.get() + "' has source '" + written + "', which is not a folder"));
      return Optional.empty();
    }
    List<PluginSpec.SkillPath> skills = new ArrayList<>();
    for (String path : JsonSource.strings(p, "skills")) {
      Optional<String> skillDir =
          RelPaths.normalize(dir.get(), path)
              .map(
                  d ->
                      SkillScanner.SKILL_FILE_NAMES.contains(ContentPaths.fileName(d))
                          ? ContentPaths.parent(d)
                          : d);
      if (skillDir.isEmpty()) {
        diagnostics.add(
            Diagnostic.warning(
                json.pos(path),
                "invalid-skill-path",
                "plugin '"
                    + name.get()
                    + "' lists skill path '"
                    + path
                    + "' outside the content root"));
      } else {
        skills.add(new PluginSpec.SkillPath(path, skillDir.get(), json.pos(path)));
      }
    }
    return Optional.of(
        new PluginSpec(
            name.get(),
            dir.get(),
            skills,
            JsonSource.string(p, "description"),
            JsonSource.string(p, "category"),
            JsonSource.strings(p, "keywords"),
            JsonSource.string(p, "homepage"),
            json.pos(name.get())));
  }
}
