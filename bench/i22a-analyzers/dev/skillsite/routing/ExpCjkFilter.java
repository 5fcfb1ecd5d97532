package dev.skillsite.routing;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Function;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;

/**
 * Issue 22 experiment (wt-i22a): CjkBigramFilter with a pluggable way to split a run of Han, of
 * Hangul and of kana characters. Not shipped.
 */
public class ExpCjkFilter extends TokenFilter {
  public enum Kind {
    HAN,
    HANGUL,
    KANA
  }

  private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
  private final OffsetAttribute offset = addAttribute(OffsetAttribute.class);
  private final PositionIncrementAttribute posInc = addAttribute(PositionIncrementAttribute.class);
  private final Deque<String> pending = new ArrayDeque<>();
  private final Function<Kind, Function<String, List<String>>> splitter;
  private int base;

  public ExpCjkFilter(TokenStream in, Function<Kind, Function<String, List<String>>> splitter) {
    super(in);
    this.splitter = splitter;
  }

  static Kind kind(int c) {
    if (!CjkBigramFilter.isCjk(c)) {
      return null;
    }
    Character.UnicodeScript s = Character.UnicodeScript.of(c);
    return s == Character.UnicodeScript.HAN
        ? Kind.HAN
        : s == Character.UnicodeScript.HANGUL ? Kind.HANGUL : Kind.KANA;
  }

  public static List<String> bigrams(String run) {
    int[] cps = run.codePoints().toArray();
    List<String> out = new ArrayList<>();
    if (cps.length == 1) {
      out.add(run);
      return out;
    }
    for (int k = 0; k + 1 < cps.length; k++) {
      out.add(new String(cps, k, 2));
    }
    return out;
  }

  public static List<String> unigrams(String run) {
    List<String> out = new ArrayList<>();
    run.codePoints().forEach(c -> out.add(new String(Character.toChars(c))));
    return out;
  }

  public static List<String> tokens(Tokenizer t, String text) {
    List<String> out = new ArrayList<>();
    try {
      t.setReader(new StringReader(text));
      CharTermAttribute a = t.addAttribute(CharTermAttribute.class);
      t.reset();
      while (t.incrementToken()) {
        out.add(a.toString());
      }
      t.end();
      t.close();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return out;
  }

  public static List<String> tokens(TokenStream ts, Tokenizer t, String text) {
    List<String> out = new ArrayList<>();
    try {
      t.setReader(new StringReader(text));
      CharTermAttribute a = ts.addAttribute(CharTermAttribute.class);
      ts.reset();
      while (ts.incrementToken()) {
        out.add(a.toString());
      }
      ts.end();
      ts.close();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return out;
  }

  @Override
  public boolean incrementToken() throws IOException {
    if (!pending.isEmpty()) {
      emit(pending.poll());
      posInc.setPositionIncrement(1);
      return true;
    }
    while (true) {
      if (!input.incrementToken()) {
        return false;
      }
      String t = term.toString();
      if (t.codePoints().noneMatch(CjkBigramFilter::isCjk)) {
        return true;
      }
      base = offset.startOffset();
      int keepInc = posInc.getPositionIncrement();
      int i = 0;
      while (i < t.length()) {
        int start = i;
        Kind k = kind(t.codePointAt(i));
        while (i < t.length() && kind(t.codePointAt(i)) == k) {
          i += Character.charCount(t.codePointAt(i));
        }
        String run = t.substring(start, i);
        if (k == null) {
          pending.add(run);
        } else {
          for (String p : splitter.apply(k).apply(run)) {
            if (!p.isEmpty()) {
              pending.add(p);
            }
          }
        }
      }
      if (pending.isEmpty()) {
        continue;
      }
      emit(pending.poll());
      posInc.setPositionIncrement(keepInc);
      return true;
    }
  }

  private void emit(String p) {
    term.setEmpty().append(p);
    offset.setOffset(base, base + p.length());
  }

  @Override
  public void reset() throws IOException {
    super.reset();
    pending.clear();
  }
}
