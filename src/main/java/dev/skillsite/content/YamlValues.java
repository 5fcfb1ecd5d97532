package dev.skillsite.content;

import dev.skillsite.model.Diagnostic;
import dev.skillsite.model.SourcePos;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Turns a YAML node tree into plain Java values: {@code String}, {@code Long}, {@code Double},
 * {@code Boolean}, and unmodifiable views of {@code ArrayList} and {@code LinkedHashMap<String,
 * Object>}. Nulls are dropped (a key with no value is left out); dates and other tagged scalars
 * stay strings as written (YAML 1.2 has no date type, so {@code 2025-01-31} is its ISO string);
 * integers too large for a long stay strings. Aliases are expanded, within a budget of {@value
 * #MAX_NODES} nodes and a depth of {@value #MAX_DEPTH}, so alias bombs fail fast.
 */
final class YamlValues {
  static final int MAX_NODES = 100_000;
  static final int MAX_DEPTH = 64;

  private final String relPath;
  private final int firstLine;
  private int nodes;

  private YamlValues(String relPath, int firstLine) {
    this.relPath = relPath;
    this.firstLine = firstLine;
  }

  /** The Java value of {@code node}; may be {@code null} only for a YAML null at the top. */
  static Object toJava(Node node, String relPath, int firstLine) throws ContentException {
    return new YamlValues(relPath, firstLine).convert(node, 0);
  }

  private Object convert(Node node, int depth) throws ContentException {
    if (++nodes > MAX_NODES || depth > MAX_DEPTH) {
      throw new ContentException(
          Diagnostic.error(
              new SourcePos(relPath, firstLine, 1),
              "yaml-too-complex",
              "YAML rejected: expands to more than "
                  + MAX_NODES
                  + " values or nests deeper than "
                  + MAX_DEPTH));
    }
    if (node instanceof ScalarNode s) {
      return scalar(s, text(s, relPath, firstLine));
    }
    if (node instanceof SequenceNode seq) {
      List<Object> list = new ArrayList<>(seq.getValue().size());
      for (Node item : seq.getValue()) {
        Object v = convert(item, depth + 1);
        if (v != null) {
          list.add(v);
        }
      }
      return Collections.unmodifiableList(list);
    }
    MappingNode map = (MappingNode) node;
    if (map.getTag().equals(Tag.SET)) {
      List<Object> keys = new ArrayList<>();
      for (NodeTuple t : map.getValue()) {
        Object k = convert(t.getKeyNode(), depth + 1);
        if (k != null) {
          keys.add(k);
        }
      }
      return Collections.unmodifiableList(keys);
    }
    Map<String, Object> result = new LinkedHashMap<>();
    for (NodeTuple t : map.getValue()) {
      String key =
          t.getKeyNode() instanceof ScalarNode s
              ? text(s, relPath, firstLine)
              : String.valueOf(convert(t.getKeyNode(), depth + 1));
      Object value = convert(t.getValueNode(), depth + 1);
      if (value == null) {
        result.remove(key);
      } else {
        result.put(key, value);
      }
    }
    return Collections.unmodifiableMap(result);
  }

  /**
   * A scalar's text, refused when a YAML escape made it hold what is not text (issue 26): a lone
   * surrogate ({@code "\ud800"}: no UTF-8 file can hold it) or a control character other than tab
   * and line breaks ({@code "\0"}, {@code "\e"}: they would reach pages, terminals and
   * annotations).
   */
  static String text(ScalarNode s, String relPath, int firstLine) throws ContentException {
    String v = s.getValue();
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      boolean lone =
          Character.isHighSurrogate(c)
              ? i + 1 == v.length() || !Character.isLowSurrogate(v.charAt(++i))
              : Character.isLowSurrogate(c);
      boolean control = c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0x7f;
      if (lone || control) {
        throw new ContentException(
            Diagnostic.error(
                YamlComposer.pos(relPath, s, firstLine),
                "not-text",
                String.format(
                    Locale.ROOT,
                    "YAML value holds U+%04X, %s, which is not text (hint: remove the escape)",
                    (int) c,
                    lone ? "a lone surrogate" : "a control character")));
      }
    }
    return v;
  }

  private static Object scalar(ScalarNode s, String v) {
    Tag tag = s.getTag();
    if (tag.equals(Tag.NULL)) {
      return null;
    }
    if (tag.equals(Tag.BOOL)) {
      return Boolean.valueOf(v.toLowerCase(Locale.ROOT).equals("true"));
    }
    if (tag.equals(Tag.INT)) {
      return integer(v);
    }
    if (tag.equals(Tag.FLOAT)) {
      return floating(v);
    }
    return v;
  }

  private static Object integer(String v) {
    String s = v.startsWith("+") ? v.substring(1) : v;
    try {
      if (s.startsWith("0x")) {
        return Long.parseLong(s.substring(2), 16);
      }
      if (s.startsWith("0o")) {
        return Long.parseLong(s.substring(2), 8);
      }
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      return v;
    }
  }

  private static Object floating(String v) {
    String s = v.toLowerCase(Locale.ROOT);
    switch (s) {
      case ".inf", "+.inf":
        return Double.POSITIVE_INFINITY;
      case "-.inf":
        return Double.NEGATIVE_INFINITY;
      case ".nan":
        return Double.NaN;
      default:
        try {
          return Double.parseDouble(s);
        } catch (NumberFormatException e) {
          return v;
        }
    }
  }
}
