package dev.skillsite.routing;

import java.util.function.Function;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.it.ItalianLightStemFilter;

/** Lucene's Italian light stemmer after today's stemmer, on every word. */
public class ExpItLight implements Function<TokenStream, TokenStream> {
  @Override
  public TokenStream apply(TokenStream in) {
    return new ItalianLightStemFilter(in);
  }
}
