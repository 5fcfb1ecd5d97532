package dev.skillsite.routing;

import java.util.List;
import java.util.function.Function;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenStream;

/**
 * Function-word pairs of Chinese (simplified and traditional) and Korean request endings and
 * particles, dropped like English stop words. Written from knowledge of the languages (pronouns,
 * "how/what", "help me", "a/one", conjunctions, Korean "please do", "-ing", particles); negations
 * kept.
 */
public class ExpCjkStop implements Function<TokenStream, TokenStream> {
  static final List<String> WORDS =
      List.of(
          // Chinese, simplified
          "一个", "这个", "那个", "我们", "你们", "他们", "它们", "什么", "怎么", "如何", "为什", "可以", "帮我", "请帮",
          "给我", "我的", "你的", "一下", "一些", "这些", "那些", "如果", "因为", "所以", "但是", "然后", "还是", "或者",
          "以及", "已经", "应该", "现在", "这样", "那样", "怎样", "哪些", "哪个", "一起", "就是", "还有", "的话", "之后",
          "之前", "时候", "自己", "我想", "想要", "希望", "麻烦", "请问", "是否", "的是",
          // Chinese, traditional
          "一個", "這個", "那個", "我們", "你們", "他們", "什麼", "怎麼", "為什", "幫我", "請幫", "給我", "這些", "因為",
          "還是", "已經", "應該", "現在", "這樣", "怎樣", "哪個", "還有", "時候", "麻煩", "請問",
          // Korean: request endings, particles, pronouns, conjunctions
          "해줘", "어줘", "아줘", "해주", "주세", "세요", "줘요", "해요", "어요", "니다", "습니", "합니", "하고", "하는",
          "해서", "하면", "싶어", "싶은", "있어", "있는", "이거", "이것", "그거", "우리", "내가", "제가", "어떻", "떻게",
          "어떤", "에서", "으로", "에게", "한테", "까지", "부터", "처럼", "그리", "리고", "그래", "래서", "하지", "지만",
          "그런", "런데");
  static final CharArraySet STOP = new CharArraySet(WORDS, false);

  @Override
  public TokenStream apply(TokenStream in) {
    return new GaplessStopFilter(in, STOP);
  }
}
