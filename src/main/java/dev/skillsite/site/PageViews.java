package dev.skillsite.site;

import dev.skillsite.model.SiteConfig;
import dev.skillsite.site.view.CreditView;
import dev.skillsite.site.view.PageView;
import dev.skillsite.site.view.SiteView;
import java.util.Optional;

/** The layout's views: the site's, and each page's (relative root, canonical URL). */
final class PageViews {
  private final SiteConfig config;
  private final InstallCommand install;

  PageViews(SiteConfig config, InstallCommand install) {
    this.config = config;
    this.install = install;
  }

  /**
   * @param health whether the site has a routing health page
   */
  SiteView site(boolean health) {
    Optional<CreditView> upstream =
        config
            .upstream()
            .map(
                u ->
                    new CreditView(
                        u.name(),
                        u.url().flatMap(Urls::external).orElse(""),
                        u.license().orElse(""),
                        count(u.stars()),
                        count(u.forks())));
    return new SiteView(
        config.title(),
        config.description().orElse(""),
        install.repoUrl().orElse(""),
        install.repoLabel(),
        count(config.stars()),
        count(config.forks()),
        upstream.stream().toList(),
        "en",
        health);
  }

  PageView page(String path, String title, String description, PageKind kind, boolean code) {
    return page(
        config.title(),
        config.baseUrl().flatMap(Urls::external),
        path,
        title,
        description,
        kind,
        code);
  }

  /** The site's external base URL, if it has one (what canonical URLs start with). */
  Optional<String> base() {
    return config.baseUrl().flatMap(Urls::external);
  }

  /** {@link #page} of a site titled {@code siteTitle} whose external base URL is {@code base}. */
  static PageView page(
      String siteTitle,
      Optional<String> base,
      String path,
      String title,
      String description,
      PageKind kind,
      boolean code) {
    String fullTitle = title.equals(siteTitle) ? title : title + " · " + siteTitle;
    String canonical = base.map(b -> Urls.absolute(b, path)).orElse("");
    return new PageView(
        fullTitle,
        Summaries.clip(description, Summaries.META),
        Urls.root(path),
        canonical,
        kind.template(),
        code);
  }

  /**
   * 404.html is served at any depth: its links start at the base URL, else they are relative to the
   * site's root (right at its top level; {@code serve} gives the page a {@code <base>} of its root
   * at any depth). Its style is inline ({@link dev.skillsite.site.view.NotFoundPage}), so it is
   * styled wherever it is served.
   */
  PageView notFound() {
    String root =
        config.baseUrl().flatMap(Urls::external).map(b -> b.endsWith("/") ? b : b + "/").orElse("");
    return new PageView(
        "Page not found · " + config.title(),
        "This page does not exist.",
        root,
        "",
        PageKind.NOT_FOUND.template(),
        false);
  }

  static String count(Optional<Integer> n) {
    return n.map(String::valueOf).orElse("");
  }
}
