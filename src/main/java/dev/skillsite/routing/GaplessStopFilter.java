package dev.skillsite.routing;

import java.io.IOException;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * Drops stop words without leaving position gaps, so that shingles join the words around them
 * ({@code add a background job} → {@code add background}, {@code background job}), as a JavaScript
 * re-implementation that simply filters a token list would.
 */
final class GaplessStopFilter extends TokenFilter {
  private final CharArraySet stop;
  private final CharTermAttribute term = addAttribute(CharTermAttribute.class);

  GaplessStopFilter(TokenStream in, CharArraySet stop) {
    super(in);
    this.stop = stop;
  }

  @Override
  public boolean incrementToken() throws IOException {
    while (input.incrementToken()) {
      if (!stop.contains(term.buffer(), 0, term.length())) {
        return true;
      }
    }
    return false;
  }
}
