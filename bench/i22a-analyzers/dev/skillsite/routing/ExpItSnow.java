package dev.skillsite.routing;

import java.util.function.Function;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.snowball.SnowballFilter;
import org.tartarus.snowball.ext.ItalianStemmer;

/** Snowball's Italian stemmer after today's stemmer, on every word. */
public class ExpItSnow implements Function<TokenStream, TokenStream> {
  @Override
  public TokenStream apply(TokenStream in) {
    return new SnowballFilter(in, new ItalianStemmer());
  }
}
