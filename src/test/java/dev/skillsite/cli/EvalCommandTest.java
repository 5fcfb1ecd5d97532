package dev.skillsite.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class EvalCommandTest {
  @TempDir Path dir;
  private Path content;
  private Path queries;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeEach
  void setUp() throws IOException {
    content = dir.resolve("content");
    skill(
        "docker-images",
        "Build small Docker images with multi-stage builds. Use when writing a Dockerfile.");
    skill(
        "sql-tuning",
        "Speed up slow SQL queries: read query plans, add indexes. Use when a query is slow.");
    queries = dir.resolve("q.jsonl");
    Files.writeString(
        queries,
        """
        {"query": "my Dockerfile needs a multi-stage build", "expected": "docker-images"}
        {"query": "this SQL query is slow, which indexes should I add", "expected": ["sql-tuning"]}
        {"query": "remap the tmux prefix key", "expected": null}
        """,
        StandardCharsets.UTF_8);
  }

  private void skill(String name, String description) throws IOException {
    Path d = content.resolve(name);
    Files.createDirectories(d);
    Files.writeString(
        d.resolve("SKILL.md"),
        "---\nname: " + name + "\ndescription: \"" + description + "\"\n---\n\n# " + name + "\n",
        StandardCharsets.UTF_8);
  }

  private int run(String... args) {
    CommandLine cl = Main.commandLine();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    return cl.execute(args);
  }

  /** {@code eval} on the fixture's queries and content, with {@code more} options. */
  private int eval(String... more) {
    List<String> args =
        new ArrayList<>(
            List.of("eval", "--queries", queries.toString(), "--content", content.toString()));
    args.addAll(List.of(more));
    return run(args.toArray(String[]::new));
  }

  @Test
  void jsonHasTheScores() {
    assertEquals(0, eval("--json"));
    JsonObject o = JsonParser.parseString(out.toString()).getAsJsonObject();
    assertEquals(3, o.get("queries").getAsInt());
    assertEquals(2, o.get("positives").getAsInt());
    assertEquals(1, o.get("negatives").getAsInt());
    assertEquals(1.0, o.get("top1").getAsDouble());
    assertEquals(1.0, o.get("top3").getAsDouble());
    assertEquals(1.0, o.get("mrr").getAsDouble());
    assertEquals(0.0, o.get("false_trigger_rate").getAsDouble());
    assertEquals(0, o.getAsJsonArray("misses").size());
    assertEquals(0, o.getAsJsonArray("confusions").size());
  }

  /**
   * A negative that fires a skill comes with the request's most specific words that skill does not
   * use; a "Not for" clause naming them, as the hint says, stops it firing while the positive still
   * fires.
   */
  @Test
  void aFalseTriggerNamesTheWordsANotForClauseCouldExclude() throws IOException {
    Files.writeString(
        queries,
        """
        {"query": "speed up slow SQL queries with indexes", "expected": "sql-tuning"}
        {"query": "speed up slow MongoDB aggregation queries with indexes", "expected": null}
        """,
        StandardCharsets.UTF_8);
    assertEquals(0, eval("--json"));
    JsonObject o = JsonParser.parseString(out.toString()).getAsJsonObject();
    assertEquals(1.0, o.get("false_trigger_rate").getAsDouble(), out::toString);
    JsonObject miss = o.getAsJsonArray("misses").get(0).getAsJsonObject();
    assertEquals("sql-tuning", miss.get("got").getAsString());
    assertEquals("[\"mongodb\",\"aggregation\"]", miss.get("unused_words").toString());
    out.getBuffer().setLength(0);
    assertEquals(0, eval());
    assertTrue(
        out.toString()
            .contains(
                "\n    words sql-tuning does not use: \"mongodb\", \"aggregation\" (a \"Not for\""
                    + " clause naming them would count against it)"),
        out::toString);

    skill(
        "sql-tuning",
        "Speed up slow SQL queries: read query plans, add indexes. Use when a query is slow. Not"
            + " for MongoDB.");
    out.getBuffer().setLength(0);
    assertEquals(0, eval("--json"));
    JsonObject after = JsonParser.parseString(out.toString()).getAsJsonObject();
    assertEquals(0.0, after.get("false_trigger_rate").getAsDouble(), out::toString);
    assertEquals(1.0, after.get("top1").getAsDouble(), out::toString);
  }

  @Test
  void repeatedMissesAreSummedUpByWhereTheyWent() throws IOException {
    Files.writeString(
        queries,
        """
        {"query": "this SQL query is slow, which indexes should I add", "expected": "docker-images"}
        {"query": "slow SQL query plan and indexes", "expected": "docker-images"}
        """,
        StandardCharsets.UTF_8);
    assertEquals(0, eval());
    assertTrue(
        out.toString()
            .replace("\r\n", "\n")
            .contains(
                "where the misses went (most frequent first):\n  2× docker-images → sql-tuning\n"),
        out.toString());
    out.getBuffer().setLength(0);
    assertEquals(0, eval("--json"));
    JsonObject c =
        JsonParser.parseString(out.toString())
            .getAsJsonObject()
            .getAsJsonArray("confusions")
            .get(0)
            .getAsJsonObject();
    assertEquals("sql-tuning", c.get("got").getAsString());
    assertEquals(2, c.get("count").getAsInt());
  }

  @Test
  void textReportsCountsAndSaysHowAbstentionsCount() {
    assertEquals(0, eval());
    String text = out.toString();
    assertTrue(text.contains("top-1 1.000  top-3 1.000  MRR 1.000  over 2 positives"), text);
    assertTrue(text.contains("an abstention counts as a top-1 miss"), text);
    assertTrue(
        text.contains("false-trigger rate 0.000 over 1 negative" + System.lineSeparator()), text);
    assertTrue(
        text.contains(": 3 queries, 2 positives, 1 negative (confidence threshold 0.50)"), text);
    assertTrue(text.contains("miss: 0 positives abstained;"), text);
  }

  @Test
  void sweepScoresEveryThresholdAndTheCollectionsOwnThresholdIsTheDefault() throws IOException {
    Files.writeString(
        content.resolve("skillsite.yaml"),
        "routing:\n  threshold: 0.999\n",
        StandardCharsets.UTF_8);
    assertEquals(0, eval("--json", "--sweep"));
    JsonObject o = JsonParser.parseString(out.toString()).getAsJsonObject();
    assertEquals(0.999, o.get("threshold").getAsDouble());
    assertEquals(0.0, o.get("top1").getAsDouble(), "every positive abstains at 0.999");
    JsonArray sweep = o.getAsJsonArray("sweep");
    assertEquals(19, sweep.size());
    double top1 = 2;
    double ftr = 2;
    for (int i = 0; i < sweep.size(); i++) {
      JsonObject row = sweep.get(i).getAsJsonObject();
      assertEquals((i + 1) / 20.0, row.get("threshold").getAsDouble(), 1e-9);
      assertTrue(
          row.get("top1").getAsDouble() <= top1, "a higher threshold never fires more: " + row);
      assertTrue(row.get("false_trigger_rate").getAsDouble() <= ftr, row.toString());
      top1 = row.get("top1").getAsDouble();
      ftr = row.get("false_trigger_rate").getAsDouble();
    }
    JsonObject half = sweep.get(9).getAsJsonObject();
    assertEquals(
        1.0, half.get("top1").getAsDouble(), "the calibrated 0.50 fires both positives: " + half);
    assertEquals(1.0, half.get("pass_rate").getAsDouble());
  }

  @Test
  void sweepTextMarksTheBestThresholdAndSaysHowToUseIt() {
    assertEquals(0, eval("--threshold", "0.999", "--sweep"));
    String text = out.toString();
    assertEquals(1, text.split("<- highest pass rate", -1).length - 1, text);
    assertTrue(text.contains("put in skillsite.yaml:  routing: {threshold: "), text);
  }

  @Test
  void aThresholdOutsideZeroToOneIsAUsageError() {
    assertEquals(2, eval("--threshold", "0"));
    assertTrue(err.toString().contains("--threshold must be between 0 and 1"), err.toString());
  }

  @Test
  void belowMinTop1ExitsWithOne() {
    assertEquals(1, eval("--threshold", "0.9999", "--min-top1", "0.5"));
    assertTrue(err.toString().contains("is below --min-top1 0.500"), err.toString());
  }

  @Test
  void missingQueriesFileExitsWithTwo() {
    assertEquals(
        2,
        run(
            "eval",
            "--queries",
            dir.resolve("none.jsonl").toString(),
            "--content",
            content.toString()));
    assertTrue(err.toString().startsWith("skillsite eval: "), err.toString());
  }

  @Test
  void aSetNamingNoSkillOfTheCollectionScoresNothing() throws IOException {
    Path f = dir.resolve("evals.json");
    Files.writeString(
        f, "[{\"query\": \"slow SQL query\", \"should_trigger\": true}]", StandardCharsets.UTF_8);
    assertEquals(
        2,
        run("eval", "--queries", f.toString(), "--content", content.toString(), "--skill", "nope"));
    assertEquals(
        "skillsite eval: warning: 1 case expect a skill the collection does not hold ('nope'): listed, not"
            + " scored"
            + System.lineSeparator()
            + "skillsite eval: no case names a skill of this collection: nothing to"
            + " score"
            + System.lineSeparator(),
        err.toString());
  }

  @Test
  void casesExpectingAnUnknownSkillAreListedNotScored() throws IOException {
    Path f = dir.resolve("q.jsonl");
    Files.writeString(
        f,
        """
        {"query": "this SQL query is slow, which indexes should I add", "expected": "sql-tuning"}
        {"query": "publish the package to npm", "expected": "npm-publish"}
        {"query": "remap the tmux prefix key", "expected": "none"}
        """,
        StandardCharsets.UTF_8);
    assertEquals(
        0, run("eval", "--queries", f.toString(), "--content", content.toString(), "--json"));
    JsonObject o = JsonParser.parseString(out.toString()).getAsJsonObject();
    assertEquals(2, o.get("queries").getAsInt());
    assertEquals(1, o.get("positives").getAsInt());
    JsonArray notScored = o.getAsJsonArray("not_scored");
    assertEquals(1, notScored.size());
    assertEquals(
        "publish the package to npm",
        notScored.get(0).getAsJsonObject().get("query").getAsString());
    assertTrue(err.toString().contains("('npm-publish')"), err.toString());
    out.getBuffer().setLength(0);
    assertEquals(0, run("eval", "--queries", f.toString(), "--content", content.toString()));
    assertTrue(
        out.toString()
            .contains(
                "not scored (1 case expect a skill not in the collection):"
                    + System.lineSeparator()
                    + "  expected npm-publish: publish the package to npm"),
        out.toString());
  }

  @Test
  void positivesAndNegativesFromSeparateFiles() throws IOException {
    Path pos = dir.resolve("positives.txt");
    Files.writeString(
        pos, "this SQL query is slow, which indexes should I add\n", StandardCharsets.UTF_8);
    Path neg = dir.resolve("negatives.json");
    Files.writeString(
        neg,
        "[\"remap the tmux prefix key\", {\"prompt\": \"my Dockerfile needs a multi-stage build\"}]",
        StandardCharsets.UTF_8);
    assertEquals(
        0,
        run(
            "eval",
            "--positives",
            pos.toString(),
            "--negatives",
            neg.toString(),
            "--skill",
            "sql-tuning",
            "--content",
            content.toString(),
            "--json"));
    JsonObject o = JsonParser.parseString(out.toString()).getAsJsonObject();
    assertEquals(1, o.get("positives").getAsInt());
    assertEquals(2, o.get("negatives").getAsInt());
    assertEquals(1.0, o.get("top1").getAsDouble());
    assertEquals(
        0.0,
        o.get("false_trigger_rate").getAsDouble(),
        "a Docker request is not sql-tuning's to fire");
  }

  @Test
  void noQueriesAtAllIsAnError() {
    assertEquals(2, run("eval", "--content", content.toString()));
    assertTrue(err.toString().contains("give the queries"), err.toString());
  }

  @Test
  void skillCreatorFileWithSkill() throws IOException {
    Path f = dir.resolve("evals.json");
    Files.writeString(
        f,
        "[{\"query\": \"slow SQL query needs an index\", \"should_trigger\": true},"
            + " {\"query\": \"shrink my Dockerfile with a multi-stage build\", \"should_trigger\": false}]",
        StandardCharsets.UTF_8);
    assertEquals(
        0,
        run(
            "eval",
            "--queries",
            f.toString(),
            "--content",
            content.toString(),
            "--skill",
            "sql-tuning",
            "--json"));
    JsonObject o = JsonParser.parseString(out.toString()).getAsJsonObject();
    assertEquals(1.0, o.get("top1").getAsDouble());
    assertEquals(0.0, o.get("false_trigger_rate").getAsDouble());
  }
}
