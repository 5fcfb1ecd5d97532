package dev.skillsite.markdown;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Entities;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.safety.Cleaner;
import org.jsoup.safety.Safelist;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * An allowlist HTML sanitizer for rendered Markdown: text formatting, lists, tables, code, links to
 * http, https, mailto, in-page anchors and relative paths, and relative images. No scripts, frames,
 * objects, forms, styles or event handlers survive; images from other hosts are turned into links
 * so that no page makes an external request. Thread-safe.
 */
public final class HtmlSanitizer {
  /**
   * The URL schemes a link may have (besides relative and in-page links), with or without this
   * sanitizer.
   */
  public static final List<String> LINK_SCHEMES = List.of("http", "https", "mailto");

  private static final String BASE = "https://skillsite.invalid/";
  private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");
  private final Safelist safelist;

  public HtmlSanitizer() {
    safelist =
        new Safelist()
            .addTags(
                "a",
                "abbr",
                "b",
                "blockquote",
                "br",
                "caption",
                "cite",
                "code",
                "col",
                "colgroup",
                "dd",
                "del",
                "details",
                "div",
                "dl",
                "dt",
                "em",
                "h1",
                "h2",
                "h3",
                "h4",
                "h5",
                "h6",
                "hr",
                "i",
                "img",
                "input",
                "ins",
                "kbd",
                "li",
                "mark",
                "ol",
                "p",
                "pre",
                "q",
                "s",
                "samp",
                "small",
                "span",
                "strike",
                "strong",
                "sub",
                "summary",
                "sup",
                "table",
                "tbody",
                "td",
                "tfoot",
                "th",
                "thead",
                "tr",
                "u",
                "ul",
                "var")
            .addAttributes("a", "href", "title")
            .addAttributes("img", "src", "alt", "title", "width", "height")
            .addAttributes("abbr", "title")
            .addAttributes("code", "class")
            .addAttributes("h1", "id")
            .addAttributes("h2", "id")
            .addAttributes("h3", "id")
            .addAttributes("h4", "id")
            .addAttributes("h5", "id")
            .addAttributes("h6", "id")
            .addAttributes("th", "align", "colspan", "rowspan")
            .addAttributes("td", "align", "colspan", "rowspan")
            .addAttributes("col", "span")
            .addAttributes("colgroup", "span")
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

  /**
   * Where the relative URLs left in cleaned HTML lead: a site href, or nowhere (the element is
   * dropped).
   */
  public interface UrlResolver {
    Optional<String> resolve(String url, boolean image);
  }

  /** Cleans a fragment of HTML; relative URLs are kept as they are. */
  public SanitizedHtml clean(String html) {
    return clean(html, (url, image) -> Optional.of(url));
  }

  /**
   * Cleans a fragment of HTML (rendered Markdown, raw HTML included) and passes every relative link
   * and image URL through {@code resolver}: a link that resolves nowhere becomes its text, an image
   * its alt text. Remote images become links, so that the page makes no external request.
   */
  public SanitizedHtml clean(String html, UrlResolver resolver) {
    Document dirty = Jsoup.parseBodyFragment(html, BASE);
    Document clean = new Cleaner(safelist).clean(dirty);
    Document out = Document.createShell(BASE);
    // one pass that copies the cleaned tree, resolving links and images on the way: replacing or
    // unwrapping
    // elements in place costs time in the number of their siblings each (issue 26: 20,000
    // unresolved links
    // in one paragraph took 17 s)
    Deque<Element> parents = new ArrayDeque<>();
    parents.push(out.body());
    NodeTraversor.traverse(
        new NodeVisitor() {
          @Override
          public void head(Node node, int depth) {
            if (depth == 0) {
              return;
            }
            if (!(node instanceof Element el)) {
              parents.peek().appendChild(node.shallowClone());
              return;
            }
            Element parent = parents.peek();
            if (el.nameIs("img")) {
              parent.appendChild(replacementOf(el, resolver));
              parents.push(new Element("img")); // holds nothing: an image has no children
              return;
            }
            Optional<Element> copy = copyOf(el, resolver);
            copy.ifPresent(parent::appendChild);
            parents.push(copy.orElse(parent));
          }

          @Override
          public void tail(Node node, int depth) {
            if (depth > 0 && node instanceof Element) {
              parents.pop();
            }
          }
        },
        clean.body());
    out.outputSettings().prettyPrint(false).escapeMode(Entities.EscapeMode.base);
    return new SanitizedHtml(out.body().html());
  }

  /**
   * An element's copy without children; none for a link that leads nowhere (its children take its
   * place).
   */
  private static Optional<Element> copyOf(Element el, UrlResolver resolver) {
    Element copy = el.shallowClone();
    if (!el.nameIs("a")) {
      return Optional.of(copy);
    }
    String href = el.attr("href");
    if (isRemote(href)) {
      return Optional.of(copy.attr("rel", "nofollow noopener noreferrer"));
    }
    Optional<String> resolved = href.isEmpty() ? Optional.empty() : resolver.resolve(href, false);
    return resolved.map(r -> copy.attr("href", r));
  }

  /**
   * What an image becomes: a link when remote (no page makes an external request), its alt text
   * when unresolved.
   */
  private static Node replacementOf(Element img, UrlResolver resolver) {
    String src = img.attr("src");
    if (isRemote(src)) {
      return new Element("a")
          .attr("href", src)
          .attr("rel", "nofollow noopener noreferrer")
          .text(img.attr("alt").isBlank() ? src : img.attr("alt"));
    }
    Optional<String> resolved = src.isEmpty() ? Optional.empty() : resolver.resolve(src, true);
    if (resolved.isPresent() && !isRemote(resolved.get())) {
      return img.shallowClone().attr("src", resolved.get());
    }
    return new TextNode(img.attr("alt"));
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
