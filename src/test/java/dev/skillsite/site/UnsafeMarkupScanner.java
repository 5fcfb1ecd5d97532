package dev.skillsite.site;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Walks every HTML file of a site and reports executable markup: inline scripts (a script without
 * src, or with content), scripts from outside {@code assets/}, event-handler and style attributes,
 * frames, objects, forms other than our search box, and javascript:, vbscript: or data: URLs.
 * Reusable on any site folder.
 */
public final class UnsafeMarkupScanner {
  private static final Set<String> FORBIDDEN =
      Set.of("iframe", "frame", "object", "embed", "applet", "svg", "math", "base", "style");
  private static final Set<String> URL_ATTRIBUTES =
      Set.of(
          "href",
          "src",
          "action",
          "formaction",
          "xlink:href",
          "data",
          "poster",
          "srcset",
          "background",
          "cite",
          "content");

  private UnsafeMarkupScanner() {}

  /**
   * The two forbidden elements skillsite writes itself: a picture drawn at build time ({@code <svg
   * class="graph">} outside any rendered document) and the 404 page's inline stylesheet in its
   * head, allowed by its own hash in the page's Content-Security-Policy. Anything else of those
   * kinds came from content.
   */
  private static boolean ours(Document doc, Element e) {
    if (e.normalName().equals("svg")) {
      return e.hasClass("graph")
          && e.parents().stream().noneMatch(p -> p.hasClass("markdown-body"))
          && e.select("script, foreignObject, style, iframe, use, image").isEmpty();
    }
    if (e.normalName().equals("style")
        && e.parent() != null
        && e.parent().normalName().equals("head")) {
      Element csp = doc.selectFirst("meta[http-equiv=Content-Security-Policy]");
      return csp != null
          && csp.attr("content")
              .contains(
                  dev.skillsite.site.view.NotFoundPage.of(
                          e.data().getBytes(java.nio.charset.StandardCharsets.UTF_8))
                      .cssHash());
    }
    return false;
  }

  /** One line per problem: {@code page.html: what}, empty when the site is clean. */
  public static List<String> problems(Path siteDir) {
    List<String> problems = new ArrayList<>();
    for (Path file : BrokenLinkWalker.htmlFiles(siteDir)) {
      String page = siteDir.relativize(file).toString();
      Document doc;
      try {
        doc = Jsoup.parse(file.toFile(), "UTF-8");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      for (Element e : doc.getAllElements()) {
        String tag = e.normalName();
        if (FORBIDDEN.contains(tag) && !ours(doc, e)) {
          problems.add(page + ": <" + tag + ">");
        }
        if (tag.equals("script")
            && (!e.hasAttr("src") || !e.data().isBlank() || !isOurAsset(e.attr("src")))) {
          problems.add(page + ": inline or foreign script " + e.outerHtml());
        }
        if (tag.equals("form") && !e.attr("action").endsWith("search/index.html")) {
          problems.add(page + ": form " + e.attr("action"));
        }
        if (tag.equals("meta") && e.attr("http-equiv").equalsIgnoreCase("refresh")) {
          problems.add(page + ": meta refresh");
        }
        for (Attribute a : e.attributes()) {
          String key = a.getKey().toLowerCase(Locale.ROOT);
          String value = a.getValue().replaceAll("[\\s\\x00-\\x1f]", "").toLowerCase(Locale.ROOT);
          if (key.startsWith("on")) {
            problems.add(page + ": event handler " + a);
          }
          if (key.equals("style") || key.equals("srcdoc") || key.equals("formaction")) {
            problems.add(page + ": attribute " + a);
          }
          // a meta's content is text (a description may say "javascript:"), a URL only for
          // og:url, og:image and the like
          boolean text =
              tag.equals("meta")
                  && key.equals("content")
                  && !(e.attr("property") + e.attr("name"))
                      .toLowerCase(Locale.ROOT)
                      .matches(".*(url|image)$");
          if (URL_ATTRIBUTES.contains(key)
              && !text
              && (value.startsWith("javascript:")
                  || value.startsWith("vbscript:")
                  || value.startsWith("data:"))) {
            problems.add(page + ": dangerous URL " + a);
          }
        }
      }
    }
    return problems;
  }

  private static boolean isOurAsset(String src) {
    return src.matches("(\\.\\./)*assets/[a-z.-]+\\.js(\\?v=[0-9a-f]{10})?")
        || src.matches("https?://[^\"]+/assets/[a-z.-]+\\.js(\\?v=[0-9a-f]{10})?");
  }
}
