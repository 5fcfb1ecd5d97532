package dev.skillsite.audit;

import dev.skillsite.content.ContentLoader;
import dev.skillsite.model.Catalog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Builds one-skill collections from rule examples and audits them. */
final class AuditFixtures {
  static final String DEFAULT_HEAD =
      "---\nname: demo\ndescription: A demo skill used in tests of the audit rules.\n---\n";

  private AuditFixtures() {}

  /**
   * Writes an example into {@code root/demo}: {@code path:: text} files separated by {@code "\n@@
   * "}; a text without a path is the SKILL.md body; a SKILL.md text starting with {@code ---} is
   * the whole file.
   */
  static void write(Path root, String example) throws IOException {
    Path dir = root.resolve("demo");
    Files.createDirectories(dir);
    String skillMd = DEFAULT_HEAD + "A demo.\n";
    for (String part : example.split("\n@@ ")) {
      int sep = part.indexOf(":: ");
      boolean named =
          sep > 0
              && !part.substring(0, sep).contains(" ")
              && !part.substring(0, sep).contains("\n");
      String path = named ? part.substring(0, sep) : "SKILL.md";
      String text = named ? part.substring(sep + 3) : part;
      if (path.equals("SKILL.md")) {
        skillMd = text.startsWith("---\n") ? text : DEFAULT_HEAD + text + "\n";
        continue;
      }
      Path file = dir.resolve(path);
      Files.createDirectories(file.getParent());
      // characters below U+0100 are bytes, so examples can spell binary headers ("\x7FELF")
      boolean bytes =
          text.chars().allMatch(c -> c < 0x100) && text.chars().anyMatch(c -> c == 0 || c >= 0x80);
      Files.write(
          file,
          bytes
              ? text.getBytes(StandardCharsets.ISO_8859_1)
              : text.getBytes(StandardCharsets.UTF_8));
    }
    Files.writeString(dir.resolve("SKILL.md"), skillMd, StandardCharsets.UTF_8);
  }

  static List<Finding> audit(Auditor auditor, Path root) throws IOException {
    Catalog catalog = new ContentLoader().load(root);
    if (catalog.skills().isEmpty()) {
      throw new AssertionError("the example did not load: " + catalog.diagnostics());
    }
    return auditor.audit(catalog, root).findings();
  }
}
