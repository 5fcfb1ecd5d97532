package dev.skillsite.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Site-wide settings: from {@code skillsite.yaml} at the content root, then marketplace metadata, then
 * defaults; {@code --base-url} overrides {@code baseUrl}.
 *
 * @param installTemplate command with placeholders {@code {repo}}, {@code {branch}}, {@code {path}}
 *     (skill folder relative to the content root), {@code {name}}
 * @param related declared related skills: skill name to names of other skills
 */
public record SiteConfig(
    String title,
    Optional<String> description,
    Optional<String> baseUrl,
    Optional<String> repoUrl,
    String branch,
    Optional<String> installTemplate,
    Optional<Integer> stars,
    Optional<Integer> forks,
    Map<String, List<String>> related) {
  public SiteConfig {
    related = Map.copyOf(related);
  }

  public static SiteConfig defaults(String title) {
    return new SiteConfig(title, Optional.empty(), Optional.empty(), Optional.empty(), "main",
        Optional.empty(), Optional.empty(), Optional.empty(), Map.of());
  }

  public SiteConfig withBaseUrl(String url) {
    return new SiteConfig(title, description, Optional.of(url), repoUrl, branch, installTemplate, stars,
        forks, related);
  }
}
