package dev.skillsite.markdown;

import dev.skillsite.model.Diagnostic;
import dev.skillsite.model.SourcePos;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.SourceSpan;
import org.commonmark.node.Text;

/**
 * Rewrites the links and images of one document to the pages and files the site publishes. Targets outside
 * the skill folder or the content root, absolute paths and {@code file:} URLs are not followed: the link
 * becomes its text, with a warning. Remote images become links, so that pages make no external request.
 */
final class LinkRewriter {
  private static final Pattern SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*):");
  private static final Pattern WINDOWS_PATH = Pattern.compile("^[A-Za-z]:[\\\\/]");

  private final LinkTargets targets;
  private final List<Diagnostic> diagnostics;

  LinkRewriter(LinkTargets targets, List<Diagnostic> diagnostics) {
    this.targets = targets;
    this.diagnostics = diagnostics;
  }

  void rewrite(Node root, SourceDocument doc) {
    List<Node> found = new ArrayList<>();
    root.accept(new AbstractVisitor() {
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
        rewriteLink(link, doc);
      } else if (node instanceof Image image) {
        rewriteImage(image, doc);
      }
    }
  }

  private void rewriteLink(Link link, SourceDocument doc) {
    String dest = link.getDestination().strip();
    Optional<String> href = resolve(dest, doc, link, "link");
    href.ifPresentOrElse(link::setDestination, () -> unwrap(link));
  }

  private void rewriteImage(Image image, SourceDocument doc) {
    String dest = image.getDestination().strip();
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
    Optional<String> href = resolve(dest, doc, image, "image");
    href.ifPresentOrElse(image::setDestination, () -> {
      image.insertBefore(new Text(HeadingIds.textOf(image)));
      image.unlink();
    });
  }

  private Optional<String> resolve(String dest, SourceDocument doc, Node node, String kind) {
    if (dest.isEmpty()) {
      return Optional.of(dest);
    }
    if (WINDOWS_PATH.matcher(dest).find() || dest.startsWith("/") && !dest.startsWith("//")
        || dest.startsWith("\\")) {
      return warn(node, doc, kind + "-absolute-path", kind + " to an absolute path is not followed: " + dest);
    }
    var scheme = SCHEME.matcher(dest);
    if (scheme.find()) {
      if (scheme.group(1).toLowerCase(Locale.ROOT).equals("file")) {
        return warn(node, doc, kind + "-file-url", kind + " to a file: URL is not followed: " + dest);
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
          : warn(node, doc, "anchor-missing", kind + " to a missing anchor: " + dest);
    }
    Optional<String> resolved = ContentPath.resolve(ContentPath.parent(doc.path()), pathPart);
    if (resolved.isEmpty()) {
      return warn(node, doc, kind + "-outside-root", kind + " points outside the content root: " + dest);
    }
    String target = resolved.get();
    boolean inside = ContentPath.isInside(target, doc.skillDir());
    if (kind.equals("image")) {
      return inside ? file(target, dest, node, doc, kind)
          : warn(node, doc, "image-outside-skill", "image points outside the skill folder: " + dest);
    }
    Optional<String> page = targets.page(doc.path(), target);
    if (page.isPresent()) {
      if (fragment.isEmpty() || targets.hasAnchor(target, fragment)) {
        return Optional.of(fragment.isEmpty() ? page.get() : page.get() + "#" + fragment);
      }
      warn(node, doc, "anchor-missing", "link to a missing anchor: " + dest);
      return page;
    }
    if (!inside) {
      return warn(node, doc, "link-outside-skill", "link points outside the skill folder: " + dest);
    }
    return file(target, dest, node, doc, kind);
  }

  private Optional<String> file(String target, String dest, Node node, SourceDocument doc, String kind) {
    Optional<String> file = targets.file(doc.path(), target);
    if (file.isPresent()) {
      return file;
    }
    return targets.exists(target)
        ? warn(node, doc, kind + "-unpublished", kind + " to a file that is not published: " + dest)
        : warn(node, doc, kind + "-missing", kind + " to a missing file: " + dest);
  }

  private Optional<String> warn(Node node, SourceDocument doc, String code, String message) {
    diagnostics.add(Diagnostic.warning(position(node, doc), code, message));
    return Optional.empty();
  }

  static SourcePos position(Node node, SourceDocument doc) {
    List<SourceSpan> spans = node.getSourceSpans();
    if (spans.isEmpty()) {
      return new SourcePos(doc.path(), doc.firstLine(), 1);
    }
    SourceSpan span = spans.get(0);
    return new SourcePos(doc.path(), doc.firstLine() + span.getLineIndex(), span.getColumnIndex() + 1);
  }

  private static boolean isRemote(String dest) {
    var scheme = SCHEME.matcher(dest);
    return dest.startsWith("//")
        || scheme.find() && !scheme.group(1).equalsIgnoreCase("file") && !WINDOWS_PATH.matcher(dest).find();
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
