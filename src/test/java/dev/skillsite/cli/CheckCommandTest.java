package dev.skillsite.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CheckCommandTest {
  private static final String FIXTURES = "src/test/resources/check/";

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cl = Main.commandLine();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    return cl.execute(args);
  }

  @Test
  void cleanCollectionExitsZeroEvenWhenStrict() {
    assertEquals(0, run("check", "--strict", "--content", FIXTURES + "clean/content"));
    assertEquals("", out.toString());
    assertTrue(err.toString().contains("2 skills, 0 errors, 0 warnings"), err.toString());
  }

  @Test
  void warningsExitZeroButOneUnderStrict() {
    assertEquals(0, run("check", "--content", FIXTURES + "file-missing/content"));
    assertEquals(
        "skills/csv-tables/SKILL.md:7:6: warning: mentions 'scripts/to_table.py', which is not in the"
            + " skill folder\n",
        out.toString().replace("\r\n", "\n"));
    assertEquals(1, run("check", "--strict", "--content", FIXTURES + "file-missing/content"));
  }

  @Test
  void aFolderWithNoSkillIsAWarningSoStrictCiFails(@TempDir Path empty) {
    // a wrong --content in CI must not pass on nothing
    assertEquals(0, run("check", "--content", empty.toString()));
    assertEquals(
        ".:1:1: warning: no SKILL.md (or skill.md) anywhere under this folder: the site has no skill\n",
        out.toString().replace("\r\n", "\n"));
    assertTrue(err.toString().contains("0 skills, 0 errors, 1 warning (target"), err.toString());
    assertEquals(1, run("check", "--strict", "--content", empty.toString()));
  }

  @Test
  void errorsExitOne() {
    assertEquals(
        1, run("check", "--target", "claude-ai", "--content", FIXTURES + "claude-ai/content"));
  }

  @Test
  void targetChangesWhatIsReported() {
    assertEquals(
        0,
        run(
            "check",
            "--strict",
            "--target",
            "claude-code",
            "--content",
            FIXTURES + "claude-code/content"));
    assertEquals(1, run("check", "--strict", "--content", FIXTURES + "claude-code/content"));
  }

  @Test
  void usageErrorsExitTwo() {
    assertEquals(2, run("check", "--target", "cursor", "--content", FIXTURES + "clean/content"));
    assertEquals(2, run("check", "--format", "xml", "--content", FIXTURES + "clean/content"));
    assertEquals(2, run("check", "--content", FIXTURES + "no-such-folder"));
    assertEquals(
        2, run("check", "--listing-budget", "-1", "--content", FIXTURES + "clean/content"));
  }

  @Test
  void jsonIsAnArrayOfFindingsWithStableCodes() {
    assertEquals(0, run("check", "--json", "--content", FIXTURES + "broken-link/content"));
    JsonArray array = JsonParser.parseString(out.toString()).getAsJsonArray();
    assertEquals(2, array.size());
    JsonObject first = array.get(0).getAsJsonObject();
    assertEquals("skills/csv-tables/SKILL.md", first.get("path").getAsString());
    assertEquals(9, first.get("line").getAsInt());
    assertEquals(5, first.get("col").getAsInt());
    assertEquals("warning", first.get("severity").getAsString());
    assertEquals("link-missing", first.get("code").getAsString());
    assertEquals(
        "link to a missing file: references/columns.md", first.get("message").getAsString());
    assertEquals("anchor-missing", array.get(1).getAsJsonObject().get("code").getAsString());
  }

  @Test
  void jsonOfACleanCollectionIsAnEmptyArray() {
    assertEquals(0, run("check", "--json", "--content", FIXTURES + "clean/content"));
    assertEquals(0, JsonParser.parseString(out.toString()).getAsJsonArray().size());
  }

  @Test
  void githubFormatPrintsOneAnnotationPerFinding() {
    assertEquals(
        1,
        run(
            "check",
            "--format",
            "github",
            "--target",
            "claude-ai",
            "--content",
            FIXTURES + "claude-ai/content"));
    List<String> lines = List.of(out.toString().split("\\R"));
    assertEquals(6, lines.size(), out.toString());
    assertTrue(
        lines.contains(
            "::error file=src/test/resources/check/claude-ai/content/skills/claude-csv-tables/SKILL.md,"
                + "line=2,col=1,title=reserved-word-in-name::name 'claude-csv-tables' contains the"
                + " reserved word 'claude' (claude.ai uploads reject this)"),
        out.toString());
    assertTrue(
        lines.stream()
            .anyMatch(
                l ->
                    l.startsWith(
                        "::error file=src/test/resources/check/claude-ai/content/skills/"
                            + "claude-csv-tables/SKILL.md,line=3,col=35,title=xml-tag-in-description::")),
        out.toString());
    assertTrue(
        lines.stream()
            .anyMatch(
                l ->
                    l.startsWith(
                        "::warning file=src/test/resources/check/claude-ai/content/skills/"
                            + "anthropic-image-resizer/SKILL.md,line=4,col=16,"
                            + "title=allowed-tools-not-string::")),
        out.toString());
  }
}
