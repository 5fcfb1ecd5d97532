package dev.skillsite.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Site-wide settings: from {@code skillsite.yaml} at the content root, then marketplace metadata,
 * then defaults; {@code --base-url} overrides {@code baseUrl}.
 *
 * @param repoUrl web URL of the Git repository holding the content, for source links
 * @param repoPath where the content root sits inside that repository ({@code ""} for its root)
 * @param installTemplate command with placeholders {@code {repo}}, {@code {branch}}, {@code {path}}
 *     (skill folder relative to the repository root) and {@code {name}}
 * @param stars stars of this collection's repository, where known
 * @param upstream the collection this one is based on, credited on every page
 * @param related declared related skills: skill name to names of other skills
 * @param threshold the confidence a skill needs to fire in this collection ({@code
 *     routing.threshold}), when it is not the calibrated default
 * @param summaries one-sentence summaries the collection gives its skills ({@code summaries:}), by
 *     skill name or id, over the ones derived from the descriptions
 * @param marketplace the Claude Code plugin marketplace at the content root ({@code
 *     .claude-plugin/marketplace.json})
 */
public record SiteConfig(
    String title,
    Optional<String> description,
    Optional<String> baseUrl,
    Optional<String> repoUrl,
    String branch,
    String repoPath,
    Optional<String> installTemplate,
    Optional<Integer> stars,
    Optional<Integer> forks,
    Optional<Upstream> upstream,
    Map<String, List<String>> related,
    Optional<Double> threshold,
    Map<String, String> summaries,
    Optional<PluginMarketplace> marketplace) {
  public SiteConfig {
    related = Map.copyOf(related);
    summaries = Map.copyOf(summaries);
  }

  /** Without summaries of the collection's own or a marketplace. */
  public SiteConfig(
      String title,
      Optional<String> description,
      Optional<String> baseUrl,
      Optional<String> repoUrl,
      String branch,
      String repoPath,
      Optional<String> installTemplate,
      Optional<Integer> stars,
      Optional<Integer> forks,
      Optional<Upstream> upstream,
      Map<String, List<String>> related,
      Optional<Double> threshold) {
    this(
        title,
        description,
        baseUrl,
        repoUrl,
        branch,
        repoPath,
        installTemplate,
        stars,
        forks,
        upstream,
        related,
        threshold,
        Map.of(),
        Optional.empty());
  }

  /**
   * A Claude Code plugin marketplace: its {@code name} and the names of its plugins with a local
   * source.
   */
  public record PluginMarketplace(String name, List<String> plugins) {
    public PluginMarketplace {
      plugins = List.copyOf(plugins);
    }
  }

  /** A collection this one is based on. */
  public record Upstream(
      String name,
      Optional<String> url,
      Optional<String> license,
      Optional<Integer> stars,
      Optional<Integer> forks) {}

  public static SiteConfig defaults(String title) {
    return new SiteConfig(
        title,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        "main",
        "",
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Map.of(),
        Optional.empty());
  }

  /**
   * Whether {@code url} may be a site's base URL: absolute http(s), no space, quote or angle
   * bracket.
   */
  public static boolean isSiteUrl(String url) {
    return url.matches("(?i)https?://[^\\s/?#\"'<>`\\\\]+(/[^\\s\"'<>`\\\\]*)?");
  }

  public SiteConfig withBaseUrl(String url) {
    return new SiteConfig(
        title,
        description,
        Optional.of(url),
        repoUrl,
        branch,
        repoPath,
        installTemplate,
        stars,
        forks,
        upstream,
        related,
        threshold,
        summaries,
        marketplace);
  }
}
