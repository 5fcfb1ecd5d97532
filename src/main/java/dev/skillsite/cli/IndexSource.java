package dev.skillsite.cli;

import dev.skillsite.routing.RouterFactory;
import dev.skillsite.routing.RoutingIndex;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * Where {@code route} and {@code eval} get their index: {@code --index DIR} (a built index),
 * {@code --content DIR} (load and index in memory), else {@code site-output/search/lucene/} if present,
 * else {@code content/}.
 */
final class IndexSource {
  static final Path DEFAULT_INDEX = Path.of("site-output", "search", "lucene");
  static final Path DEFAULT_CONTENT = Path.of("content");

  @Option(names = "--content", paramLabel = "DIR", description = "Content folder to load and index in memory.")
  Optional<Path> content = Optional.empty();

  @Option(names = "--index", paramLabel = "DIR", description = "A routing index written by build.")
  Optional<Path> index = Optional.empty();

  RoutingIndex open() throws IOException {
    if (content.isPresent() && index.isPresent()) {
      throw new IllegalArgumentException("give --content or --index, not both");
    }
    if (index.isPresent()) {
      return RoutingIndex.open(index.get());
    }
    if (content.isPresent()) {
      return RouterFactory.fromContent(content.get());
    }
    if (Files.isDirectory(DEFAULT_INDEX)) {
      return RoutingIndex.open(DEFAULT_INDEX);
    }
    if (Files.isDirectory(DEFAULT_CONTENT)) {
      return RouterFactory.fromContent(DEFAULT_CONTENT);
    }
    throw new IOException("no index at " + DEFAULT_INDEX + " and no content/ folder: give --content DIR or --index DIR");
  }
}
