package dev.skillsite.site.view;

import java.util.List;

/**
 * What every page shows about the site.
 *
 * @param description {@code ""} when not set
 * @param repoUrl the content's repository (http or https), {@code ""} when not known
 * @param upstream the collection this one is based on: zero or one credit
 * @param health whether the site has a routing health page ({@code health/index.html}) to link to
 */
public record SiteView(
    String title,
    String description,
    String repoUrl,
    String repoLabel,
    String stars,
    String forks,
    List<CreditView> upstream,
    String lang,
    boolean health) {
  public SiteView {
    upstream = List.copyOf(upstream);
  }
}
