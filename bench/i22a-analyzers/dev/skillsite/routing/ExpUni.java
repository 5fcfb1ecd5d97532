package dev.skillsite.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.lucene.analysis.TokenStream;

/** Bigrams and unigrams for every CJK run. */
public class ExpUni implements Function<TokenStream, TokenStream> {
  @Override
  public TokenStream apply(TokenStream in) {
    return new ExpCjkFilter(
        in,
        k ->
            run -> {
              List<String> out = new ArrayList<>(ExpCjkFilter.bigrams(run));
              if (run.codePointCount(0, run.length()) > 1) {
                out.addAll(ExpCjkFilter.unigrams(run));
              }
              return out;
            });
  }
}
