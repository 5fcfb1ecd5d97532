package dev.skillsite.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.cn.smart.HMMChineseTokenizer;

/** Han runs: smartcn words plus today's bigrams. */
public class ExpSmartcnBi implements Function<TokenStream, TokenStream> {
  @Override
  public TokenStream apply(TokenStream in) {
    return new ExpCjkFilter(
        in,
        k ->
            k == ExpCjkFilter.Kind.HAN
                ? run -> {
                  List<String> out = new ArrayList<>(ExpCjkFilter.bigrams(run));
                  for (String w : ExpCjkFilter.tokens(new HMMChineseTokenizer(), run)) {
                    if (w.codePointCount(0, w.length()) != 2) {
                      out.add(w);
                    }
                  }
                  return out;
                }
                : ExpCjkFilter::bigrams);
  }
}
