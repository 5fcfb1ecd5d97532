package dev.skillsite.content;

import java.util.List;
import java.util.Optional;

/**
 * The parts of {@code .claude-plugin/marketplace.json} the site uses.
 *
 * @param plugins the plugins with a local source folder, in file order
 */
record Marketplace(
    Optional<String> name,
    Optional<String> description,
    Optional<String> homepage,
    List<PluginSpec> plugins) {
  Marketplace {
    plugins = List.copyOf(plugins);
  }

  static Marketplace none() {
    return new Marketplace(Optional.empty(), Optional.empty(), Optional.empty(), List.of());
  }
}
