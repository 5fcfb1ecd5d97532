package dev.skillsite.routing.eval;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads routing query sets in the shapes skill authors write them:
 *
 * <ul>
 *   <li>JSONL, or a JSON array, of cases: the query under {@code query}, {@code prompt}, {@code q}
 *       or {@code input}; the label one of
 *       <ul>
 *         <li>{@code expected}, {@code expected_skill} or {@code expect_skill}: a skill's name, a
 *             list of names, or {@code null} / {@code "none"} (nothing may fire); or {@code
 *             "trigger"} / {@code "do_not_trigger"} / {@code "skip"} about the set's skill;
 *         <li>{@code should_trigger}, {@code shouldTrigger}, {@code should} or {@code
 *             expected_trigger}: {@code true} / {@code false} about the set's skill, or a skill's
 *             name ({@code false} without a skill, or {@code null}: nothing may fire);
 *       </ul>
 *   <li>an object holding such a list under {@code evals}, {@code queries}, {@code cases}, {@code
 *       tests}, {@code items} or {@code examples}, and maybe the skill it is about under {@code
 *       skill_name}, {@code skill} or {@code target} (a {@code --skill} given on the command line
 *       wins);
 *   <li>an object of two lists of phrases about one skill: {@code should_trigger} / {@code
 *       should_not_trigger}, {@code positive} / {@code negative} or {@code positives} / {@code
 *       negatives};
 *   <li>an object {@code {"skill": {"positive": [...], "negative": [...]}, …}} (negatives: that
 *       skill must not come first);
 *   <li>a Markdown trigger-test page ({@code .md}) about one skill: see {@link
 *       MarkdownTriggerTests};
 *   <li>with {@link #readPlain}, a file of unlabelled queries that are all positives or all
 *       negatives (one a line, or a JSON array), for sets that keep them in separate files.
 * </ul>
 *
 * "The set's skill" is the one named by {@code --skill} or the file; a positive needs it, a
 * negative without it means that no skill may fire.
 */
public final class EvalFile {
  private EvalFile() {}

  /** The cases of {@code file}; {@code skill} names the skill of single-skill formats. */
  public static List<EvalCase> read(Path file, Optional<String> skill) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1); // a byte-order mark, as some Windows editors write
    }
    if (file.getFileName().toString().endsWith(".md")) {
      String s =
          skill.orElseThrow(
              () -> new IOException(file + ": a Markdown trigger-test page needs --skill NAME"));
      return MarkdownTriggerTests.parse(text, s);
    }
    try {
      List<EvalCase> cases = parse(text, skill);
      if (cases.isEmpty()) {
        throw new IOException(file + ": no queries in it");
      }
      return cases;
    } catch (LineError e) {
      throw new IOException(file + ":" + e.line + ": " + e.getMessage(), e);
    } catch (JsonParseException | IllegalStateException | UnsupportedOperationException e) {
      throw new IOException(
          file
              + ": not a query set (JSONL, a JSON array or object, or a Markdown page): "
              + firstLine(e.getMessage()),
          e);
    } catch (IllegalArgumentException e) {
      throw new IOException(file + ": " + e.getMessage(), e);
    }
  }

  /**
   * The queries of {@code file}, all labelled alike: positives of {@code skill} (which then must be
   * given), or negatives (about {@code skill} if given, else nothing may fire). The file holds one
   * query a line (blank lines and lines starting with {@code #} skipped), a JSON array of strings
   * or cases, JSONL of cases, or any query set {@link #read} takes (whose own labels are then
   * ignored).
   */
  public static List<EvalCase> readPlain(Path file, boolean positive, Optional<String> skill)
      throws IOException {
    if (positive && skill.isEmpty()) {
      throw new IOException(
          file + ": a file of positives needs the skill they are about: --skill NAME");
    }
    String text = Files.readString(file, StandardCharsets.UTF_8);
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    List<String> queries = new ArrayList<>();
    String t = text.strip();
    try {
      if (t.startsWith("[")) {
        for (JsonElement e : JsonParser.parseString(t).getAsJsonArray()) {
          queries.add(queryText(e));
        }
      } else if (t.startsWith("{")) {
        parse(text, skill.or(() -> Optional.of("-"))).forEach(c -> queries.add(c.query()));
      } else {
        text.lines()
            .map(String::strip)
            .filter(l -> !l.isEmpty() && !l.startsWith("#"))
            .forEach(queries::add);
      }
    } catch (LineError e) {
      throw new IOException(file + ":" + e.line + ": " + e.getMessage(), e);
    } catch (JsonParseException | IllegalStateException | IllegalArgumentException e) {
      throw new IOException(file + ": not a list of queries: " + firstLine(e.getMessage()), e);
    }
    if (queries.isEmpty()) {
      throw new IOException(file + ": no queries in it");
    }
    return queries.stream()
        .map(q -> positive ? EvalCase.positive(q, List.of(skill.get())) : negativeAbout(q, skill))
        .toList();
  }

  /** A line of a JSONL query set that is not a query: its 1-based number and what is wrong. */
  static final class LineError extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    final int line;

    LineError(int line, String message, Throwable cause) {
      super(message, cause);
      this.line = line;
    }
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unreadable";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }

  static List<EvalCase> parse(String text, Optional<String> skill) {
    String t = text.strip();
    if (t.startsWith("[")) {
      return fromArray(JsonParser.parseString(t).getAsJsonArray(), skill);
    }
    Optional<JsonObject> single = singleObject(t);
    if (single.isPresent() && QUERY_KEYS.stream().noneMatch(single.get()::has)) {
      return fromObject(single.get(), skill);
    }
    List<EvalCase> out = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (line.isBlank()) {
        continue;
      }
      JsonElement e;
      try {
        e = JsonParser.parseString(line);
      } catch (JsonParseException x) {
        throw new LineError(i + 1, "not JSON: " + abbreviate(line), x);
      }
      if (!e.isJsonObject()) {
        throw new LineError(i + 1, "not a JSON object: " + abbreviate(line), null);
      }
      try {
        out.add(fromItem(e.getAsJsonObject(), skill));
      } catch (IllegalArgumentException | IllegalStateException | UnsupportedOperationException x) {
        throw new LineError(
            i + 1, x.getMessage() == null ? "not a query: " + abbreviate(line) : x.getMessage(), x);
      }
    }
    return out;
  }

  private static String abbreviate(String line) {
    String t = line.strip();
    return t.length() <= 60 ? t : t.substring(0, 57) + "...";
  }

  private static Optional<JsonObject> singleObject(String t) {
    try {
      JsonReader r = new JsonReader(new StringReader(t));
      r.setStrictness(Strictness.STRICT);
      JsonElement e = JsonParser.parseReader(r);
      if (r.peek() != JsonToken.END_DOCUMENT || !e.isJsonObject()) {
        return Optional.empty();
      }
      return Optional.of(e.getAsJsonObject());
    } catch (IOException | JsonParseException | IllegalStateException e) {
      return Optional.empty();
    }
  }

  /** Keys under which an object holds its list of cases, in the order they are looked for. */
  static final List<String> CASE_LISTS =
      List.of("evals", "queries", "cases", "tests", "items", "examples");

  /** Keys that hold a case's query text. */
  static final List<String> QUERY_KEYS = List.of("query", "prompt", "q", "input");

  /**
   * Keys that hold the skill a case expects: a name, a list of names, or null / "none" for nothing.
   */
  static final List<String> SKILL_LABELS = List.of("expected", "expected_skill", "expect_skill");

  /** Keys that hold whether the case's skill should fire: a boolean, or a skill's name. */
  static final List<String> FIRE_LABELS =
      List.of("should_trigger", "shouldTrigger", "should", "expected_trigger");

  /**
   * Label words that say "the skill should fire" and "it should not" (case and separators ignored).
   */
  private static final java.util.Set<String> FIRE_WORDS =
      java.util.Set.of("trigger", "triggers", "shouldtrigger", "fire", "yes", "true", "positive");

  private static final java.util.Set<String> HOLD_WORDS =
      java.util.Set.of(
          "donottrigger",
          "dontrigger",
          "nottrigger",
          "notrigger",
          "shouldnottrigger",
          "skip",
          "no",
          "false",
          "negative",
          "donotfire");
  private static final java.util.Set<String> NOTHING_WORDS =
      java.util.Set.of("none", "null", "nothing", "");

  /**
   * The skill a file says it is about ({@code skill_name}, {@code skill}, or a {@code target}
   * string), unless {@code given} already names one: the command line's {@code --skill} wins over
   * the file.
   */
  private static Optional<String> skillOf(JsonObject o, Optional<String> given) {
    if (given.isPresent()) {
      return given;
    }
    for (String k : List.of("skill_name", "skill", "target")) {
      JsonElement e = o.get(k);
      if (e != null
          && e.isJsonPrimitive()
          && e.getAsJsonPrimitive().isString()
          && !e.getAsString().isBlank()) {
        return Optional.of(e.getAsString().strip());
      }
    }
    return Optional.empty();
  }

  private static List<EvalCase> fromObject(JsonObject o, Optional<String> given) {
    Optional<String> skill = skillOf(o, given);
    for (String k : CASE_LISTS) {
      if (o.has(k) && o.get(k).isJsonArray()) {
        return fromArray(o.getAsJsonArray(k), skill);
      }
    }
    for (String[] lists :
        new String[][] {
          {"should_trigger", "should_not_trigger"},
          {"positive", "negative"},
          {"positives", "negatives"}
        }) {
      if ((o.has(lists[0]) && o.get(lists[0]).isJsonArray())
          || (o.has(lists[1]) && o.get(lists[1]).isJsonArray())) {
        List<EvalCase> out = new ArrayList<>();
        if (o.has(lists[0])) {
          String s =
              skill.orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "a " + lists[0] + " list needs the skill it is about: --skill NAME"));
          for (JsonElement e : o.getAsJsonArray(lists[0])) {
            out.add(EvalCase.positive(queryText(e), List.of(s)));
          }
        }
        if (o.has(lists[1])) {
          for (JsonElement e : o.getAsJsonArray(lists[1])) {
            out.add(negativeAbout(queryText(e), skill));
          }
        }
        return out;
      }
    }
    List<EvalCase> out = new ArrayList<>();
    for (Map.Entry<String, JsonElement> e : o.entrySet()) {
      if (e.getKey().startsWith("_") || !e.getValue().isJsonObject()) {
        continue;
      }
      JsonObject lists = e.getValue().getAsJsonObject();
      if (!lists.has("positive") && !lists.has("negative")) {
        throw new IllegalArgumentException("unknown query set format at key '" + e.getKey() + "'");
      }
      if (lists.has("positive")) {
        for (JsonElement p : lists.getAsJsonArray("positive")) {
          out.add(EvalCase.positive(p.getAsString(), List.of(e.getKey())));
        }
      }
      if (lists.has("negative")) {
        for (JsonElement p : lists.getAsJsonArray("negative")) {
          out.add(EvalCase.negativeFor(p.getAsString(), e.getKey()));
        }
      }
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException(
          "no list of queries in it (looked for "
              + String.join(", ", CASE_LISTS)
              + ", should_trigger / should_not_trigger, positives / negatives)");
    }
    return out;
  }

  /** A list entry: a plain string, or an object with a query key. */
  private static String queryText(JsonElement e) {
    if (e.isJsonObject()) {
      return query(e.getAsJsonObject());
    }
    if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
      throw new IllegalArgumentException("a query must be a string; got " + e);
    }
    return e.getAsString();
  }

  /** A negative: about {@code skill} when the set is about one, else nothing may fire. */
  private static EvalCase negativeAbout(String query, Optional<String> skill) {
    return skill.map(s -> EvalCase.negativeFor(query, s)).orElseGet(() -> EvalCase.negative(query));
  }

  private static String name(JsonElement e) {
    if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
      throw new IllegalArgumentException(
          "\"expected\" must be a skill name, a list of names, or null; got " + e);
    }
    return e.getAsString();
  }

  private static List<EvalCase> fromArray(JsonArray a, Optional<String> skill) {
    List<EvalCase> out = new ArrayList<>();
    for (JsonElement e : a) {
      if (!e.isJsonObject()) {
        throw new IllegalArgumentException(
            "a list of cases holds "
                + abbreviate(e.toString())
                + ": a plain list of queries says nothing about what should fire (give it with --positives or --negatives)");
      }
      out.add(fromItem(e.getAsJsonObject(), skill));
    }
    return out;
  }

  private static String query(JsonObject o) {
    for (String k : QUERY_KEYS) {
      JsonElement q = o.get(k);
      if (q != null && q.isJsonPrimitive()) {
        return q.getAsString();
      }
    }
    throw new IllegalArgumentException("no \"query\" (or \"prompt\", \"q\", \"input\") string");
  }

  private static String word(String label) {
    return label.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z]", "");
  }

  private static EvalCase fromItem(JsonObject o, Optional<String> skill) {
    String query = query(o);
    for (String k : SKILL_LABELS) {
      if (!o.has(k)) {
        continue;
      }
      JsonElement x = o.get(k);
      if (x.isJsonNull()) {
        return EvalCase.negative(query);
      }
      if (x.isJsonArray()) {
        List<String> names = new ArrayList<>();
        x.getAsJsonArray().forEach(n -> names.add(name(n)));
        if (names.isEmpty()) {
          throw new IllegalArgumentException(
              "\"" + k + "\" is an empty list: give names, or null for a negative");
        }
        return EvalCase.positive(query, names);
      }
      if (x.isJsonPrimitive() && x.getAsJsonPrimitive().isBoolean()) {
        return fires(query, x.getAsBoolean(), skill, k);
      }
      String label = name(x).strip();
      String w = word(label);
      if (NOTHING_WORDS.contains(w)) {
        return EvalCase.negative(query);
      }
      if (FIRE_WORDS.contains(w) || HOLD_WORDS.contains(w)) {
        return fires(query, FIRE_WORDS.contains(w), skill, k + " \"" + label + "\"");
      }
      return EvalCase.positive(query, List.of(label));
    }
    for (String k : FIRE_LABELS) {
      if (!o.has(k)) {
        continue;
      }
      JsonElement st = o.get(k);
      if (st.isJsonNull()) {
        return EvalCase.negative(query);
      }
      if (!st.isJsonPrimitive()) {
        throw new IllegalArgumentException(
            "\"" + k + "\" must be true, false or a skill's name; got " + st);
      }
      if (st.getAsJsonPrimitive().isBoolean()) {
        return fires(query, st.getAsBoolean(), skill, k);
      }
      String label = st.getAsString().strip();
      String w = word(label);
      if (NOTHING_WORDS.contains(w)) {
        return EvalCase.negative(query);
      }
      if (FIRE_WORDS.contains(w) || HOLD_WORDS.contains(w)) {
        return fires(query, FIRE_WORDS.contains(w), skill, k + " \"" + label + "\"");
      }
      return EvalCase.positive(query, List.of(label));
    }
    throw new IllegalArgumentException(
        "a case has no label (looked for "
            + String.join(", ", SKILL_LABELS)
            + ", "
            + String.join(", ", FIRE_LABELS)
            + ")");
  }

  /**
   * A case labelled "fires" or "does not fire": about {@code skill}. A positive needs to know the
   * skill; a negative without one means nothing may fire.
   */
  private static EvalCase fires(String query, boolean fire, Optional<String> skill, String label) {
    if (!fire) {
      return negativeAbout(query, skill);
    }
    String s =
        skill.orElseThrow(
            () ->
                new IllegalArgumentException(
                    label
                        + " true needs the skill it is about: --skill NAME (or skill_name in the file)"));
    return EvalCase.positive(query, List.of(s));
  }
}
