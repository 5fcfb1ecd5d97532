package dev.skillsite.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.unbescape.html.HtmlEscape;

/** The templates' html escaping writes what Pebble's default (unbescape) writes. */
class HtmlTextTest {
  @Test
  void everyCharacterIsEscapedAsUnbescapeDoes() {
    StringBuilder all = new StringBuilder();
    for (int c = 0; c <= Character.MAX_VALUE; c++) {
      all.append((char) c); // lone surrogates included
      String one = String.valueOf((char) c);
      assertEquals(HtmlEscape.escapeHtml4Xml(one), HtmlText.escape(one), "U+" + c);
    }
    assertEquals(HtmlEscape.escapeHtml4Xml(all.toString()), HtmlText.escape(all.toString()));
  }

  @Test
  void randomTextsAreEscapedAsUnbescapeDoes() {
    Random random = new Random(27);
    String pieces = "&<>\"'a é😀\n\t&amp;&#39;\u0000\ud800";
    for (int i = 0; i < 20_000; i++) {
      StringBuilder sb = new StringBuilder();
      for (int k = random.nextInt(40); k > 0; k--) {
        sb.append(
            random.nextInt(4) == 0
                ? (char) random.nextInt(0x10000)
                : pieces.charAt(random.nextInt(pieces.length())));
      }
      String s = sb.toString();
      assertEquals(HtmlEscape.escapeHtml4Xml(s), HtmlText.escape(s), s);
    }
  }

  @Test
  void textWithNothingToEscapeIsReturnedAsItIs() {
    String s = "plain text, é and 😀";
    assertSame(s, HtmlText.escape(s));
  }
}
