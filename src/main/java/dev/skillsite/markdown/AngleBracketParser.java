package dev.skillsite.markdown;

import java.util.Set;
import org.commonmark.internal.inline.AutolinkInlineParser;
import org.commonmark.internal.inline.HtmlInlineParser;
import org.commonmark.node.Text;
import org.commonmark.parser.beta.InlineContentParser;
import org.commonmark.parser.beta.InlineContentParserFactory;
import org.commonmark.parser.beta.InlineParserState;
import org.commonmark.parser.beta.ParsedInline;
import org.commonmark.parser.beta.Position;
import org.commonmark.parser.beta.Scanner;
import org.commonmark.text.AsciiMatcher;

/**
 * Parses {@code <} (autolinks and inline HTML) in time linear in the paragraph, replacing
 * commonmark's own parsers for that character, which scan ahead for a closer at every {@code <}: a
 * paragraph of bare {@code <} or of {@code <a } repeated took quadratic time (issue 26). The result
 * is the same tree: an autolink is tried only where one can end (the text up to the next {@code >}
 * holds no {@code <}, space or control character), and a search for a closer ({@code >}, {@code
 * -->}, {@code ?>}, {@code ]]>}) that failed once is not repeated further on, since the inline
 * parser only moves forward through a paragraph. One instance per paragraph.
 */
final class AngleBracketParser implements InlineContentParser {
  private static final AsciiMatcher LETTERS =
      AsciiMatcher.builder().range('A', 'Z').range('a', 'z').build();
  private final InlineContentParser autolinks = new AutolinkInlineParser();
  private final InlineContentParser html = new HtmlInlineParser();
  private boolean noGreaterThan;
  private boolean noCommentEnd;
  private final ParagraphOffsets offsets = new ParagraphOffsets();

  /**
   * Where commonmark's search for the end of a processing instruction last gave up: one starting
   * before fails.
   */
  private int instructionsFailBefore = -1;

  private boolean noCdataEnd;

  @Override
  public ParsedInline tryParse(InlineParserState state) {
    Scanner scanner = state.scanner();
    Position start = scanner.position();
    int offset = offsets.of(scanner, start);
    if (!noGreaterThan) {
      ParsedInline parsed = tryAutolink(state, scanner, start);
      if (parsed == null) {
        parsed = tryHtml(state, scanner, start, offset);
      }
      if (parsed != null) {
        return parsed;
      }
    }
    scanner.setPosition(start);
    scanner.next();
    return ParsedInline.of(new Text("<"), scanner.position());
  }

  private ParsedInline tryAutolink(InlineParserState state, Scanner scanner, Position start) {
    scanner.next();
    char c = scanner.peek();
    while (c != '>' && c != '<' && c > ' ' && c != Scanner.END) {
      scanner.next();
      c = scanner.peek();
    }
    if (c == Scanner.END) {
      noGreaterThan = true;
    }
    scanner.setPosition(start);
    if (c != '>') {
      return null;
    }
    return orNull(autolinks.tryParse(state), scanner, start);
  }

  private ParsedInline tryHtml(
      InlineParserState state, Scanner scanner, Position start, int offset) {
    if (noGreaterThan) {
      return null;
    }
    scanner.next();
    char c = scanner.peek();
    boolean comment = scanner.next("!--") && !scanner.next(">") && !scanner.next("->");
    scanner.setPosition(start);
    scanner.next();
    boolean cdata = scanner.next("![CDATA[");
    scanner.setPosition(start);
    scanner.next();
    boolean declaration =
        scanner.next('!') && scanner.match(LETTERS) >= 1 && scanner.whitespace() >= 1;
    scanner.setPosition(start);
    if (comment && noCommentEnd
        || cdata && noCdataEnd
        || c == '?' && offset < instructionsFailBefore) {
      return null;
    }
    ParsedInline parsed = orNull(html.tryParse(state), scanner, start);
    if (parsed == null) {
      // these constructs fail only for want of their closer, which is then missing from the rest of
      // the paragraph
      noCommentEnd |= comment;
      noCdataEnd |= cdata;
      if (c == '?') {
        instructionsFailBefore = offset + 2 + instructionSearchLength(scanner, start);
      }
      noGreaterThan |= declaration;
    }
    return parsed;
  }

  /**
   * How far commonmark's search for {@code ?>} runs from {@code <?} at {@code start} before it
   * gives up: to the end, or to a {@code ?} that follows a {@code ?} (its loop stops there, a quirk
   * kept so that the tree stays the same).
   */
  private static int instructionSearchLength(Scanner scanner, Position start) {
    scanner.setPosition(start);
    scanner.next();
    scanner.next();
    int length = 0;
    boolean afterQuestion = false;
    for (char c = scanner.peek(); c != Scanner.END; c = scanner.peek()) {
      if (c == '?' && (afterQuestion || length == 0)) {
        break;
      }
      afterQuestion = c == '?';
      scanner.next();
      length++;
    }
    scanner.setPosition(start);
    return length;
  }

  private static ParsedInline orNull(ParsedInline parsed, Scanner scanner, Position start) {
    if (parsed == null || parsed == ParsedInline.none()) {
      scanner.setPosition(start);
      return null;
    }
    return parsed;
  }

  /**
   * Replaces commonmark's {@code <} parsers (custom factories are tried first, and this one always
   * answers).
   */
  static final class Factory implements InlineContentParserFactory {
    @Override
    public Set<Character> getTriggerCharacters() {
      return Set.of('<');
    }

    @Override
    public InlineContentParser create() {
      return new AngleBracketParser();
    }
  }
}
