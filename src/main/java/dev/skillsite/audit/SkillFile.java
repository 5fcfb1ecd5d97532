package dev.skillsite.audit;

import java.util.Locale;
import java.util.Set;

/**
 * One file of a skill as the audit read it.
 *
 * @param path relative to the content root, {@code /} separators
 * @param inSkill relative to the skill's folder
 * @param size the file's size in bytes
 * @param head the first bytes read (at most {@link SkillFiles#MAX_BYTES})
 * @param text the bytes as UTF-8 text, empty for a binary file
 * @param binary whether the file holds NUL bytes near its start (not text)
 */
record SkillFile(String path, String inSkill, long size, byte[] head, String text, boolean binary) {
  private static final Set<String> MARKDOWN = Set.of("md", "markdown", "mdx", "txt", "rst");
  private static final Set<String> DATA =
      Set.of("json", "yaml", "yml", "toml", "csv", "tsv", "xml", "ini", "lock");
  static final Set<String> SCRIPTS =
      Set.of(
          "sh",
          "bash",
          "zsh",
          "fish",
          "py",
          "js",
          "mjs",
          "cjs",
          "ts",
          "ps1",
          "psm1",
          "bat",
          "cmd",
          "rb",
          "pl",
          "php",
          "applescript",
          "scpt",
          "lua",
          "vbs",
          "command");

  /** markdown, html, svg, data or code. */
  String kind() {
    String ext = extension();
    if (MARKDOWN.contains(ext)) {
      return "markdown";
    }
    if (ext.equals("html") || ext.equals("htm")) {
      return "html";
    }
    if (ext.equals("svg")) {
      return "svg";
    }
    return DATA.contains(ext) ? "data" : "code";
  }

  String extension() {
    String name = name();
    int dot = name.lastIndexOf('.');
    return dot <= 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
  }

  String name() {
    return inSkill.substring(inSkill.lastIndexOf('/') + 1);
  }

  boolean truncated() {
    return size > head.length;
  }

  boolean isScript() {
    return SCRIPTS.contains(extension()) || !binary && text.startsWith("#!");
  }
}
