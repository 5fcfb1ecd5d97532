package dev.skillsite.routing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Query-time synonyms for common developer vocabulary: abbreviations and everyday words for the
 * same thing. Each group is symmetric; a query word found in a group adds the group's other members
 * to the query at a lower weight ({@link #WEIGHT}). Looked up on lowercase words of the raw query.
 */
public final class Synonyms {
  /** How much a synonym counts relative to the word the user typed. */
  public static final float WEIGHT = 0.4f;

  public static final List<List<String>> GROUPS =
      List.of(
          List.of("db", "database"),
          List.of("k8s", "kubernetes"),
          List.of("js", "javascript"),
          List.of("ts", "typescript"),
          List.of("py", "python"),
          List.of("auth", "authentication", "login"),
          List.of("authz", "authorization", "permissions"),
          List.of("repo", "repository"),
          List.of("config", "configuration", "settings"),
          List.of("env", "environment"),
          List.of("perf", "performance", "slow", "latency"),
          List.of("async", "asynchronous", "background"),
          List.of("ui", "interface", "frontend"),
          List.of("docs", "documentation"),
          List.of("bug", "error", "failure"),
          List.of("deploy", "deployment", "release"),
          List.of("ci", "pipeline"),
          List.of("llm", "model"),
          List.of("pr", "pull request"),
          List.of("infra", "infrastructure"),
          List.of("regex", "regular expression"),
          List.of(
              "cron", "schedule", "scheduled", "nightly", "hourly", "every night", "every hour"),
          List.of("email", "mail"),
          List.of("i18n", "internationalization", "localization", "translation"),
          List.of("a11y", "accessibility"),
          List.of("ml", "machine learning"),
          List.of("viz", "visualization", "chart", "plot"),
          List.of("ppt", "pptx", "slides", "presentation"),
          List.of("spreadsheet", "excel", "xlsx"),
          List.of("diagram", "flowchart"),
          List.of("crash", "crashes", "exception"),
          List.of("vuln", "vulnerability", "security"),
          List.of("secret", "credential", "password"),
          List.of("img", "image", "picture", "photo"),
          List.of("msg", "message"),
          List.of("cli", "command line", "terminal"),
          List.of("gh", "github"),
          List.of("dep", "deps", "dependency", "dependencies"),
          List.of("func", "function"),
          List.of("impl", "implement", "implementation"),
          List.of("e2e", "end-to-end"),
          List.of("webhook", "callback"),
          List.of("sched", "scheduler"),
          List.of("cache", "caching", "memoize"),
          List.of("realtime", "real-time", "live"));

  private final Map<String, List<String>> byWord;

  public Synonyms() {
    Map<String, List<String>> m = new HashMap<>();
    for (List<String> g : GROUPS) {
      for (String w : g) {
        m.put(w, g);
      }
    }
    this.byWord = Map.copyOf(m);
  }

  /** The synonyms of the query's words (not the words themselves), joined as text to analyze. */
  public String expand(String query) {
    Set<String> words = new LinkedHashSet<>();
    StringBuilder cur = new StringBuilder();
    String lower = query.toLowerCase(Locale.ROOT) + " ";
    List<String> tokens = new ArrayList<>();
    for (int i = 0; i < lower.length(); i++) {
      char c = lower.charAt(i);
      if (Character.isLetterOrDigit(c) || c == '-') {
        cur.append(c);
      } else if (cur.length() > 0) {
        tokens.add(cur.toString());
        cur.setLength(0);
      }
    }
    Set<String> typed = new LinkedHashSet<>(tokens);
    for (int i = 0; i < tokens.size(); i++) {
      lookup(tokens.get(i), typed, words);
      if (i + 1 < tokens.size()) {
        lookup(tokens.get(i) + " " + tokens.get(i + 1), typed, words);
      }
    }
    return String.join(" ", words);
  }

  private void lookup(String word, Set<String> typed, Set<String> out) {
    List<String> g = byWord.get(word);
    if (g != null) {
      for (String s : g) {
        if (!typed.contains(s)) {
          out.add(s);
        }
      }
    }
  }
}
