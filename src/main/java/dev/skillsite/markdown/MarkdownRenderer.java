package dev.skillsite.markdown;

import dev.skillsite.model.Diagnostic;
import dev.skillsite.model.SkillId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.commonmark.Extension;
import org.commonmark.ext.autolink.AutolinkExtension;
import org.commonmark.ext.gfm.strikethrough.StrikethroughExtension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.ext.task.list.items.TaskListItemMarker;
import org.commonmark.ext.task.list.items.TaskListItemsExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Heading;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.AttributeProvider;
import org.commonmark.renderer.html.DefaultUrlSanitizer;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * Markdown to sanitized HTML: GFM tables, strikethrough, task lists, autolinks, unique heading ids,
 * a table of contents for long documents, links rewritten to the site's pages, cross-links to other
 * skills. Build once, use from any number of threads.
 */
public final class MarkdownRenderer {
  /** Deeper block nesting is read as text, so hostile input stays bounded. */
  static final int MAX_OPEN_BLOCKS = 128;

  private final Parser parser;
  private final Parser outlineParser;
  private final HtmlRenderer renderer;
  private final HtmlSanitizer sanitizer;

  public MarkdownRenderer() {
    this(new HtmlSanitizer());
  }

  public MarkdownRenderer(HtmlSanitizer sanitizer) {
    List<Extension> extensions =
        List.of(
            TablesExtension.create(),
            StrikethroughExtension.create(),
            TaskListItemsExtension.create(),
            AutolinkExtension.create());
    this.parser =
        LinearInlines.addTo(Parser.builder())
            .extensions(extensions)
            .includeSourceSpans(IncludeSourceSpans.BLOCKS_AND_INLINES)
            .maxOpenBlockParsers(MAX_OPEN_BLOCKS)
            .build();
    this.outlineParser =
        LinearInlines.addTo(Parser.builder())
            .extensions(extensions)
            .maxOpenBlockParsers(MAX_OPEN_BLOCKS)
            .build();
    this.renderer =
        HtmlRenderer.builder()
            .extensions(extensions)
            .sanitizeUrls(true)
            .urlSanitizer(new DefaultUrlSanitizer(HtmlSanitizer.LINK_SCHEMES))
            .attributeProviderFactory(context -> new SiteAttributes())
            .build();
    this.sanitizer = sanitizer;
  }

  /**
   * Parses a document and numbers its headings; its headings move one level down (the page owns
   * h1).
   */
  public ParsedDocument parse(SourceDocument source) {
    return parse(parser, source);
  }

  /**
   * Like {@link #parse}, without the source positions that only rendering's diagnostics need:
   * cheaper, for reading a document's headings. Not for {@link #render}.
   */
  public ParsedDocument outline(SourceDocument source) {
    return parse(outlineParser, source);
  }

  private static ParsedDocument parse(Parser parser, SourceDocument source) {
    Node root = parser.parse(source.markdown());
    List<TocEntry> headings = new ArrayList<>();
    HeadingIds ids = new HeadingIds();
    root.accept(
        new AbstractVisitor() {
          @Override
          public void visit(Heading heading) {
            heading.setLevel(Math.min(6, heading.getLevel() + 1));
            headings.add(
                new TocEntry(heading.getLevel(), ids.next(heading), HeadingIds.textOf(heading)));
          }
        });
    return new ParsedDocument(source, root, headings);
  }

  /**
   * The terms of {@code mentions} that {@code markdown} uses in prose, where a cross-link could go,
   * read without parsing it ({@link ProseTerms}: close to the parser's view, for counting how
   * widely terms are used).
   */
  public Set<String> mentionedTerms(String markdown, MentionIndex mentions) {
    return ProseTerms.of(markdown, mentions);
  }

  /**
   * Rewrites links, links mentions of other skills, renders and sanitizes. Consumes {@code doc}.
   */
  public RenderedDocument render(ParsedDocument doc, LinkTargets targets, MentionIndex mentions) {
    List<Diagnostic> diagnostics = new ArrayList<>();
    SourceDocument source = doc.source();
    LinkRewriter links = new LinkRewriter(targets, source, diagnostics);
    links.rewrite(doc.root());
    Set<SkillId> linked =
        new CrossLinker(mentions, targets, links::produced).link(doc.root(), source);
    if (!links.hasRawHtml()) {
      LinkRewriter.dropUnsafeLinks(doc.root());
    }
    String html;
    try {
      html = renderer.render(doc.root());
    } catch (StackOverflowError e) {
      diagnostics.add(
          Diagnostic.warning(
              new dev.skillsite.model.SourcePos(source.path(), source.firstLine(), 1),
              "markdown-too-deep",
              "Markdown nested too deeply to render; shown as plain text"));
      return new RenderedDocument(
          new SanitizedHtml("<pre>" + sanitizer.escape(source.markdown()) + "</pre>"),
          List.of(),
          Set.of(),
          diagnostics);
    }
    // Markdown alone renders to safe HTML (text escaped, links rewritten and checked on the tree
    // above):
    // the sanitizer, a third of the build's time, only runs where the document holds raw HTML
    SanitizedHtml clean =
        links.hasRawHtml()
            ? sanitizer.clean(html, links::resolveRendered)
            : new SanitizedHtml(html);
    return new RenderedDocument(
        clean,
        TableOfContents.of(doc.headings()),
        linked,
        diagnostics.stream().sorted(Diagnostic.ORDER).toList());
  }

  /**
   * A document shown as plain text instead of rendered (over the build's Markdown budget), cut at
   * {@code maxChars}, with {@code why} as its diagnostic: time and memory linear in {@code
   * maxChars}.
   */
  public RenderedDocument plainText(SourceDocument source, int maxChars, Diagnostic why) {
    String text = source.markdown();
    if (text.length() > maxChars) {
      int end = Character.isHighSurrogate(text.charAt(maxChars - 1)) ? maxChars - 1 : maxChars;
      text = text.substring(0, end) + "\n…";
    }
    return new RenderedDocument(
        new SanitizedHtml("<pre>" + sanitizer.escape(text) + "</pre>"),
        List.of(),
        Set.of(),
        List.of(why));
  }

  /**
   * Sets heading ids during one render call, in the same order {@link #parse} numbered them; links'
   * rel; and a label for a task list's box (its state is read out as a checkbox's).
   */
  private static final class SiteAttributes implements AttributeProvider {
    private final HeadingIds ids = new HeadingIds();

    @Override
    public void setAttributes(Node node, String tagName, Map<String, String> attributes) {
      if (node instanceof Heading heading) {
        attributes.put("id", ids.next(heading));
      } else if (node instanceof Link link) {
        // commonmark marks every link rel="nofollow" when it sanitizes URLs: only links that leave
        // the site
        if (LinkRewriter.isRemoteHref(link.getDestination())) {
          attributes.put("rel", "nofollow noopener noreferrer");
        } else {
          attributes.remove("rel");
        }
      } else if (node instanceof TaskListItemMarker) {
        attributes.put("aria-label", "Task");
      }
    }
  }
}
