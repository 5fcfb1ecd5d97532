package dev.skillsite.routing;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;

/**
 * Chinese, Japanese and Korean text has no spaces, so a token of such characters is a whole phrase.
 * This splits every run of them into overlapping two-character tokens ({@code 規劃新功能} → {@code 規劃,
 * 劃新, 新功, 功能}; a lone character stays as it is); other parts of the token stay whole.
 */
final class CjkBigramFilter extends TokenFilter {
  private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
  private final OffsetAttribute offset = addAttribute(OffsetAttribute.class);
  private final PositionIncrementAttribute posInc = addAttribute(PositionIncrementAttribute.class);
  private final Deque<String[]> pending = new ArrayDeque<>();
  private int baseOffset;

  CjkBigramFilter(TokenStream in) {
    super(in);
  }

  static boolean isCjk(int c) {
    if (c < 0x1100) {
      return false;
    }
    Character.UnicodeScript s = Character.UnicodeScript.of(c);
    return s == Character.UnicodeScript.HAN
        || s == Character.UnicodeScript.HIRAGANA
        || s == Character.UnicodeScript.KATAKANA
        || s == Character.UnicodeScript.HANGUL;
  }

  @Override
  public boolean incrementToken() throws IOException {
    if (!pending.isEmpty()) {
      emit(pending.poll());
      posInc.setPositionIncrement(1);
      return true;
    }
    if (!input.incrementToken()) {
      return false;
    }
    if (!hasCjk()) {
      return true;
    }
    String t = term.toString();
    baseOffset = offset.startOffset();
    int keepInc = posInc.getPositionIncrement();
    split(t);
    emit(pending.poll());
    posInc.setPositionIncrement(keepInc);
    return true;
  }

  private boolean hasCjk() {
    char[] b = term.buffer();
    for (int i = 0; i < term.length(); i++) {
      if (b[i] >= 0x1100 && isCjk(Character.codePointAt(b, i, term.length()))) {
        return true;
      }
    }
    return false;
  }

  private void split(String t) {
    int i = 0;
    while (i < t.length()) {
      int start = i;
      boolean cjk = isCjk(t.codePointAt(i));
      while (i < t.length() && isCjk(t.codePointAt(i)) == cjk) {
        i += Character.charCount(t.codePointAt(i));
      }
      String run = t.substring(start, i);
      if (!cjk) {
        pending.add(new String[] {run, Integer.toString(start)});
        continue;
      }
      int[] cps = run.codePoints().toArray();
      if (cps.length == 1) {
        pending.add(new String[] {run, Integer.toString(start)});
        continue;
      }
      int off = start;
      for (int k = 0; k + 1 < cps.length; k++) {
        String bigram = new String(cps, k, 2);
        pending.add(new String[] {bigram, Integer.toString(off)});
        off += Character.charCount(cps[k]);
      }
    }
  }

  private void emit(String[] part) {
    term.setEmpty().append(part[0]);
    int start = baseOffset + Integer.parseInt(part[1]);
    offset.setOffset(start, start + part[0].length());
  }

  @Override
  public void reset() throws IOException {
    super.reset();
    pending.clear();
  }
}
