package dev.skillsite.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The words every match of a pattern holds, and only those. */
class LiteralsTest {
  private static Literals of(String regex) {
    return Literals.of(Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.MULTILINE));
  }

  private static boolean in(Literals l, String line) {
    char[] cs = ("x\n" + line + "\ny").toCharArray();
    return l.allIn(cs, 2, 2 + line.length());
  }

  @Test
  void eachGroupOfPlainWordsThatMustMatchIsRequired() {
    Literals l = of("\\b(?:you|agent)\\b[^\\n]{0,40}\\b(?:must|should|need to)\\b");
    assertEquals(2, l.size());
    assertTrue(in(l, "Then YOU Need To run it"), "ASCII case ignored, a space is a word's own");
    assertFalse(in(l, "you may run it"), "no word of the second group");
    assertFalse(in(l, "it must run"), "no word of the first group");
    assertFalse(
        of("a(?:bc|de)").allIn("bc\nxx\nde".toCharArray(), 3, 5),
        "only the line's own characters count");
  }

  @Test
  void groupsThatMayMatchNothingOrAreNotPlainWordsRequireNothing() {
    assertEquals(0, of("a(?:x|y)?b").size(), "optional");
    assertEquals(0, of("a(?:x|y)*b").size());
    assertEquals(0, of("a(?:x|y){0,3}b").size());
    assertEquals(1, of("a(?:x|y){1,3}b").size(), "at least once");
    assertEquals(0, of("(?:do\\s+not|never) tell").size(), "a class escape is not a word");
    assertEquals(0, of("(?:a(?:b|c)|d)").size(), "nested group");
    assertEquals(0, of("(?:ab|[cd]e)").size(), "character class");
    assertEquals(0, of("(?:ab|)x").size(), "an empty alternative");
    assertEquals(0, of("x(?=ab|cd)").size(), "look-ahead");
    assertEquals(0, of("(?:ab|cd)x|y").size(), "top-level alternatives");
    assertEquals(0, of("(?-i)(?:ab|cd)").size(), "inline flags");
    assertEquals(
        0,
        Literals.of(Pattern.compile("(?:ab|cd)", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE))
            .size(),
        "Unicode case folding");
  }

  @Test
  void escapedPunctuationIsItself() {
    Literals l = of("\\.(?:ssh\\/id|aws\\.cred)");
    assertEquals(1, l.size());
    assertTrue(in(l, "cat ~/.AWS.cred"));
    assertFalse(in(l, "cat ~/.aws/cred"));
  }

  private static int start(String regex, String line) {
    char[] cs = line.toCharArray();
    return of(regex).nextStart(cs, 0, cs.length);
  }

  @Test
  void aMatchStartsAtOneOfItsLeadingWords() {
    assertEquals(6, start("\\b(?:you|agent)\\b[^\\n]{0,40}must", "Then: AGENT must"));
    assertEquals(-1, start("\\b(?:you|agent)\\b", "nobody here"));
    assertEquals(4, start("https?://", "see HTTP://x"), "the optional s is left out");
    assertEquals(2, start("\\.env\\b", "a .env"), "an escaped dot is a plain character");
    assertEquals(-1, start("curl", "a cur"), "a word must fit before the end of the region");
    assertFalse(of("(?<![a-z])curl").hasLeading(), "a look-behind first: not known");
    assertFalse(of("(?:curl|wget)?\\s+x").hasLeading(), "an optional group first: not known");
    assertFalse(of("[a-z]+curl").hasLeading(), "a class first: not known");
    assertFalse(of("a?b").hasLeading(), "an optional first character: not known");
    assertTrue(of("(?:curl|wget)\\s").hasLeading());
  }
}
