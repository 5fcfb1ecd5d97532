package dev.skillsite.site;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ScriptCommentsTest {
  @Test
  void wholeLineCommentsGoAndCodeStays() {
    String in =
        "/**\n * doc\n */\nvar a = 1; // gone: nothing before it holds a //\n  // gone\n  /* gone */\n"
            + "var re = /\\/\\/x/; var s = \"/* not a comment */\"; // kept: after a string\n";
    assertEquals(
        Optional.of(
            "var a = 1;\nvar re = /\\/\\/x/; var s = \"/* not a comment */\"; // kept: after a string\n"),
        ScriptComments.strip(in));
  }

  @Test
  void aBlockCommentEndingInsideALineLeavesTheScriptAsItIs() {
    assertEquals(Optional.empty(), ScriptComments.strip("/* a\n b */ var x = 1;\n"));
    assertEquals(Optional.empty(), ScriptComments.strip("/* never closed\nvar x = 1;\n"));
  }

  @Test
  void indentationAndBlankLinesGoUnlessALineCouldBeInsideAString() {
    assertEquals(
        Optional.of("if (a) {\nb();\n}\n"), ScriptComments.strip("if (a) {\n\n    b();\n  }\n"));
    String template = "var t = `a\n\n    b`;\n";
    assertEquals(Optional.of(template), ScriptComments.strip(template));
    String continued = "var s = \"a\\\n    b\";\n";
    assertEquals(Optional.of(continued), ScriptComments.strip(continued));
  }

  @Test
  void aScriptWithoutFinalNewlineKeepsItsLastLine() {
    assertEquals(Optional.of("var x = 1;"), ScriptComments.strip("// c\nvar x = 1;"));
  }
}
