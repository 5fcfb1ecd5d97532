package dev.skillsite.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.skillsite.content.ContentLoader;
import dev.skillsite.model.Catalog;
import dev.skillsite.model.Skill;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code route}, {@code eval}, {@code check} and the site read one trigger set per skill: the one
 * the loader extracted (phrases, keywords, when-clauses, the fallback sentence). The collection
 * mixes every description style, a negation and {@code when_to_use}; each command is run as a user
 * runs it and its view of the triggers is compared with the loader's.
 */
class TriggerSetAgreementTest {
  @TempDir Path dir;

  private static final Map<String, String> SKILLS = new LinkedHashMap<>();

  static {
    SKILLS.put(
        "commit-writer",
        "description: Writes conventional commit messages. Use when the user asks to \"write a"
            + " commit message\" or mentions git commit, changelog entries.");
    SKILLS.put(
        "a11y-audit",
        "description: Audits web pages for accessibility problems. Use when auditing a website for"
            + " WCAG issues, checking colour contrast, or reviewing screen reader labels.");
    SKILLS.put("pdf-forms", "description: Fills and flattens PDF forms with pypdf and qpdf.");
    SKILLS.put(
        "pod-debugger",
        "description: Debugs failing Kubernetes pods. Use when a pod is stuck in CrashLoopBackOff"
            + " or an image will not pull. Do not use for writing Helm charts, even if it looks"
            + " like \"a quick chart tweak\".");
    SKILLS.put(
        "sql-indenter",
        "description: Formats SQL queries.\nwhen_to_use: When SQL queries need consistent"
            + " indentation and uppercase keywords.");
  }

  private final StringWriter out = new StringWriter();

  private int run(String... args) {
    out.getBuffer().setLength(0);
    CommandLine cl = Main.commandLine();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(new StringWriter()));
    return cl.execute(args);
  }

  private JsonElement json(String... args) {
    run(args);
    return JsonParser.parseString(out.toString());
  }

  @Test
  void routeEvalCheckAndTheSiteReadTheLoadersTriggers() throws IOException {
    Path content = dir.resolve("content");
    for (Map.Entry<String, String> e : SKILLS.entrySet()) {
      Path skill = content.resolve("skills/" + e.getKey() + "/SKILL.md");
      Files.createDirectories(skill.getParent());
      Files.writeString(
          skill,
          "---\nname: " + e.getKey() + "\n" + e.getValue() + "\n---\n\n# " + e.getKey() + "\n",
          StandardCharsets.UTF_8);
    }
    Catalog catalog = new ContentLoader().load(content);
    Map<String, List<String>> loaded = new LinkedHashMap<>();
    for (Skill s : catalog.skills()) {
      loaded.put(s.name(), s.triggers().all());
    }
    assertEquals(SKILLS.keySet(), loaded.keySet());
    assertTrue(loaded.get("pdf-forms").size() == 1, "the fallback sentence: " + loaded);
    assertTrue(
        loaded.get("pod-debugger").stream().noneMatch(t -> t.contains("chart")),
        "a negated phrase is no trigger: " + loaded.get("pod-debugger"));
    assertTrue(
        loaded.get("sql-indenter").stream().anyMatch(t -> t.contains("indentation")),
        "when_to_use is trigger text: " + loaded.get("sql-indenter"));
    int total = loaded.values().stream().mapToInt(List::size).sum();

    // the site: skills.json and the health page
    Path site = dir.resolve("site");
    assertEquals(0, run("build", "--content", content.toString(), "--out", site.toString()));
    JsonArray skills =
        JsonParser.parseString(Files.readString(site.resolve("skills.json"))).getAsJsonArray();
    Map<String, List<String>> published = new LinkedHashMap<>();
    for (JsonElement e : skills) {
      JsonObject o = e.getAsJsonObject();
      List<String> all = new ArrayList<>();
      for (String field : List.of("triggers", "keywords", "clauses")) {
        o.getAsJsonArray(field).forEach(t -> all.add(t.getAsString()));
      }
      if (o.has("fallback")) {
        all.add(o.get("fallback").getAsString());
      }
      published.put(o.get("name").getAsString(), all);
    }
    assertEquals(loaded, published, "skills.json");
    String lead =
        Jsoup.parse(site.resolve("health/index.html").toFile()).selectFirst(".lead").text();
    assertTrue(lead.startsWith(total + " "), "the health page probed every trigger: " + lead);

    // eval, with every trigger as a query expecting its own skill
    Path queries = dir.resolve("triggers.jsonl");
    StringBuilder lines = new StringBuilder();
    loaded.forEach(
        (name, triggers) ->
            triggers.forEach(
                t -> {
                  JsonObject q = new JsonObject();
                  q.addProperty("query", t);
                  q.addProperty("expected", name);
                  lines.append(q).append('\n');
                }));
    Files.writeString(queries, lines, StandardCharsets.UTF_8);
    JsonObject eval =
        json("eval", "--json", "--content", content.toString(), "--queries", queries.toString())
            .getAsJsonObject();
    assertEquals(total, eval.get("positives").getAsInt());
    Set<String> missed = new HashSet<>();
    eval.getAsJsonArray("misses")
        .forEach(m -> missed.add(m.getAsJsonObject().get("query").getAsString()));

    // route, from the content and from the index the site was built with
    Map<String, Integer> reachedBy = new LinkedHashMap<>();
    for (Map.Entry<String, List<String>> e : loaded.entrySet()) {
      reachedBy.put(e.getKey(), 0);
      for (String trigger : e.getValue()) {
        for (String[] source :
            List.of(
                new String[] {"--content", content.toString()},
                new String[] {"--index", site.resolve("search/lucene").toString()})) {
          JsonObject r = json("route", "--json", source[0], source[1], trigger).getAsJsonObject();
          JsonArray results = r.getAsJsonArray("results");
          boolean fires =
              !r.get("abstained").getAsBoolean()
                  && results.size() > 0
                  && results.get(0).getAsJsonObject().get("name").getAsString().equals(e.getKey());
          assertEquals(
              !missed.contains(trigger),
              fires,
              "route " + source[0] + " and eval agree on \"" + trigger + "\"");
          if (fires && source[0].equals("--content")) {
            reachedBy.merge(e.getKey(), 1, Integer::sum);
          }
        }
      }
    }

    // check: a skill is unreachable exactly when none of those triggers reaches it
    JsonArray findings = json("check", "--json", "--content", content.toString()).getAsJsonArray();
    Set<String> unreachable = new HashSet<>();
    findings.forEach(
        f -> {
          JsonObject o = f.getAsJsonObject();
          if (o.get("code").getAsString().equals("unreachable-skill")) {
            unreachable.add(Path.of(o.get("path").getAsString()).getParent().getFileName() + "");
          }
        });
    Set<String> expected = new HashSet<>();
    reachedBy.forEach(
        (name, n) -> {
          if (n == 0) {
            expected.add(name);
          }
        });
    assertEquals(expected, unreachable, "check's unreachable skills, routed " + reachedBy);
  }
}
