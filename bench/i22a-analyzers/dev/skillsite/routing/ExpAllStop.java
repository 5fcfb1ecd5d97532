package dev.skillsite.routing;

import java.util.function.Function;
import org.apache.lucene.analysis.TokenStream;

/** Italian stop words and CJK function pairs. */
public class ExpAllStop implements Function<TokenStream, TokenStream> {
  @Override
  public TokenStream apply(TokenStream in) {
    return new GaplessStopFilter(new GaplessStopFilter(in, ExpItStop.STOP), ExpCjkStop.STOP);
  }
}
