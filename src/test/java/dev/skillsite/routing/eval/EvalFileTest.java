package dev.skillsite.routing.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvalFileTest {
  @Test
  void jsonlWithNameListAndNull() {
    List<EvalCase> c =
        EvalFile.parse(
            """
        {"query": "a", "expected": "x"}
        {"query": "b", "expected": ["x", "y"]}

        {"query": "c", "expected": null}
        """,
            Optional.empty());
    assertEquals(
        List.of(
            EvalCase.positive("a", List.of("x")),
            EvalCase.positive("b", List.of("x", "y")),
            EvalCase.negative("c")),
        c);
  }

  @Test
  void skillCreatorArrayNeedsTheSkill() {
    String json =
        "[{\"query\": \"a\", \"should_trigger\": true}, {\"prompt\": \"b\", \"should_trigger\": false}]";
    assertEquals(
        List.of(EvalCase.positive("a", List.of("s")), EvalCase.negativeFor("b", "s")),
        EvalFile.parse(json, Optional.of("s")));
    assertThrows(IllegalArgumentException.class, () -> EvalFile.parse(json, Optional.empty()));
  }

  @Test
  void shouldTriggerNamingASkillOrNull() {
    assertEquals(
        List.of(EvalCase.positive("a", List.of("snap")), EvalCase.negative("b")),
        EvalFile.parse(
            "[{\"query\": \"a\", \"should_trigger\": \"snap\"}, {\"query\": \"b\", \"should_trigger\": null}]",
            Optional.empty()));
  }

  @Test
  void objectFormats() {
    assertEquals(
        List.of(EvalCase.positive("a", List.of("s")), EvalCase.negativeFor("b", "s")),
        EvalFile.parse(
            "{\"skill_name\": \"x\", \"evals\": [{\"query\": \"a\", \"should_trigger\": true},"
                + " {\"query\": \"b\", \"should_trigger\": false}]}",
            Optional.of("s")));
    assertEquals(
        List.of(EvalCase.positive("wcag", List.of("s")), EvalCase.negativeFor("css", "s")),
        EvalFile.parse(
            "{\"_comment\": \"x\", \"should_trigger\": [\"wcag\"], \"should_not_trigger\": [\"css\"]}",
            Optional.of("s")));
    assertEquals(
        List.of(EvalCase.positive("p", List.of("debug")), EvalCase.negativeFor("n", "debug")),
        EvalFile.parse(
            "{\"_comment\": \"x\", \"debug\": {\"positive\": [\"p\"], \"negative\": [\"n\"]}}",
            Optional.empty()));
  }

  @Test
  void markdownTriggerTests(@TempDir Path dir) throws IOException {
    Path md = dir.resolve("trigger-tests.md");
    Files.writeString(
        md,
        """
        # Trigger Tests
        ## Should Trigger
        | Input | Why |
        |-------|-----|
        | "prep behavioral for Google" | direct |
        ## Should NOT Trigger
        ### 4. Resume tailoring request
        - **Query:** "tailor my resume for this JD"
        - **Expected:** resume-analyzer activates
        ## Edge Cases
        | "prep behavioral" | prose |
        """,
        StandardCharsets.UTF_8);
    assertEquals(
        List.of(
            EvalCase.positive("prep behavioral for Google", List.of("s")),
            EvalCase.negativeFor("tailor my resume for this JD", "s")),
        EvalFile.read(md, Optional.of("s")));
  }

  @Test
  void brokenFileSaysWhichFile(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("q.jsonl");
    Files.writeString(f, "{\"query\": \"a\"", StandardCharsets.UTF_8);
    IOException e = assertThrows(IOException.class, () -> EvalFile.read(f, Optional.empty()));
    assertTrue(e.getMessage().startsWith(f + ":1: "), e.getMessage());
  }

  @Test
  void aBadLineIsNamedByItsNumberWithWhatIsWrong(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("q.jsonl");
    String good = "{\"query\": \"a\", \"expected\": \"x\"}\n";
    // a blank first line still counts: numbers are the editor's
    assertEquals(f + ":3: not JSON: not json", message(f, "\n" + good + "not json\n"));
    assertEquals(
        f + ":2: no \"query\" (or \"prompt\", \"q\", \"input\") string",
        message(f, good + "{\"expected\": \"x\"}\n"));
    assertEquals(
        f + ":2: \"expected\" must be a skill name, a list of names, or null; got {\"a\":1}",
        message(f, good + "{\"query\": \"b\", \"expected\": {\"a\": 1}}\n"));
    assertEquals(
        f + ":1: \"expected\" is an empty list: give names, or null for a negative",
        message(f, "{\"query\": \"b\", \"expected\": []}\n" + good));
    assertEquals(f + ": no queries in it", message(f, "\n\n"));
  }

  @Test
  void aByteOrderMarkAndWindowsLineEndingsAreRead(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("q.jsonl");
    Files.writeString(
        f,
        "\uFEFF{\"query\": \"a\", \"expected\": \"x\"}\r\n{\"query\": \"b\", \"expected\": null}\r\n",
        StandardCharsets.UTF_8);
    List<EvalCase> cases = EvalFile.read(f, Optional.empty());
    assertEquals(List.of("a", "b"), cases.stream().map(EvalCase::query).toList());
    assertEquals(List.of("x"), cases.get(0).expected());
    assertTrue(cases.get(1).expected().isEmpty());
  }

  private static String message(Path f, String text) throws IOException {
    Files.writeString(f, text, StandardCharsets.UTF_8);
    return assertThrows(IOException.class, () -> EvalFile.read(f, Optional.empty())).getMessage();
  }
}
