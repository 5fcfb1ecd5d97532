package dev.skillsite.markdown;

import java.util.Locale;
import org.commonmark.ext.heading.anchor.IdGenerator;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Node;
import org.commonmark.node.Text;

/**
 * Gives the headings of one document unique, stable ids, in document order. The parse step and the
 * renderer each use a fresh instance over the same headings, so they agree on every id.
 */
final class HeadingIds {
  private final IdGenerator generator = IdGenerator.builder().build();

  String next(Heading heading) {
    // commonmark's generator lowercases in the JVM's default locale (a Turkish one makes "Idioms"
    // "ıdioms"):
    // lowercased here first, in no locale, the id is the same on every machine
    return generator.generateId(textOf(heading).toLowerCase(Locale.ROOT));
  }

  /** The plain text of a heading: its text and code spans. */
  static String textOf(Node node) {
    StringBuilder sb = new StringBuilder();
    node.accept(
        new AbstractVisitor() {
          @Override
          public void visit(Text text) {
            sb.append(text.getLiteral());
          }

          @Override
          public void visit(Code code) {
            sb.append(code.getLiteral());
          }

          @Override
          public void visit(HtmlInline html) {
            // tags are not text
          }
        });
    return sb.toString().strip();
  }
}
