package dev.skillsite.check;

import dev.skillsite.model.Skill;
import dev.skillsite.model.SourcePos;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds where a frontmatter key or a piece of text sits in a skill's SKILL.md, so that findings
 * point at the line an author has to edit. Falls back to line 1 when the text cannot be found.
 * Thread-safe.
 */
final class SourceLocator {
  private final Path root;
  private final Map<String, List<String>> lines = new ConcurrentHashMap<>();

  SourceLocator(Path root) {
    this.root = root;
  }

  /** The line of a top-level frontmatter key, column 1. */
  public SourcePos key(Skill skill, String key) {
    List<String> text = frontmatter(skill.source());
    for (int i = 0; i < text.size(); i++) {
      String line = text.get(i);
      if (line.startsWith(key) && line.substring(key.length()).stripLeading().startsWith(":")) {
        return new SourcePos(skill.source(), i + 1, 1);
      }
    }
    return SourcePos.of(skill.source());
  }

  /**
   * The first place {@code needle} appears as whole words (case-insensitive) in the frontmatter,
   * from the description on; else the description key.
   */
  public SourcePos text(Skill skill, String needle) {
    List<String> text = frontmatter(skill.source());
    SourcePos description = key(skill, "description");
    if (needle.isBlank()) {
      return description;
    }
    Pattern word =
        Pattern.compile(
            (Character.isLetterOrDigit(needle.charAt(0)) ? "(?<![\\p{L}\\p{N}_])" : "")
                + Pattern.quote(needle)
                + (Character.isLetterOrDigit(needle.charAt(needle.length() - 1))
                    ? "(?![\\p{L}\\p{N}_])"
                    : ""),
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    int start = description.line() - 1;
    for (int pass = 0; pass < 2; pass++) {
      for (int i = pass == 0 ? start : 0; i < (pass == 0 ? text.size() : start); i++) {
        Matcher m = word.matcher(text.get(i));
        if (m.find()) {
          return new SourcePos(skill.source(), i + 1, m.start() + 1);
        }
      }
    }
    return description;
  }

  /**
   * The frontmatter lines of a SKILL.md, the opening {@code ---} included (so indexes are line -
   * 1); the whole file when the frontmatter is not closed. Reading stops at the closing {@code
   * ---}: a build asks for every skill of a large collection, and bodies are most of the bytes.
   */
  private List<String> frontmatter(String source) {
    return lines.computeIfAbsent(source, s -> read(root.resolve(s)));
  }

  private static List<String> read(Path file) {
    var decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE);
    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(Files.newInputStream(file), decoder))) {
      List<String> out = new ArrayList<>();
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (out.isEmpty() && line.startsWith("\uFEFF")) {
          line = line.substring(1);
        }
        if (!out.isEmpty() && line.strip().equals("---")) {
          break;
        }
        out.add(line);
      }
      return List.copyOf(out);
    } catch (IOException e) {
      return List.of();
    }
  }
}
