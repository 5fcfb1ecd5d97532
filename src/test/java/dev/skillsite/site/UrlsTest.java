package dev.skillsite.site;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class UrlsTest {
  @Test
  void relativeHrefsBetweenSitePaths() {
    assertEquals(
        "../oban/index.html", Urls.relative("skills/otp/index.html", "skills/oban/index.html"));
    assertEquals("skills/otp/index.html", Urls.relative("index.html", "skills/otp/index.html"));
    assertEquals(
        "../../../index.html",
        Urls.relative("skills/otp/ref/references/api.html", "skills/index.html"));
    assertEquals(
        "files/a%20b.png", Urls.relative("skills/otp/index.html", "skills/otp/files/a b.png"));
    assertEquals(
        "index.html", Urls.relative("skills/otp/ref/x/index.html", "skills/otp/ref/x/index.html"));
  }

  @Test
  void rootPrefixCountsFolders() {
    assertEquals("", Urls.root("index.html"));
    assertEquals("../../", Urls.root("skills/otp/index.html"));
  }

  @Test
  void absoluteUrlsUseFolderStyleForIndexPages() {
    assertEquals("https://x.example/docs/", Urls.absolute("https://x.example/docs", "index.html"));
    assertEquals(
        "https://x.example/docs/skills/otp/",
        Urls.absolute("https://x.example/docs/", "skills/otp/index.html"));
    assertEquals(
        "https://x.example/sitemap.xml", Urls.absolute("https://x.example", "sitemap.xml"));
  }

  @Test
  void onlyWebUrlsAreExternalLinks() {
    assertEquals(Optional.of("https://github.com/a/b"), Urls.external(" https://github.com/a/b "));
    assertEquals(Optional.empty(), Urls.external("javascript:alert(1)"));
    assertEquals(Optional.empty(), Urls.external("https://x.example/\"onmouseover=1"));
    assertEquals(Optional.empty(), Urls.external("file:///etc/passwd"));
  }
}
