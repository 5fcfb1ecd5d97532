package dev.skillsite.routing;

import java.util.List;
import java.util.function.Function;
import org.apache.lucene.analysis.TokenStream;

/** Hangul words lose a trailing particle (josa) or light-verb ending, then are paired as today. */
public class ExpJosa implements Function<TokenStream, TokenStream> {
  static final List<String> SUFFIXES =
      List.of(
          "해주세요", "해주시겠어요", "해줄래", "해줘요", "해줘", "하려면", "하려고", "했는데", "하는데", "해야", "하기", "하는",
          "하고", "해서", "하면", "했어", "합니다", "해요", "할", "한", "해", "에서부터", "으로부터", "에게서", "한테서",
          "에서는", "에서도", "으로는", "으로도", "이라고", "에서", "에게", "한테", "께서", "으로", "부터", "까지",
          "처럼", "보다", "마다", "이나", "이랑", "라고", "와", "과", "은", "는", "이", "가", "을", "를", "에", "의",
          "도", "만", "로", "랑");

  static String strip(String w) {
    int n = w.codePointCount(0, w.length());
    for (String s : SUFFIXES) {
      int sn = s.codePointCount(0, s.length());
      if (w.endsWith(s) && n - sn >= 2) {
        return w.substring(0, w.length() - s.length());
      }
    }
    return w;
  }

  @Override
  public TokenStream apply(TokenStream in) {
    return new ExpCjkFilter(
        in,
        k ->
            k == ExpCjkFilter.Kind.HANGUL
                ? run -> ExpCjkFilter.bigrams(strip(run))
                : ExpCjkFilter::bigrams);
  }
}
