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
 * Reads routing query sets:
 *
 * <ul>
 *   <li>JSONL, one {@code {"query": …, "expected": "name" | ["a", "b"] | null}} per line;
 *   <li>a JSON array of {@code {"query" | "prompt": …, "should_trigger": true | false}} about one skill (the
 *       skill-creator format; needs the skill's name), or with {@code should_trigger} naming a skill or null,
 *       or with {@code expected} as in JSONL;
 *   <li>an object with such an array under {@code evals};
 *   <li>an object {@code {"should_trigger": [...], "should_not_trigger": [...]}} of phrases about one skill;
 *   <li>an object {@code {"skill": {"positive": [...], "negative": [...]}, …}} (negatives: that skill must not
 *       come first);
 *   <li>a Markdown trigger-test page ({@code .md}) about one skill: see {@link MarkdownTriggerTests}.
 * </ul>
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
      String s = skill.orElseThrow(() -> new IOException(file + ": a Markdown trigger-test page needs --skill NAME"));
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
      throw new IOException(file + ": not a query set (JSONL, a JSON array or object, or a Markdown page): "
          + firstLine(e.getMessage()), e);
    } catch (IllegalArgumentException e) {
      throw new IOException(file + ": " + e.getMessage(), e);
    }
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
    if (single.isPresent() && !single.get().has("query") && !single.get().has("prompt")) {
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
        throw new LineError(i + 1, x.getMessage() == null ? "not a query: " + abbreviate(line) : x.getMessage(), x);
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

  private static List<EvalCase> fromObject(JsonObject o, Optional<String> skill) {
    if (o.has("evals") && o.get("evals").isJsonArray()) {
      return fromArray(o.getAsJsonArray("evals"), skill);
    }
    if (o.has("should_trigger") && o.get("should_trigger").isJsonArray()) {
      String s = skill.orElseThrow(() -> new IllegalArgumentException("a should_trigger list needs --skill NAME"));
      List<EvalCase> out = new ArrayList<>();
      for (JsonElement e : o.getAsJsonArray("should_trigger")) {
        out.add(EvalCase.positive(e.getAsString(), List.of(s)));
      }
      if (o.has("should_not_trigger")) {
        for (JsonElement e : o.getAsJsonArray("should_not_trigger")) {
          out.add(EvalCase.negativeFor(e.getAsString(), s));
        }
      }
      return out;
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
    return out;
  }

  private static String name(JsonElement e) {
    if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
      throw new IllegalArgumentException("\"expected\" must be a skill name, a list of names, or null; got " + e);
    }
    return e.getAsString();
  }

  private static List<EvalCase> fromArray(JsonArray a, Optional<String> skill) {
    List<EvalCase> out = new ArrayList<>();
    for (JsonElement e : a) {
      out.add(fromItem(e.getAsJsonObject(), skill));
    }
    return out;
  }

  private static EvalCase fromItem(JsonObject o, Optional<String> skill) {
    JsonElement q = o.has("query") ? o.get("query") : o.get("prompt");
    if (q == null || !q.isJsonPrimitive()) {
      throw new IllegalArgumentException("no \"query\" (or \"prompt\") string");
    }
    String query = q.getAsString();
    if (o.has("expected")) {
      JsonElement x = o.get("expected");
      if (x.isJsonNull()) {
        return EvalCase.negative(query);
      }
      if (x.isJsonArray()) {
        List<String> names = new ArrayList<>();
        x.getAsJsonArray().forEach(n -> names.add(name(n)));
        if (names.isEmpty()) {
          throw new IllegalArgumentException("\"expected\" is an empty list: give names, or null for a negative");
        }
        return EvalCase.positive(query, names);
      }
      return EvalCase.positive(query, List.of(name(x)));
    }
    if (!o.has("should_trigger")) {
      throw new IllegalArgumentException("a line has neither 'expected' nor 'should_trigger'");
    }
    JsonElement st = o.get("should_trigger");
    if (st.isJsonNull()) {
      return EvalCase.negative(query);
    }
    if (st.getAsJsonPrimitive().isBoolean()) {
      String s = skill.orElseThrow(() -> new IllegalArgumentException("should_trigger true/false needs --skill NAME"));
      return st.getAsBoolean() ? EvalCase.positive(query, List.of(s)) : EvalCase.negativeFor(query, s);
    }
    return EvalCase.positive(query, List.of(st.getAsString()));
  }
}
