package dev.skillsite.content;

import dev.skillsite.model.Diagnostic;
import dev.skillsite.model.SourcePos;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * Splits a SKILL.md (already decoded and normalised to {@code \n} line ends) into YAML frontmatter
 * and Markdown body. The file must start with a {@code ---} line; the frontmatter ends at the next
 * {@code ---} line (trailing blanks allowed on both). When strict YAML rejects the frontmatter
 * ({@code invalid-yaml}), or the closing line is missing, the file is read by {@link
 * LenientFrontmatter} as agents that load it do, with an error from {@link LenientDiagnostics}; the
 * size and complexity limits of {@link YamlComposer} still end the file. Thread-safe.
 */
final class FrontmatterParser {
  private static final int FIRST_YAML_LINE = 2;
  private final YamlComposer yaml;

  FrontmatterParser(YamlComposer yaml) {
    this.yaml = yaml;
  }

  Frontmatter parse(String text, String relPath) throws ContentException {
    int firstEnd = lineEnd(text, 0);
    if (!isFence(text, 0, firstEnd)) {
      String only = text.strip();
      boolean linkAsText =
          !only.isEmpty()
              && only.indexOf('\n') < 0
              && only.toLowerCase(java.util.Locale.ROOT).endsWith("skill.md");
      throw new ContentException(
          Diagnostic.error(
              SourcePos.of(relPath),
              "missing-frontmatter",
              "missing frontmatter: the file must start with a '---' line"
                  + (linkAsText
                      ? " (hint: it holds only the path '"
                          + SkillValidator.shown(only)
                          + "': a symbolic link checked out"
                          + " as a text file; link or copy the real file)"
                      : "")));
    }
    int start = firstEnd + 1;
    int line = 2;
    int closeStart = start;
    while (closeStart < text.length() && !isFence(text, closeStart, lineEnd(text, closeStart))) {
      closeStart = lineEnd(text, closeStart) + 1;
      line++;
    }
    List<Diagnostic> warnings = new ArrayList<>();
    String yamlText;
    String body;
    if (closeStart >= text.length()) {
      List<String> rest = text.substring(start).lines().toList();
      int extent = LenientFrontmatter.extent(rest);
      if (extent == 0) {
        throw new ContentException(
            Diagnostic.error(
                SourcePos.of(relPath),
                "unterminated-frontmatter",
                "frontmatter opened on line 1 is never closed with '---'"));
      }
      warnings.add(LenientDiagnostics.unclosed(relPath, FIRST_YAML_LINE + extent - 1));
      yamlText = String.join("\n", rest.subList(0, extent)) + "\n";
      body =
          String.join("\n", rest.subList(extent, rest.size())) + (text.endsWith("\n") ? "\n" : "");
      body = body.equals("\n") ? "" : body;
      line = FIRST_YAML_LINE + extent;
    } else {
      int closeEnd = lineEnd(text, closeStart);
      yamlText = text.substring(start, closeStart);
      body = closeEnd >= text.length() ? "" : text.substring(closeEnd + 1);
      line++;
    }
    Map<String, SourcePos> positions = new LinkedHashMap<>();
    Map<String, SourcePos> valuePositions = new LinkedHashMap<>();
    Map<String, Object> values;
    try {
      values = mapping(yamlText, relPath, positions, valuePositions, warnings);
    } catch (ContentException e) {
      if (!e.diagnostic().code().equals("invalid-yaml")) {
        throw e;
      }
      List<String> lines = yamlText.lines().toList();
      LenientFrontmatter.Reading lenient = LenientFrontmatter.read(lines, relPath, FIRST_YAML_LINE);
      warnings.add(LenientDiagnostics.invalidYaml(e.diagnostic(), lines, FIRST_YAML_LINE));
      warnings.addAll(lenient.warnings());
      positions.clear();
      positions.putAll(lenient.positions());
      valuePositions.clear();
      values = lenient.values();
    }
    return new Frontmatter(
        values, positions, valuePositions, SourceText.markdown(body), line, warnings);
  }

  private Map<String, Object> mapping(
      String yamlText,
      String relPath,
      Map<String, SourcePos> positions,
      Map<String, SourcePos> valuePositions,
      List<Diagnostic> warnings)
      throws ContentException {
    Optional<Node> root = yaml.compose(yamlText, relPath, FIRST_YAML_LINE);
    Map<String, Object> values = new LinkedHashMap<>();
    if (root.isEmpty()) {
      return values;
    }
    if (!(root.get() instanceof MappingNode map)) {
      throw new ContentException(
          Diagnostic.error(
              YamlComposer.pos(relPath, root.get(), FIRST_YAML_LINE),
              "frontmatter-not-mapping",
              "frontmatter must be a mapping of keys to values, found a "
                  + root.get().getNodeType().toString().toLowerCase(java.util.Locale.ROOT)));
    }
    for (NodeTuple t : map.getValue()) {
      Node keyNode = t.getKeyNode();
      SourcePos pos = YamlComposer.pos(relPath, keyNode, FIRST_YAML_LINE);
      String key =
          keyNode instanceof ScalarNode s
              ? YamlValues.text(s, relPath, FIRST_YAML_LINE)
              : String.valueOf(YamlValues.toJava(keyNode, relPath, FIRST_YAML_LINE));
      if (positions.containsKey(key)) {
        warnings.add(
            Diagnostic.warning(
                pos,
                "duplicate-key",
                "key '"
                    + key
                    + "' appears again (first on line "
                    + positions.get(key).line()
                    + "); the last value is used"));
      }
      positions.put(key, pos);
      valuePositions.put(key, YamlComposer.pos(relPath, t.getValueNode(), FIRST_YAML_LINE));
      if (t.getValueNode() instanceof MappingNode nested) {
        for (NodeTuple n : nested.getValue()) {
          if (n.getKeyNode() instanceof ScalarNode k) {
            valuePositions.put(
                key + "." + YamlValues.text(k, relPath, FIRST_YAML_LINE),
                YamlComposer.pos(relPath, n.getValueNode(), FIRST_YAML_LINE));
          }
        }
      }
      Object value = YamlValues.toJava(t.getValueNode(), relPath, FIRST_YAML_LINE);
      if (value == null) {
        values.remove(key);
      } else {
        values.put(key, value);
      }
    }
    return values;
  }

  private static int lineEnd(String text, int from) {
    int nl = text.indexOf('\n', from);
    return nl < 0 ? text.length() : nl;
  }

  private static boolean isFence(String text, int from, int to) {
    return to - from >= 3 && text.startsWith("---", from) && text.substring(from + 3, to).isBlank();
  }
}
