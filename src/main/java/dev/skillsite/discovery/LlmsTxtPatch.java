package dev.skillsite.discovery;

import dev.skillsite.model.SiteConfig;
import dev.skillsite.model.Skill;
import dev.skillsite.model.SkillId;
import dev.skillsite.site.DataParts;
import dev.skillsite.site.ListState;
import dev.skillsite.site.SkillSummary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * For a patch build: {@code llms.txt} (or the part of it, {@code llms/skills-NNN.txt}) listing each
 * changed skill, its line's summary made again, staged when its bytes change. The part comes from
 * the skill's place by name in {@link ListState} (a renamed skill is refused there); the line is
 * found by its prefix (name and page URL), the rest of the file kept byte for byte.
 */
public final class LlmsTxtPatch {
  private LlmsTxtPatch() {}

  /**
   * Stages the {@code llms.txt} files of {@code site} showing {@code changed} (each read again,
   * same id and name); the site paths staged, or empty when a skill's line is not where the state
   * says (then nothing can be patched).
   */
  public static Optional<List<String>> stage(
      Path site, ListState state, SiteConfig config, Map<SkillId, Skill> changed, Path staging)
      throws IOException {
    DataParts parts = state.totals().llms();
    Map<String, List<Skill>> byFile = new TreeMap<>();
    for (Skill s : changed.values()) {
      Optional<ListState.SkillRecord> r = state.skill(s.id());
      if (r.isEmpty()) {
        return Optional.empty();
      }
      byFile
          .computeIfAbsent(
              LlmsTxtWriter.path(parts.part(r.get().byName()) + 1, parts.count()),
              k -> new ArrayList<>())
          .add(s);
    }
    List<String> staged = new ArrayList<>();
    for (var e : byFile.entrySet()) {
      Path file = site.resolve(e.getKey());
      if (!Files.isRegularFile(file)) {
        return Optional.empty();
      }
      String text = Files.readString(file, StandardCharsets.UTF_8);
      String was = text;
      for (Skill s : e.getValue()) {
        String prefix = "\n" + LlmsTxtWriter.linePrefix(config, s);
        int at = text.indexOf(prefix);
        if (at < 0) {
          return Optional.empty();
        }
        int from = at + prefix.length();
        int end = text.indexOf('\n', from);
        text =
            text.substring(0, from)
                + LlmsTxtWriter.text(SkillSummary.of(s, config.summaries()))
                + text.substring(end);
      }
      if (!text.equals(was)) {
        Path to = staging.resolve(e.getKey());
        Files.createDirectories(to.getParent());
        Files.writeString(to, text, StandardCharsets.UTF_8);
        staged.add(e.getKey());
      }
    }
    return Optional.of(staged);
  }
}
