package dev.skillsite.markdown;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.commonmark.node.Text;
import org.commonmark.parser.beta.InlineContentParser;
import org.commonmark.parser.beta.InlineContentParserFactory;
import org.commonmark.parser.beta.InlineParserState;
import org.commonmark.parser.beta.ParsedInline;
import org.commonmark.parser.beta.Position;
import org.commonmark.parser.beta.Scanner;

/**
 * Answers a run of backticks that no equal run follows in the paragraph as plain text, without
 * commonmark's scan to the paragraph's end for a closer: runs of growing length ({@code ` `` ```
 * …}) took quadratic time (issue 26). The first run in a paragraph reads the rest of it once and
 * notes where each length of run last starts; a run with a closer goes on to commonmark's own
 * parser, which finds it (the approach of commonmark.js). One instance per paragraph: the inline
 * parser only moves forward through it.
 */
final class BacktickRunParser implements InlineContentParser {
  private final Map<Integer, Integer> lastStartByLength = new HashMap<>();
  private final ParagraphOffsets offsets = new ParagraphOffsets();
  private boolean indexed;

  @Override
  public ParsedInline tryParse(InlineParserState state) {
    Scanner scanner = state.scanner();
    Position start = scanner.position();
    if (!indexed) {
      indexRuns(scanner, start);
      indexed = true;
    }
    int offset = offsets.of(scanner, start);
    int ticks = scanner.matchMultiple('`');
    Position afterRun = scanner.position();
    if (lastStartByLength.getOrDefault(ticks, -1) > offset) {
      scanner.setPosition(start);
      return ParsedInline.none(); // a closer follows: commonmark's parser makes the code span
    }
    return ParsedInline.of(new Text("`".repeat(ticks)), afterRun);
  }

  private void indexRuns(Scanner scanner, Position from) {
    int offset = 0;
    int run = 0;
    for (char c = scanner.peek(); c != Scanner.END; c = scanner.peek()) {
      if (c == '`') {
        run++;
      } else if (run > 0) {
        lastStartByLength.put(run, offset - run);
        run = 0;
      }
      scanner.next();
      offset++;
    }
    if (run > 0) {
      lastStartByLength.put(run, offset - run);
    }
    scanner.setPosition(from);
  }

  /**
   * Tried before commonmark's backtick parser, which it lets through only where a closing run
   * exists.
   */
  static final class Factory implements InlineContentParserFactory {
    @Override
    public Set<Character> getTriggerCharacters() {
      return Set.of('`');
    }

    @Override
    public InlineContentParser create() {
      return new BacktickRunParser();
    }
  }
}
