package dev.skillsite.site;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ScriptCommentsTest {
  @Test
  void wholeLineCommentsGoAndCodeStays() {
    String in =
        "/**\n * doc\n */\nvar a = 1; // kept: not a whole line\n  // gone\n  /* gone */\n"
            + "var re = /\\/\\/x/; var s = \"/* not a comment */\";\n";
    assertEquals(
        Optional.of(
            "var a = 1; // kept: not a whole line\nvar re = /\\/\\/x/; var s = \"/* not a comment */\";\n"),
        ScriptComments.strip(in));
  }

  @Test
  void aBlockCommentEndingInsideALineLeavesTheScriptAsItIs() {
    assertEquals(Optional.empty(), ScriptComments.strip("/* a\n b */ var x = 1;\n"));
    assertEquals(Optional.empty(), ScriptComments.strip("/* never closed\nvar x = 1;\n"));
  }

  @Test
  void aScriptWithoutFinalNewlineKeepsItsLastLine() {
    assertEquals(Optional.of("var x = 1;"), ScriptComments.strip("// c\nvar x = 1;"));
  }
}
