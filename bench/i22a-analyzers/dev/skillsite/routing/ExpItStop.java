package dev.skillsite.routing;

import java.util.List;
import java.util.function.Function;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.it.ItalianAnalyzer;

/**
 * Lucene's Italian stop words (less those that are English words skills use: ai, come, data, ...)
 * dropped before stemming, like the English ones.
 */
public class ExpItStop implements Function<TokenStream, TokenStream> {
  static final CharArraySet STOP = build();

  static CharArraySet build() {
    List<String> keep = List.of("a", "c", "e", "i", "l", "o", "ad", "ai", "ci", "io", "li", "vi", "col", "come", "data", "del", "era", "fine", "non");
    CharArraySet s = new CharArraySet(300, false);
    for (Object w : ItalianAnalyzer.getDefaultStopSet()) {
      String x = new String((char[]) w);
      if (!keep.contains(x)) {
        s.add(x);
      }
    }
    return s;
  }

  @Override
  public TokenStream apply(TokenStream in) {
    return new GaplessStopFilter(in, STOP);
  }
}
