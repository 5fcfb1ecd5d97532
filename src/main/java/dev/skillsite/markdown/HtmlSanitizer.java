package dev.skillsite.markdown;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Entities;
import org.jsoup.nodes.TextNode;
import org.jsoup.safety.Cleaner;
import org.jsoup.safety.Safelist;

/**
 * An allowlist HTML sanitizer for rendered Markdown: text formatting, lists, tables, code, links to http,
 * https, mailto, in-page anchors and relative paths, and relative images. No scripts, frames, objects,
 * forms, styles or event handlers survive; images from other hosts are turned into links so that no page
 * makes an external request. Thread-safe.
 */
public final class HtmlSanitizer {
  /** The URL schemes a link may have (besides relative and in-page links), with or without this sanitizer. */
  public static final List<String> LINK_SCHEMES = List.of("http", "https", "mailto");
  private static final String BASE = "https://skillsite.invalid/";
  private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");
  private final Safelist safelist;

  public HtmlSanitizer() {
    safelist = new Safelist()
        .addTags("a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup", "dd",
            "del", "details", "div", "dl", "dt", "em", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img",
            "input", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "samp", "small", "span", "strike",
            "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul",
            "var")
        .addAttributes("a", "href", "title")
        .addAttributes("img", "src", "alt", "title", "width", "height")
        .addAttributes("abbr", "title")
        .addAttributes("code", "class")
        .addAttributes("h1", "id").addAttributes("h2", "id").addAttributes("h3", "id")
        .addAttributes("h4", "id").addAttributes("h5", "id").addAttributes("h6", "id")
        .addAttributes("th", "align", "colspan", "rowspan")
        .addAttributes("td", "align", "colspan", "rowspan")
        .addAttributes("col", "span").addAttributes("colgroup", "span")
        .addAttributes("ol", "start", "type")
        .addAttributes("input", "checked")
        .addAttributes("details", "open")
        .addEnforcedAttribute("input", "type", "checkbox")
        .addEnforcedAttribute("input", "disabled", "disabled")
        // a task list's box: its state is read out as a checkbox's; the label says what it is
        .addEnforcedAttribute("input", "aria-label", "Task")
        .addProtocols("a", "href", linkProtocols())
        .addProtocols("img", "src", "http", "https")
        .preserveRelativeLinks(true);
  }

  /** Where the relative URLs left in cleaned HTML lead: a site href, or nowhere (the element is dropped). */
  public interface UrlResolver {
    Optional<String> resolve(String url, boolean image);
  }

  /** Cleans a fragment of HTML; relative URLs are kept as they are. */
  public SanitizedHtml clean(String html) {
    return clean(html, (url, image) -> Optional.of(url));
  }

  /**
   * Cleans a fragment of HTML (rendered Markdown, raw HTML included) and passes every relative link and image
   * URL through {@code resolver}: a link that resolves nowhere becomes its text, an image its alt text.
   * Remote images become links, so that the page makes no external request.
   */
  public SanitizedHtml clean(String html, UrlResolver resolver) {
    Document dirty = Jsoup.parseBodyFragment(html, BASE);
    Document clean = new Cleaner(safelist).clean(dirty);
    for (Element img : clean.select("img")) {
      String src = img.attr("src");
      if (isRemote(src)) {
        Element link = new Element("a").attr("href", src).attr("rel", "nofollow noopener noreferrer")
            .text(img.attr("alt").isBlank() ? src : img.attr("alt"));
        img.replaceWith(link);
        continue;
      }
      Optional<String> resolved = src.isEmpty() ? Optional.empty() : resolver.resolve(src, true);
      if (resolved.isPresent() && !isRemote(resolved.get())) {
        img.attr("src", resolved.get());
      } else {
        img.replaceWith(new TextNode(img.attr("alt")));
      }
    }
    for (Element a : clean.select("a")) {
      String href = a.attr("href");
      if (isRemote(href)) {
        a.attr("rel", "nofollow noopener noreferrer");
        continue;
      }
      Optional<String> resolved = href.isEmpty() ? Optional.empty() : resolver.resolve(href, false);
      if (resolved.isPresent()) {
        a.attr("href", resolved.get());
      } else {
        a.unwrap();
      }
    }
    clean.outputSettings().prettyPrint(false).escapeMode(Entities.EscapeMode.base);
    return new SanitizedHtml(clean.body().html());
  }

  private static String[] linkProtocols() {
    List<String> p = new ArrayList<>(LINK_SCHEMES);
    p.add("#");
    return p.toArray(String[]::new);
  }

  private static boolean isRemote(String url) {
    return SCHEME.matcher(url).find() || url.startsWith("//") || url.startsWith("\\\\");
  }

  /** Plain text as HTML. */
  public SanitizedHtml escape(String text) {
    return new SanitizedHtml(Entities.escape(text));
  }
}
