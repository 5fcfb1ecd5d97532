package dev.skillsite.content;

/**
 * Files editors keep beside the file being edited (swap, backup and lock files), which are never
 * content: a watcher ignores their changes.
 */
public final class EditorFiles {
  private EditorFiles() {}

  /**
   * {@code SKILL.md~}, {@code .SKILL.md.swp}, {@code .#SKILL.md}, vim's {@code 4913} probe, {@code
   * *.tmp}.
   */
  public static boolean isScratch(String fileName) {
    return fileName.endsWith("~")
        || fileName.endsWith(".swp")
        || fileName.endsWith(".swx")
        || fileName.endsWith(".tmp")
        || fileName.startsWith(".#")
        || fileName.equals("4913");
  }
}
