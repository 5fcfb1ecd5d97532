package dev.skillsite.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class RouteCommandTest {
  @TempDir Path dir;
  private Path content;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeEach
  void content() throws IOException {
    content = dir.resolve("content");
    skill(
        "docker-images",
        "Build small, secure Docker images with multi-stage builds. Use when writing a"
            + " Dockerfile or shrinking an image.",
        "## Multi-stage builds\n\nCopy the binary into a slim image.\n");
    skill(
        "sql-tuning",
        "Speed up slow SQL queries: read query plans, add indexes. Use when a query is slow or"
            + " EXPLAIN shows a table scan.",
        "## Reading EXPLAIN\n\nA sequential scan means a missing index.\n");
    skill(
        "git-commit",
        "Write conventional commit messages. Use when committing code changes.",
        "## Conventional commits\n\nfeat, fix, docs.\n");
  }

  private void skill(String name, String description, String body) throws IOException {
    Path d = content.resolve("skills").resolve(name);
    Files.createDirectories(d);
    Files.writeString(
        d.resolve("SKILL.md"),
        "---\nname: "
            + name
            + "\ndescription: \""
            + description
            + "\"\n---\n\n# "
            + name
            + "\n\n"
            + body,
        StandardCharsets.UTF_8);
  }

  private int run(String... args) {
    CommandLine cl = Main.commandLine();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    return cl.execute(args);
  }

  @Test
  void jsonIsOneObjectWithTheRankedSkills() {
    assertEquals(
        0,
        run(
            "route",
            "shrink our Dockerfile image with a multi-stage build",
            "--content",
            content.toString(),
            "--json",
            "--top",
            "2"));
    JsonObject o = JsonParser.parseString(out.toString()).getAsJsonObject();
    assertEquals(
        "shrink our Dockerfile image with a multi-stage build", o.get("query").getAsString());
    assertEquals(false, o.get("abstained").getAsBoolean());
    assertEquals(false, o.get("ambiguous").getAsBoolean());
    var first = o.getAsJsonArray("results").get(0).getAsJsonObject();
    assertEquals("docker-images", first.get("id").getAsString());
    assertEquals("docker-images", first.get("name").getAsString());
    assertTrue(first.get("score").getAsDouble() > 0);
    assertTrue(first.has("matched"));
    assertTrue(o.getAsJsonArray("results").size() <= 2);
  }

  @Test
  void thresholdFlagAndTheCollectionsOwnThreshold() throws IOException {
    String q = "shrink our Dockerfile image with a multi-stage build";
    assertEquals(
        0, run("route", q, "--content", content.toString(), "--json", "--threshold", "0.999"));
    JsonObject strict = JsonParser.parseString(out.toString()).getAsJsonObject();
    assertEquals(true, strict.get("abstained").getAsBoolean());
    assertEquals(0.999, strict.get("threshold").getAsDouble());
    out.getBuffer().setLength(0);
    Files.writeString(
        content.resolve("skillsite.yaml"), "routing: {threshold: 0.999}\n", StandardCharsets.UTF_8);
    assertEquals(0, run("route", q, "--content", content.toString()));
    assertTrue(out.toString().startsWith("no skill matches (confidence "), out.toString());
    assertEquals(2, run("route", q, "--content", content.toString(), "--threshold", "1.5"));
    assertTrue(err.toString().contains("--threshold must be between 0 and 1"), err.toString());
  }

  @Test
  void textSaysNoSkillMatchesWhenAbstaining() {
    assertEquals(
        0, run("route", "remap the tmux prefix to ctrl-a", "--content", content.toString()));
    assertTrue(out.toString().startsWith("no skill matches (confidence "), out.toString());
  }

  @Test
  void explainShowsFieldsAndConfidenceAgainstThreshold() {
    assertEquals(
        0,
        run(
            "route",
            "slow SQL query with a table scan",
            "--content",
            content.toString(),
            "--explain"));
    String text = out.toString();
    assertTrue(text.startsWith("1. sql-tuning  score "), text);
    assertTrue(text.contains("     fields: "), text);
    assertTrue(text.contains(" vs threshold 0.50: matched "), text);
  }

  /**
   * An author who adds a "Not for" clause sees it at work: the share of the request it excludes.
   */
  @Test
  void explainShowsWhatANotForClauseExcludes() throws IOException {
    skill(
        "celery-tasks",
        "Run Python background tasks with Celery. Use when adding a task queue. Not for Sidekiq"
            + " or Resque workers.",
        "## Retries\n\nRetry a failed task with backoff.\n");
    assertEquals(
        0,
        run(
            "route",
            "retry a failed Sidekiq worker task with backoff",
            "--content",
            content.toString(),
            "--explain",
            "--json"));
    JsonObject o = JsonParser.parseString(out.toString()).getAsJsonObject();
    assertEquals(
        "celery-tasks",
        o.getAsJsonArray("results").get(0).getAsJsonObject().get("name").getAsString());
    double excluded = o.getAsJsonObject("explain").get("excluded").getAsDouble();
    assertTrue(excluded > 0, out::toString);
    assertTrue(o.get("abstained").getAsBoolean(), out::toString);
    assertEquals("[\"Not for Sidekiq or Resque workers.\"]", o.get("not_for").toString());
    out.getBuffer().setLength(0);
    assertEquals(
        0,
        run(
            "route",
            "retry a failed Sidekiq worker task with backoff",
            "--content",
            content.toString(),
            "--explain"));
    assertTrue(
        out.toString()
            .contains(
                String.format(
                    java.util.Locale.ROOT,
                    ", excluded %.2f (its \"Not for\" clauses); z = ",
                    excluded)),
        out::toString);
    assertTrue(
        out.toString()
            .contains(
                System.lineSeparator()
                    + "celery-tasks says: \"Not for Sidekiq or Resque workers.\""
                    + System.lineSeparator()
                    + "closest:"),
        out::toString);
    // a request the clause does not name: nothing said
    out.getBuffer().setLength(0);
    assertEquals(
        0,
        run(
            "route",
            "retry a failed Celery task with backoff",
            "--content",
            content.toString(),
            "--json"));
    assertEquals(
        "[]", JsonParser.parseString(out.toString()).getAsJsonObject().get("not_for").toString());
  }

  @Test
  void builtIndexIsReadWithIndexOption() throws IOException {
    try (var index = dev.skillsite.routing.RouterFactory.fromContent(content)) {
      index.writeTo(dir.resolve("idx"));
    }
    assertEquals(
        0,
        run("route", "write a commit message", "--index", dir.resolve("idx").toString(), "--json"));
    assertEquals(
        "git-commit",
        JsonParser.parseString(out.toString())
            .getAsJsonObject()
            .getAsJsonArray("results")
            .get(0)
            .getAsJsonObject()
            .get("name")
            .getAsString());
  }

  @Test
  void missingIndexIsAnIoErrorWithExitTwo() {
    assertEquals(2, run("route", "anything", "--index", dir.resolve("nope").toString()));
    assertEquals(
        "skillsite route: no routing index at " + dir.resolve("nope") + System.lineSeparator(),
        err.toString());
  }

  @Test
  void aFolderWithoutAnIndexOrWithoutSkillsSaysSo() throws IOException {
    Path empty = Files.createDirectories(dir.resolve("empty"));
    assertEquals(2, run("route", "anything", "--index", empty.toString()));
    assertEquals(
        "skillsite route: no routing index in "
            + empty
            + " (build writes one to OUT/search/lucene)"
            + System.lineSeparator(),
        err.toString());
    err.getBuffer().setLength(0);
    assertEquals(2, run("route", "anything", "--content", empty.toString()));
    assertTrue(
        err.toString().startsWith("skillsite route: " + empty + ": no skill to route to"),
        err.toString());
    err.getBuffer().setLength(0);
    assertEquals(2, run("route", "anything", "--content", dir.resolve("nope").toString()));
    assertEquals(
        "skillsite route: " + dir.resolve("nope") + ": no such folder" + System.lineSeparator(),
        err.toString());
  }

  @Test
  void bothSourcesIsAUsageError() {
    assertEquals(2, run("route", "x", "--index", "a", "--content", "b"));
    assertTrue(err.toString().contains("give --content or --index, not both"), err.toString());
  }
}
