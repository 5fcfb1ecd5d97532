package dev.skillsite.routing;

import java.util.function.Function;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.ko.KoreanPartOfSpeechStopFilter;
import org.apache.lucene.analysis.ko.KoreanTokenizer;

/** Hangul runs analysed by nori (particles and endings dropped); other runs as today. */
public class ExpNori implements Function<TokenStream, TokenStream> {
  @Override
  public TokenStream apply(TokenStream in) {
    return new ExpCjkFilter(
        in,
        k ->
            k == ExpCjkFilter.Kind.HANGUL
                ? run -> {
                  KoreanTokenizer t =
                      new KoreanTokenizer(
                          TokenStream.DEFAULT_TOKEN_ATTRIBUTE_FACTORY,
                          null,
                          KoreanTokenizer.DecompoundMode.DISCARD,
                          false);
                  return ExpCjkFilter.tokens(new KoreanPartOfSpeechStopFilter(t), t, run);
                }
                : ExpCjkFilter::bigrams);
  }
}
