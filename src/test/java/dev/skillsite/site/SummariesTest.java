package dev.skillsite.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class SummariesTest {
  @Test
  void flatTextIsReturnedAsItIs() {
    String clean = "Use when the user asks to \"add a job\". One line, single spaces.";
    assertSame(clean, Summaries.flat(clean));
    assertSame("", Summaries.flat(""));
  }

  @Test
  void whitespaceRunsBecomeOneSpaceAndEndsAreStripped() {
    assertEquals("a b c d e", Summaries.flat("a  b\tc\nd\r\ne"));
    assertEquals("a b", Summaries.flat(" a b"));
    assertEquals("a b", Summaries.flat("a b\n"));
    assertEquals(
        "a b", Summaries.flat("\u2003a b\u2003"), "strip() also takes Unicode spaces at the ends");
    assertEquals("a\u00a0 b", Summaries.flat("a\u00a0 b"), "a no-break space is kept");
    assertEquals("x y", Summaries.flat("x\u000by"), "a vertical tab is whitespace too");
  }

  @Test
  void clipCutsAtAWordWithAnEllipsis() {
    assertEquals("short", Summaries.clip("  short ", 20));
    assertEquals("one two…", Summaries.clip("one two, three four five", 12));
  }
}
