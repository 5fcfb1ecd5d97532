package dev.skillsite.content;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonIOException;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import dev.skillsite.model.Diagnostic;
import dev.skillsite.model.SourcePos;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A JSON file (marketplace.json, plugin.json) parsed by Gson in strict mode, kept with its text so
 * values can be traced back to a line for diagnostics.
 */
record JsonSource(String path, String text, JsonElement root) {
  static final long MAX_BYTES = 4L << 20;
  private static final Pattern AT_LINE = Pattern.compile(" at line (\\d+) column (\\d+)");

  /**
   * Reads and parses {@code file}; a syntax error gives an {@code invalid-json} error with its
   * line.
   */
  static JsonSource read(Path file, String relPath) throws ContentException {
    String text = SourceText.read(file, relPath, MAX_BYTES);
    JsonReader reader = new JsonReader(new StringReader(text));
    reader.setStrictness(Strictness.STRICT);
    try {
      JsonElement root = com.google.gson.JsonParser.parseReader(reader);
      if (reader.peek() != JsonToken.END_DOCUMENT) {
        throw new JsonParseException(
            "unexpected text after the JSON value"
                + reader.toString().replaceFirst("^JsonReader", ""));
      }
      return new JsonSource(relPath, text, root);
    } catch (JsonParseException | IOException e) {
      Throwable cause = e instanceof JsonIOException || e.getCause() == null ? e : e.getCause();
      String message = cause.getMessage() == null ? "syntax error" : cause.getMessage();
      int nl = message.indexOf('\n');
      message = nl < 0 ? message : message.substring(0, nl);
      Matcher m = AT_LINE.matcher(message);
      SourcePos pos = SourcePos.of(relPath);
      if (m.find()) {
        pos =
            new SourcePos(
                relPath,
                Integer.parseInt(m.group(1)),
                Math.max(1, Integer.parseInt(m.group(2)) - 1));
        message = message.substring(0, m.start());
      }
      throw new ContentException(
          Diagnostic.error(pos, "invalid-json", "invalid JSON: " + message.strip()));
    }
  }

  /** Where the JSON string {@code value} is first written, else the start of the file. */
  SourcePos pos(String value) {
    String quoted = new com.google.gson.Gson().toJson(value);
    int at = text.indexOf(quoted);
    if (at < 0) {
      at = text.indexOf(value);
    }
    if (at < 0) {
      return SourcePos.of(path);
    }
    int line = 1;
    int lineStart = 0;
    for (int i = 0; i < at; i++) {
      if (text.charAt(i) == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    return new SourcePos(path, line, at - lineStart + 1);
  }

  static Optional<JsonObject> object(JsonElement e) {
    return e != null && e.isJsonObject() ? Optional.of(e.getAsJsonObject()) : Optional.empty();
  }

  static Optional<String> string(JsonObject o, String key) {
    JsonElement e = o.get(key);
    return e instanceof JsonPrimitive p && p.isString() && !p.getAsString().isBlank()
        ? Optional.of(p.getAsString().strip())
        : Optional.empty();
  }

  static List<String> strings(JsonObject o, String key) {
    List<String> result = new ArrayList<>();
    if (o.get(key) instanceof JsonArray a) {
      for (JsonElement e : a) {
        if (e instanceof JsonPrimitive p && p.isString() && !p.getAsString().isBlank()) {
          result.add(p.getAsString().strip());
        }
      }
    }
    return result;
  }
}
