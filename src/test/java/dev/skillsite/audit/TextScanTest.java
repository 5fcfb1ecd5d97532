package dev.skillsite.audit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The one-pass scan and the hand-written finders agree with the plain definitions they replace
 * (substring search, the decoders' regular expressions), on random texts made of the characters
 * that matter to them.
 */
class TextScanTest {
  private static final List<String> KEYWORDS =
      List.of("he", "she", "his", "hers", "on", "con", "a$", "dd ", "env |", "curl", "://");
  private static final String ALPHABET = "aAbB3f9+/=\"' &#\\x%u\n\t\u200B\u0430\u00E9$|:-_.";

  private static String random(Random r) {
    StringBuilder sb = new StringBuilder();
    int n = r.nextInt(300);
    while (sb.length() < n) {
      int pick = r.nextInt(12);
      if (pick == 0) { // a long run of base64 characters or hex digits
        String from = r.nextBoolean() ? "0123456789abcdefABCDEF" : "aZ09+/xyQ";
        int len = 10 + r.nextInt(40);
        for (int i = 0; i < len; i++) {
          sb.append(from.charAt(r.nextInt(from.length())));
        }
        if (r.nextBoolean()) {
          sb.append("===".substring(r.nextInt(3)));
        }
      } else if (pick == 1) {
        sb.append(KEYWORDS.get(r.nextInt(KEYWORDS.size())).toUpperCase(Locale.ROOT));
      } else if (pick == 2) {
        sb.append(KEYWORDS.get(r.nextInt(KEYWORDS.size())));
      } else {
        sb.append(ALPHABET.charAt(r.nextInt(ALPHABET.length())));
      }
    }
    return sb.toString();
  }

  @Test
  void keywordLinesAreTheLinesHoldingEachKeywordInAnyAsciiCase() {
    KeywordSet set = new KeywordSet(KEYWORDS.stream().map(List::of).toList());
    Random r = new Random(24);
    for (int t = 0; t < 3000; t++) {
      String text = random(r);
      int[][] hits = TextScan.of(text.toCharArray(), set).hits();
      String[] lines = text.split("\n", -1);
      for (int k = 0; k < KEYWORDS.size(); k++) {
        List<Integer> expected = new ArrayList<>();
        for (int l = 0; l < lines.length; l++) {
          if (asciiLower(lines[l]).contains(KEYWORDS.get(k))) {
            expected.add(l);
          }
        }
        int[] found = set.linesFor(k, hits);
        assertArrayEquals(
            expected.stream().mapToInt(Integer::intValue).toArray(),
            found,
            KEYWORDS.get(k) + " in " + text);
      }
    }
  }

  @Test
  void linesRegionsAndObfuscationAreAsTheirDefinitions() {
    Pattern escape = Pattern.compile("&(?:#|\\p{L})|\\\\[xu]|%[0-9a-fA-F]{2}");
    Pattern base64 = Pattern.compile("[A-Za-z0-9+/]{16}");
    Pattern hex = Pattern.compile("[0-9a-fA-F]{24}");
    Random r = new Random(7);
    for (int t = 0; t < 3000; t++) {
      String text = random(r);
      char[] cs = text.toCharArray();
      TextScan scan = TextScan.of(cs, KeywordSet.NONE);
      assertArrayEquals(HiddenRanges.lineStarts(cs), scan.lineStarts(), text);
      assertEquals(TextView.mayBeObfuscated(cs), scan.obfuscatable(), text);
      Pattern[] looks = {escape, base64, hex};
      for (int k = 0; k < 3; k++) {
        List<Integer> expected = new ArrayList<>();
        int start = 0;
        for (String line : text.split("\n", -1)) {
          if (looks[k].matcher(line).find()) {
            expected.add(start);
            expected.add(start + line.length());
          }
          start += line.length() + 1;
        }
        assertArrayEquals(
            expected.stream().mapToInt(Integer::intValue).toArray(),
            scan.regions()[k],
            looks[k] + " in " + text);
      }
    }
  }

  @Test
  void splicesAreFoundWhereThePatternFindsThem() {
    Random r = new Random(11);
    for (int t = 0; t < 3000; t++) {
      String text = random(r).replace('x', '+');
      char[] cs = text.toCharArray();
      Matcher m = TextView.SPLICE.matcher(text);
      int from = 0;
      while (true) {
        boolean found = m.find(from);
        int at = TextView.nextSplice(cs, from);
        assertEquals(found ? m.start() : -1, at, text);
        if (!found) {
          break;
        }
        from = m.end();
      }
    }
  }

  @Test
  void base64AndHexRunsMatchWhereThePatternsMatch() {
    Random r = new Random(3);
    for (int t = 0; t < 3000; t++) {
      String text = random(r);
      char[] cs = text.toCharArray();
      int lineStart = 0;
      for (String line : text.split("\n", -1)) {
        int to = lineStart + line.length();
        for (int i = lineStart; i < to; i++) {
          check(TextView.BASE64, true, text, cs, i, to);
          check(TextView.HEX, false, text, cs, i, to);
        }
        lineStart = to + 1;
      }
    }
  }

  /** At a run's first character, the hand-found end is where the pattern's match ends (or -1). */
  private static void check(Pattern p, boolean base64, String text, char[] cs, int i, int to) {
    boolean in = base64 ? TextScan.base64(cs[i]) : TextScan.hex(cs[i]);
    boolean after = i > 0 && (base64 ? TextScan.base64(cs[i - 1]) : TextScan.hex(cs[i - 1]));
    Matcher m = p.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
    m.region(i, to);
    int expected = m.lookingAt() ? m.end() : -1;
    if (!in || after) {
      assertEquals(-1, expected, "a match starts a run: " + text);
      return;
    }
    int end = i;
    while (end < to && (base64 ? TextScan.base64(cs[end]) : TextScan.hex(cs[end]))) {
      end++;
    }
    int found = base64 ? TextView.base64End(cs, i, end, to) : TextView.hexEnd(cs, i, end);
    assertEquals(expected, found, p + " at " + i + " in " + text);
  }

  private static String asciiLower(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      sb.append(c >= 'A' && c <= 'Z' ? (char) (c + 32) : c);
    }
    return sb.toString();
  }
}
