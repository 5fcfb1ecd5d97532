package dev.skillsite.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/** Reads a SKILL.md's frontmatter in tests, independently of the content loader. */
public final class Frontmatter {
  private Frontmatter() {}

  /** The frontmatter keys of a SKILL.md, or an empty map when it has none. */
  public static Map<String, Object> read(Path skillMd) throws IOException {
    String text = Files.readString(skillMd, StandardCharsets.UTF_8).replace("\r\n", "\n");
    if (!text.startsWith("---\n")) {
      return Map.of();
    }
    int end = text.indexOf("\n---", 4);
    if (end < 0) {
      return Map.of();
    }
    Object doc = new Load(LoadSettings.builder().build()).loadFromString(text.substring(4, end));
    @SuppressWarnings("unchecked")
    Map<String, Object> map = doc instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    return map;
  }

  /** The Markdown body after the frontmatter. */
  public static String body(Path skillMd) throws IOException {
    String text = Files.readString(skillMd, StandardCharsets.UTF_8).replace("\r\n", "\n");
    if (!text.startsWith("---\n")) {
      return text;
    }
    int end = text.indexOf("\n---", 4);
    if (end < 0) {
      return text;
    }
    int nl = text.indexOf('\n', end + 4);
    return nl < 0 ? "" : text.substring(nl + 1);
  }

  public static String description(Path skillMd) throws IOException {
    return String.valueOf(read(skillMd).getOrDefault("description", ""));
  }
}
