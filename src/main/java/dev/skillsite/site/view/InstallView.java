package dev.skillsite.site.view;

import java.util.List;

/**
 * How to install a skill: one option per agent or tool the collection can be installed with, and a
 * plain download.
 *
 * @param options the commands, the first one the default; empty when the source of the skill is not
 *     known
 * @param downloadHref the skill to download from this site: its archive, or its SKILL.md when it
 *     has no other file
 * @param downloadLabel the file name of the download
 * @param downloadNote what to do with the download
 * @param note why there are no commands, when there are none ({@code ""} otherwise)
 */
public record InstallView(
    List<InstallOption> options,
    String downloadHref,
    String downloadLabel,
    String downloadNote,
    String note) {
  public InstallView {
    options = List.copyOf(options);
  }

  /**
   * One way to install.
   *
   * @param key a stable slug ({@code claude-code}, {@code codex}): the tab a reader picked is
   *     remembered by it
   * @param label the agent or tool
   * @param command the shell (or agent) command, one line per step
   * @param note what the command does, in words
   */
  public record InstallOption(String key, String label, String command, String note) {}
}
