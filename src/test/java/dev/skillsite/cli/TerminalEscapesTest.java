package dev.skillsite.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Names and paths from content reach the maintainer's terminal and CI annotations: a folder named
 * {@code \e[2K\rbuilt fine: 0 warnings} and a name holding a bidirectional override must not
 * rewrite the line they are printed on (issue 26). Every finding is one line, its control and
 * bidirectional characters written as {@code \u001b}.
 */
class TerminalEscapesTest {
  private static final String FOLDER = "e\u001b[2K\rbuilt fine: 0 warnings";

  @TempDir Path tmp;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @Test
  void buildAndCheckPrintOneEscapedLinePerFinding() throws IOException {
    Path content = tmp.resolve("content");
    Path f = content.resolve("skills/" + FOLDER + "/SKILL.md");
    Files.createDirectories(f.getParent());
    Files.writeString(
        f,
        "---\nname: \"a\u202eb\"\ndescription: Use when testing terminal escapes.\n---\nbody\n",
        StandardCharsets.UTF_8);

    run("build", "--content", content.toString(), "--out", tmp.resolve("site").toString());
    assertEscaped(err.toString());
    err.getBuffer().setLength(0);
    out.getBuffer().setLength(0);
    run("check", "--content", content.toString(), "--format", "github");
    assertEscaped(out + "" + err);
  }

  private static void assertEscaped(String printed) {
    for (String raw : List.of("\u001b", "\r", "\u202e")) {
      assertFalse(printed.contains(raw), "raw " + raw.codePointAt(0) + " in: " + printed);
    }
    List<String> findings =
        printed.lines().filter(l -> l.contains("e\\u001b[2K\\u000dbuilt fine")).toList();
    assertTrue(findings.size() >= 1, printed);
    assertTrue(printed.contains("\\u202e"), printed);
    for (String line : findings) {
      assertEquals(1, line.lines().count());
      assertTrue(line.contains("warning"), line);
    }
  }

  private int run(String... args) {
    CommandLine cl = Main.commandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    return cl.execute(args);
  }
}
