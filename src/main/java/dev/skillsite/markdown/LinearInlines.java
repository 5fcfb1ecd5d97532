package dev.skillsite.markdown;

import org.commonmark.parser.Parser;

/**
 * The inline parsers that keep commonmark's parse linear in a paragraph's length on hostile input
 * (issue 26): every parser of skill Markdown is built with them.
 */
public final class LinearInlines {
  private LinearInlines() {}

  /** {@code builder} with the linear parsers for {@code <} and backtick runs added. */
  public static Parser.Builder addTo(Parser.Builder builder) {
    return builder
        .customInlineContentParserFactory(new AngleBracketParser.Factory())
        .customInlineContentParserFactory(new BacktickRunParser.Factory());
  }
}
