package dev.skillsite.markdown;

import dev.skillsite.model.ContentPaths;
import dev.skillsite.model.Diagnostic;
import dev.skillsite.model.SourcePos;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.SourceSpan;
import org.commonmark.node.Text;

/**
 * Rewrites the links and images of one document to the pages and files the site publishes. Targets
 * outside the skill folder or the content root, absolute paths and {@code file:} URLs are not
 * followed: the link becomes its text, with a warning. Remote images become links, so that pages
 * make no external request.
 */
final class LinkRewriter {
  private static final Pattern SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*):");
  private static final Pattern WINDOWS_PATH = Pattern.compile("^[A-Za-z]:[\\\\/]");

  private final LinkTargets targets;
  private final List<Diagnostic> diagnostics;
  private final Set<String> produced = new HashSet<>();
  private final List<RawHtml> rawHtml = new ArrayList<>();
  private final SourceDocument doc;

  /** A piece of raw HTML in the document and where it starts. */
  private record RawHtml(String literal, SourcePos pos) {}

  LinkRewriter(LinkTargets targets, SourceDocument doc, List<Diagnostic> diagnostics) {
    this.targets = targets;
    this.doc = doc;
    this.diagnostics = diagnostics;
  }

  void rewrite(Node root) {
    List<Node> found = new ArrayList<>();
    root.accept(
        new AbstractVisitor() {
          @Override
          public void visit(HtmlInline html) {
            rawHtml.add(new RawHtml(html.getLiteral(), position(html, doc)));
          }

          @Override
          public void visit(HtmlBlock html) {
            rawHtml.add(new RawHtml(html.getLiteral(), position(html, doc)));
          }

          @Override
          public void visit(Link link) {
            found.add(link);
            visitChildren(link);
          }

          @Override
          public void visit(Image image) {
            found.add(image);
            visitChildren(image);
          }
        });
    for (Node node : found) {
      if (node instanceof Link link) {
        rewriteLink(link);
      } else if (node instanceof Image image) {
        rewriteImage(image);
      }
    }
  }

  /** Whether the document holds raw HTML, which only an HTML sanitizer can make safe. */
  boolean hasRawHtml() {
    return !rawHtml.isEmpty();
  }

  /**
   * The last step for a document without raw HTML, in place of the HTML sanitizer: links keep only
   * the schemes it allows (http, https, mailto; relative and in-page links), other links become
   * their text, as the sanitizer would leave them. Run after every other change to the tree
   * (cross-links included).
   */
  static void dropUnsafeLinks(Node root) {
    List<Link> unsafe = new ArrayList<>();
    root.accept(
        new AbstractVisitor() {
          @Override
          public void visit(Link link) {
            if (!isAllowedHref(link.getDestination())) {
              unsafe.add(link);
            }
            visitChildren(link);
          }
        });
    unsafe.forEach(LinkRewriter::unwrap);
  }

  /** The link targets the HTML sanitizer allows: http, https, mailto, and URLs without a scheme. */
  static boolean isAllowedHref(String href) {
    var scheme = SCHEME.matcher(href.strip());
    if (!scheme.find()) {
      return !href.strip().startsWith("\\");
    }
    return HtmlSanitizer.LINK_SCHEMES.contains(scheme.group(1).toLowerCase(Locale.ROOT));
  }

  /** A link that leaves the site (gets {@code rel="nofollow noopener noreferrer"}). */
  static boolean isRemoteHref(String href) {
    return SCHEME.matcher(href).find() || href.startsWith("//");
  }

  /** Marks an href made elsewhere (a cross-link) as the site's own. */
  void produced(String href) {
    produced.add(href);
  }

  /**
   * Resolves a URL found in the rendered HTML: one this rewriter produced is kept; one from raw
   * HTML in the document is resolved like a Markdown link, its warnings pointing at the raw HTML
   * that holds it.
   */
  Optional<String> resolveRendered(String url, boolean image) {
    String dest = url.strip();
    if (produced.contains(dest)) {
      return Optional.of(dest);
    }
    if (dest.isEmpty()) {
      return Optional.empty();
    }
    SourcePos pos =
        rawHtml.stream()
            .filter(r -> r.literal().contains(url))
            .findFirst()
            .map(RawHtml::pos)
            .orElse(new SourcePos(doc.path(), doc.firstLine(), 1));
    return resolve(dest, pos, image ? "image" : "link");
  }

  private void rewriteLink(Link link) {
    String dest = link.getDestination().strip();
    Optional<String> href =
        dest.isEmpty() ? Optional.empty() : resolve(dest, position(link, doc), "link");
    href.ifPresentOrElse(
        h -> {
          produced.add(h);
          link.setDestination(h);
        },
        () -> unwrap(link));
  }

  private void rewriteImage(Image image) {
    String dest = image.getDestination().strip();
    if (isRemote(dest) && insideLink(image)) {
      // a remote badge inside a link ([![build](https://…/badge.svg)](https://…)): the link stays,
      // the picture
      // becomes its words (a link inside a link is not HTML)
      String alt = HeadingIds.textOf(image);
      image.insertBefore(new Text(alt.isBlank() ? dest : alt));
      image.unlink();
      return;
    }
    if (isRemote(dest)) {
      Link link = new Link(dest, image.getTitle());
      moveChildren(image, link);
      if (link.getFirstChild() == null) {
        link.appendChild(new Text(dest));
      }
      image.insertBefore(link);
      image.unlink();
      return;
    }
    Optional<String> href =
        dest.isEmpty() ? Optional.empty() : resolve(dest, position(image, doc), "image");
    href.ifPresentOrElse(
        h -> {
          produced.add(h);
          image.setDestination(h);
        },
        () -> {
          image.insertBefore(new Text(HeadingIds.textOf(image)));
          image.unlink();
        });
  }

  private Optional<String> resolve(String dest, SourcePos node, String kind) {
    if (WINDOWS_PATH.matcher(dest).find()
        || dest.startsWith("/") && !dest.startsWith("//")
        || dest.startsWith("\\")) {
      return warn(
          node, kind + "-absolute-path", kind + " to an absolute path is not followed: " + dest);
    }
    var scheme = SCHEME.matcher(dest);
    if (scheme.find()) {
      if (scheme.group(1).toLowerCase(Locale.ROOT).equals("file")) {
        return warn(node, kind + "-file-url", kind + " to a file: URL is not followed: " + dest);
      }
      return Optional.of(dest);
    }
    if (dest.startsWith("//")) {
      return Optional.of(dest);
    }
    int hash = dest.indexOf('#');
    String fragment = hash < 0 ? "" : dest.substring(hash + 1);
    String pathPart = hash < 0 ? dest : dest.substring(0, hash);
    int query = pathPart.indexOf('?');
    if (query >= 0) {
      pathPart = pathPart.substring(0, query);
    }
    if (pathPart.isEmpty()) {
      return fragment.isEmpty() || targets.hasAnchor(doc.path(), fragment)
          ? Optional.of("#" + fragment)
          : warn(node, "anchor-missing", kind + " to a missing anchor: " + dest);
    }
    Optional<String> resolved =
        ContentPaths.resolve(ContentPaths.parent(doc.path()), ContentPaths.decode(pathPart));
    if (resolved.isEmpty()) {
      return warn(node, kind + "-outside-root", kind + " points outside the content root: " + dest);
    }
    String target = resolved.get();
    boolean inside = ContentPaths.contains(doc.skillDir(), target);
    if (kind.equals("image")) {
      return inside
          ? file(target, dest, node, kind)
          : warn(node, "image-outside-skill", "image points outside the skill folder: " + dest);
    }
    Optional<String> page = targets.page(doc.path(), target);
    if (page.isPresent()) {
      if (fragment.isEmpty() || targets.hasAnchor(target, fragment)) {
        return Optional.of(fragment.isEmpty() ? page.get() : page.get() + "#" + fragment);
      }
      warn(node, "anchor-missing", "link to a missing anchor: " + dest);
      return page;
    }
    if (!inside) {
      return warn(node, "link-outside-skill", "link points outside the skill folder: " + dest);
    }
    return file(target, dest, node, kind);
  }

  private Optional<String> file(String target, String dest, SourcePos node, String kind) {
    Optional<String> file = targets.file(doc.path(), target);
    if (file.isPresent()) {
      return file;
    }
    return targets.exists(target)
        ? warn(
            node,
            kind + "-unpublished",
            kind
                + " to a file that is not published"
                + targets.notARegularFile(target).map(w -> " (" + w + ")").orElse("")
                + ": "
                + dest)
        : warn(node, kind + "-missing", kind + " to a missing file: " + dest);
  }

  private Optional<String> warn(SourcePos pos, String code, String message) {
    diagnostics.add(Diagnostic.warning(pos, code, message));
    return Optional.empty();
  }

  static SourcePos position(Node node, SourceDocument doc) {
    List<SourceSpan> spans = node.getSourceSpans();
    if (spans.isEmpty()) {
      return new SourcePos(doc.path(), doc.firstLine(), 1);
    }
    SourceSpan span = spans.get(0);
    return new SourcePos(
        doc.path(), doc.firstLine() + span.getLineIndex(), span.getColumnIndex() + 1);
  }

  private static boolean isRemote(String dest) {
    var scheme = SCHEME.matcher(dest);
    return dest.startsWith("//")
        || scheme.find()
            && !scheme.group(1).equalsIgnoreCase("file")
            && !WINDOWS_PATH.matcher(dest).find();
  }

  private static boolean insideLink(Node node) {
    for (Node p = node.getParent(); p != null; p = p.getParent()) {
      if (p instanceof Link) {
        return true;
      }
    }
    return false;
  }

  private static void unwrap(Node node) {
    Node child = node.getFirstChild();
    while (child != null) {
      Node next = child.getNext();
      node.insertBefore(child);
      child = next;
    }
    node.unlink();
  }

  private static void moveChildren(Node from, Node to) {
    Node child = from.getFirstChild();
    while (child != null) {
      Node next = child.getNext();
      to.appendChild(child);
      child = next;
    }
  }
}
