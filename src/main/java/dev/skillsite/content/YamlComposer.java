package dev.skillsite.content;

import dev.skillsite.model.Diagnostic;
import dev.skillsite.model.SourcePos;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Parses YAML 1.2 (core schema) into a node tree with positions, using limits that make hostile
 * input fail fast: at most {@value #MAX_ALIASES} aliases to collections, no recursive keys, and a
 * code point cap. Positions are shifted by a line offset so they point into the enclosing file (a
 * SKILL.md's frontmatter starts on its line 2). Immutable and thread-safe.
 */
final class YamlComposer {
  static final int MAX_ALIASES = 50;
  static final int MAX_CODE_POINTS = 1 << 20;

  private final LoadSettings settings;

  YamlComposer() {
    this.settings =
        LoadSettings.builder()
            .setSchema(new CoreSchema())
            .setMaxAliasesForCollections(MAX_ALIASES)
            .setAllowRecursiveKeys(false)
            .setAllowDuplicateKeys(true)
            .setCodePointLimit(MAX_CODE_POINTS)
            .setUseMarks(true)
            .build();
  }

  /**
   * @param firstLine line of the enclosing file on which {@code yaml} starts (from 1)
   * @return the document's root node, empty for an empty document
   */
  Optional<Node> compose(String yaml, String relPath, int firstLine) throws ContentException {
    if (yaml.length() > MAX_CODE_POINTS) {
      throw new ContentException(
          Diagnostic.error(
              new SourcePos(relPath, firstLine, 1),
              "yaml-too-large",
              "YAML is " + yaml.length() + " characters; the limit is " + MAX_CODE_POINTS));
    }
    try {
      return new Compose(settings).composeString(yaml);
    } catch (MarkedYamlEngineException e) {
      SourcePos pos =
          e.getProblemMark()
              .or(e::getContextMark)
              .map(m -> pos(relPath, m, firstLine))
              .orElse(new SourcePos(relPath, firstLine, 1));
      throw new ContentException(
          Diagnostic.error(pos, "invalid-yaml", "invalid YAML: " + problem(e, firstLine)));
    } catch (YamlEngineException e) {
      throw new ContentException(
          Diagnostic.error(
              new SourcePos(relPath, firstLine, 1),
              "yaml-too-complex",
              "YAML rejected: " + firstLineOf(e.getMessage())));
    } catch (RuntimeException e) {
      throw new ContentException(
          Diagnostic.error(
              new SourcePos(relPath, firstLine, 1),
              "invalid-yaml",
              "invalid YAML: the parser failed with " + e.getClass().getSimpleName()));
    } catch (StackOverflowError e) {
      throw new ContentException(
          Diagnostic.error(
              new SourcePos(relPath, firstLine, 1),
              "yaml-too-complex",
              "YAML rejected: nesting too deep"));
    }
  }

  /** The position of a node's start in the enclosing file. */
  static SourcePos pos(String relPath, Node node, int firstLine) {
    return node.getStartMark()
        .map(m -> pos(relPath, m, firstLine))
        .orElse(new SourcePos(relPath, firstLine, 1));
  }

  private static SourcePos pos(String relPath, Mark mark, int firstLine) {
    return new SourcePos(relPath, mark.getLine() + firstLine, mark.getColumn() + 1);
  }

  /**
   * The parser's problem, with its context ("while scanning a quoted scalar"); when that construct
   * began on an earlier line than the problem was found (an unclosed quote or bracket is found only
   * at the end), where it began, since that is the line to fix.
   */
  private static String problem(MarkedYamlEngineException e, int firstLine) {
    String problem = e.getProblem();
    if (problem == null || problem.isBlank()) {
      problem = firstLineOf(e.getMessage());
    }
    String context = e.getContext();
    if (context == null || context.isBlank()) {
      return problem.strip();
    }
    Optional<Mark> began =
        e.getContextMark()
            .filter(c -> e.getProblemMark().map(p -> p.getLine() != c.getLine()).orElse(false));
    return problem.strip()
        + " ("
        + context.strip()
        + began
            .map(
                c ->
                    " that starts at line "
                        + (c.getLine() + firstLine)
                        + ", column "
                        + (c.getColumn() + 1))
            .orElse("")
        + ")";
  }

  private static String firstLineOf(String message) {
    if (message == null) {
      return "unknown error";
    }
    int nl = message.indexOf('\n');
    return (nl < 0 ? message : message.substring(0, nl)).strip();
  }
}
