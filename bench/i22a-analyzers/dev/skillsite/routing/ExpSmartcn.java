package dev.skillsite.routing;

import java.util.function.Function;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.cn.smart.HMMChineseTokenizer;

/** Han runs segmented into words by smartcn; other runs as today. */
public class ExpSmartcn implements Function<TokenStream, TokenStream> {
  @Override
  public TokenStream apply(TokenStream in) {
    return new ExpCjkFilter(
        in,
        k ->
            k == ExpCjkFilter.Kind.HAN
                ? run -> ExpCjkFilter.tokens(new HMMChineseTokenizer(), run)
                : ExpCjkFilter::bigrams);
  }
}
