package dev.skillsite.cli;

import dev.skillsite.routing.RouterFactory;
import dev.skillsite.routing.RoutingIndex;
import dev.skillsite.routing.SolrHttp;
import dev.skillsite.routing.SolrSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * Where {@code route} and {@code eval} get their index: {@code --index DIR} (a built index), {@code
 * --content DIR} (load and index in memory), else {@code site-output/search/lucene/} if present,
 * else {@code content/}; or a SolrCloud collection ({@code --solr URL --collection NAME}, see
 * docs/solr.md).
 */
final class IndexSource {
  static final Path DEFAULT_INDEX = Path.of("site-output", "search", "lucene");
  static final Path DEFAULT_CONTENT = Path.of("content");

  @Option(
      names = "--content",
      paramLabel = "DIR",
      description = "Content folder to load and index in memory.")
  Optional<Path> content = Optional.empty();

  @Option(names = "--index", paramLabel = "DIR", description = "A routing index written by build.")
  Optional<Path> index = Optional.empty();

  @Option(
      names = "--solr",
      paramLabel = "URL[,URL…]",
      description =
          "Route through a SolrCloud collection (made from export --solr): the base URL of one or more of"
              + " its nodes, e.g. http://localhost:8983/solr; needs --collection.")
  Optional<String> solr = Optional.empty();

  @Option(
      names = "--collection",
      paramLabel = "NAME",
      description = "The SolrCloud collection of --solr.")
  Optional<String> collection = Optional.empty();

  /** Whether the skills are a SolrCloud collection's (then {@link #open} is not used). */
  boolean isSolr() {
    if (solr.isPresent() != collection.isPresent()) {
      throw new IllegalArgumentException("--solr and --collection go together");
    }
    if (solr.isPresent() && (content.isPresent() || index.isPresent())) {
      throw new IllegalArgumentException("give --solr or --content/--index, not both");
    }
    return solr.isPresent();
  }

  /** The collection given with {@code --solr} and {@code --collection}. */
  SolrSource openSolr() throws IOException {
    return new SolrSource(
        new SolrHttp(SolrHttp.parseNodes(solr.orElseThrow()), collection.orElseThrow()));
  }

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
    throw new IOException(
        "no index at "
            + DEFAULT_INDEX
            + " and no content/ folder: give --content DIR or --index DIR");
  }
}
