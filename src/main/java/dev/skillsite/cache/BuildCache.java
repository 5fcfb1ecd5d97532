package dev.skillsite.cache;

import dev.skillsite.model.Skill;
import dev.skillsite.model.SkillId;
import dev.skillsite.routing.RoutingIndex;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The build cache of one build: what it may use again of the site published before ({@code
 * published}) and what it leaves in its own staging folder for the next build. Every part is keyed
 * by a {@link CacheKey}; a part whose key differs, or that is missing or damaged, is made again,
 * and the site is the same either way. Without the cache ({@code build --no-cache}) nothing is read
 * or written.
 */
public final class BuildCache {
  /**
   * The folder of a site that holds its build cache: not part of the published site (no page links
   * to it, {@code serve} does not serve it, a deployment may leave it out).
   */
  public static final String FOLDER = ".skillsite-cache";

  /** What the published routing index was built from: its {@link CacheKey}. */
  static final String INDEX_KEY = FOLDER + "/index.key";

  /** What was asked of that index ({@link IndexAnswers}). */
  public static final String INDEX_ANSWERS = FOLDER + "/index-answers.bin";

  /**
   * Each skill of the published routing index with the digest of its document ({@code
   * RoutingIndex.skillDigests}), one {@code id TAB digest} line each, in index order.
   */
  static final String INDEX_DOCS = FOLDER + "/index-docs.txt";

  /** The files of the browser search export, with their sizes and checksums. */
  public static final String SEARCH_EXPORT = FOLDER + "/search-export.list";

  /** Every rendered document, with what its rendering asked (written by the site). */
  public static final String DOCUMENTS = FOLDER + "/documents.bin";

  /** The audit's findings by file path and content hash (written by the audit). */
  public static final String AUDIT_FINDINGS = FOLDER + "/audit-findings.bin";

  private final Path published;
  private final boolean enabled;

  private BuildCache(Path published, boolean enabled) {
    this.published = published;
    this.enabled = enabled;
  }

  /** The cache of a build into {@code published}; {@code enabled} false reads and writes none. */
  public static BuildCache of(Path published, boolean enabled) {
    return new BuildCache(published, enabled);
  }

  public boolean enabled() {
    return enabled;
  }

  /**
   * The published routing index at {@code dir} (relative to the site), read back into memory, when
   * its key is {@code key} and it holds exactly {@code skills}; empty otherwise.
   */
  public Optional<RoutingIndex> index(CacheKey key, String dir, List<Skill> skills) {
    return enabled && key.value().equals(readKey())
        ? RoutingIndex.reuse(published.resolve(dir), skills)
        : Optional.empty();
  }

  /** What the last build asked of the index whose key is {@code key}, when it kept that. */
  public Optional<IndexAnswers> answers(CacheKey key) {
    return enabled
        ? IndexAnswers.read(published.resolve(INDEX_ANSWERS), key.value())
        : Optional.empty();
  }

  /**
   * The routing index the published site holds, as the build cache describes it, for a build whose
   * index differs: its key, its skills and their documents' digests, and what was asked of it.
   *
   * @param dir where the index is in the site
   */
  public record Earlier(
      String key, List<SkillId> ids, List<String> digests, IndexAnswers answers, Path dir) {}

  /**
   * The published routing index at {@code dir}, when the cache describes it whole (key, documents
   * and answers of the same key); empty otherwise, or without the cache.
   */
  public Optional<Earlier> earlier(String dir) {
    if (!enabled) {
      return Optional.empty();
    }
    String key = readKey();
    Path docs = published.resolve(INDEX_DOCS);
    if (key.isEmpty() || !Files.isRegularFile(docs, LinkOption.NOFOLLOW_LINKS)) {
      return Optional.empty();
    }
    try {
      List<SkillId> ids = new ArrayList<>();
      List<String> digests = new ArrayList<>();
      for (String line : Files.readAllLines(docs, StandardCharsets.UTF_8)) {
        int tab = line.indexOf('\t');
        if (tab < 0) {
          return Optional.empty();
        }
        ids.add(new SkillId(line.substring(0, tab)));
        digests.add(line.substring(tab + 1));
      }
      return IndexAnswers.read(published.resolve(INDEX_ANSWERS), key)
          .map(
              a ->
                  new Earlier(
                      key, List.copyOf(ids), List.copyOf(digests), a, published.resolve(dir)));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** Leaves each indexed skill's id and document digest in {@code staging} for the next build. */
  public void keepDocs(Path staging, List<SkillId> ids, List<String> digests) throws IOException {
    if (enabled) {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < ids.size(); i++) {
        sb.append(ids.get(i).value()).append('\t').append(digests.get(i)).append('\n');
      }
      Path file = staging.resolve(INDEX_DOCS);
      Files.createDirectories(file.getParent());
      Files.writeString(file, sb, StandardCharsets.UTF_8);
    }
  }

  /** Leaves the index key and {@code answers} in {@code staging} for the next build. */
  public void keepIndex(Path staging, CacheKey key, IndexAnswers answers) throws IOException {
    if (enabled) {
      Path file = staging.resolve(INDEX_KEY);
      Files.createDirectories(file.getParent());
      Files.writeString(file, key.value(), StandardCharsets.UTF_8);
      answers.write(staging.resolve(INDEX_ANSWERS), key.value());
    }
  }

  /**
   * Links the published browser search export into {@code staging} when its key is {@code key} and
   * its files are intact.
   *
   * @return whether it was used again; when not, {@code staging} holds none of it
   */
  public boolean reuseSearchExport(Path staging, CacheKey key) {
    return enabled && SearchExportCache.reuse(published, staging, key);
  }

  /** Lists the search export just written into {@code staging} ({@code files}, relative). */
  public void keepSearchExport(Path staging, CacheKey key, List<String> files) throws IOException {
    if (enabled) {
      SearchExportCache.record(staging, key, files);
    }
  }

  /** The key of a search export of the index {@code index} that shows {@code shown}. */
  public static CacheKey searchKey(
      CacheKey index, List<dev.skillsite.search.SearchIndexWriter.Display> shown) {
    return SearchExportCache.key(index, shown);
  }

  /** The published site's audit findings by file, when this build uses the cache. */
  public Optional<Path> auditFindings() {
    return enabled ? Optional.of(published.resolve(AUDIT_FINDINGS)) : Optional.empty();
  }

  /** The key of the audit's findings by file: the code (which holds the rule table). */
  public static CacheKey auditKey() {
    return CacheKey.code().digest(List.of("audit"));
  }

  /** The index key the published site holds, or "" without one. */
  private String readKey() {
    Path key = published.resolve(INDEX_KEY);
    try {
      return Files.isRegularFile(key, LinkOption.NOFOLLOW_LINKS) && Files.size(key) < 4096
          ? Files.readString(key, StandardCharsets.UTF_8)
          : "";
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }
}
