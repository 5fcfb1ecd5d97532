package dev.skillsite.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Diagnostics print one line each, whatever a name holds (issue 26). */
class PrintableTextTest {
  @org.junit.jupiter.api.Test
  void controlAndBidirectionalCharactersAreEscaped() {
    String[][] cases = {
      {"plain name", "plain name"},
      {"\u001b[2K\rbuilt fine: 0 warnings", "\\u001b[2K\\u000dbuilt fine: 0 warnings"},
      {"evil\u202egnp.exe", "evil\\u202egnp.exe"},
      {"a\nb\u2028c\u0085d", "a\\u000ab\\u2028c\\u0085d"},
      {"isolate\u2066x\u2069", "isolate\\u2066x\\u2069"},
      {"lone\ud800", "lone\\ud800"},
      {"caf\u00e9 \ud83d\ude00", "caf\u00e9 \ud83d\ude00"}
    };
    for (String[] c : cases) {
      assertEquals(c[1], PrintableText.of(c[0]));
    }
  }

  @org.junit.jupiter.api.Test
  void aDiagnosticIsOneLine() {
    Diagnostic d =
        Diagnostic.error(new SourcePos("x\u202e/SKILL.md", 2, 1), "c", "name '\u001b[2K\r' is bad");
    assertEquals("x\\u202e/SKILL.md:2:1: error: name '\\u001b[2K\\u000d' is bad", d.format());
  }
}
