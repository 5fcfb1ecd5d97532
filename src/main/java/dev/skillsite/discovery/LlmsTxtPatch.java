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
import java.util.function.Function;

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
    return stage(
        site,
        config,
        state.totals().llms(),
        id -> state.skill(id).map(ListState.SkillRecord::byName),
        id -> state.skill(new SkillId(id)).map(ListState.SkillRecord::name),
        changed,
        staging);
  }

  /**
   * As {@link #stage(Path, ListState, SiteConfig, Map, Path)}, with the parts' cuts, a skill's
   * recorded place by name and a listed skill's name by id given.
   */
  static Optional<List<String>> stage(
      Path site,
      SiteConfig config,
      DataParts parts,
      Function<SkillId, Optional<Integer>> byName,
      Function<String, Optional<String>> names,
      Map<SkillId, Skill> changed,
      Path staging)
      throws IOException {
    Map<String, List<Skill>> byFile = new TreeMap<>();
    for (Skill s : changed.values()) {
      Optional<Integer> r = byName.apply(s.id());
      if (r.isEmpty()) {
        return Optional.empty();
      }
      byFile
          .computeIfAbsent(
              LlmsTxtWriter.path(parts.part(r.get()) + 1, parts.count()), k -> new ArrayList<>())
          .add(s);
    }
    Optional<List<String>> staged = stage(site, config, byFile, staging);
    if (staged.isPresent() || parts.count() <= 1) {
      return staged;
    }
    // a skill added or removed since the last build moved later skills' places by name (their
    // records' byName are one off): the part found as an add finds it, from the parts' first lines
    byFile.clear();
    for (Skill s : changed.values()) {
      Optional<Integer> k = locate(site, parts, names, new Key(s.name(), s.id().value()));
      if (k.isEmpty()) {
        return Optional.empty();
      }
      byFile
          .computeIfAbsent(LlmsTxtWriter.path(k.get() + 1, parts.count()), x -> new ArrayList<>())
          .add(s);
    }
    return stage(site, config, byFile, staging);
  }

  private static Optional<List<String>> stage(
      Path site, SiteConfig config, Map<String, List<Skill>> byFile, Path staging)
      throws IOException {
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

  /**
   * What an added or removed skill changes in {@code llms.txt}: the files staged (site paths), the
   * parts' cuts a later patch finds lines by ({@link ListState.Totals#llms}, the parts after the
   * changed one starting one place later or earlier), or why it is refused (nothing staged).
   */
  public record Change(List<String> staged, DataParts llms, Optional<String> refused) {
    static Change refuse(String why) {
      return new Change(List.of(), new DataParts(List.of(0), List.of()), Optional.of(why));
    }
  }

  /**
   * Stages the {@code llms.txt} file listing {@code added} (a skill of no part yet): its two lines
   * (its page with its summary, its raw SKILL.md) inserted in its part where a whole build lists it
   * (by name, then id), and the index's link to the part when its first or last name changes. The
   * part is found by a binary search over the parts' first lines, the place in it by the names the
   * state records for the ids its lines name ({@code names}); nothing else is read. Refused when
   * the part would end elsewhere (a cut moved: the whole build cuts every later part again), or
   * when one file would become parts.
   *
   * @param skills how many skills the last build listed ({@link ListState.Totals#skills})
   * @param parts where the last build cut them ({@link ListState.Totals#llms})
   * @param names a listed skill's name by its id, as the last build had it
   */
  public static Change add(
      Path site,
      SiteConfig config,
      int skills,
      DataParts parts,
      Function<String, Optional<String>> names,
      Skill added,
      Path staging)
      throws IOException {
    return change(site, config, skills, parts, names, added, true, staging, MAX_INLINE);
  }

  /**
   * As {@link #add}, for {@code removed} (a listed skill, as the last build read it): its two lines
   * taken out of its part.
   */
  public static Change remove(
      Path site,
      SiteConfig config,
      int skills,
      DataParts parts,
      Function<String, Optional<String>> names,
      Skill removed,
      Path staging)
      throws IOException {
    return change(site, config, skills, parts, names, removed, false, staging, MAX_INLINE);
  }

  private static final int MAX_INLINE = ListState.Totals.LLMS_PART;

  static Change change(
      Path site,
      SiteConfig config,
      int skills,
      DataParts parts,
      Function<String, Optional<String>> names,
      Skill skill,
      boolean add,
      Path staging,
      int max)
      throws IOException {
    int now = skills + (add ? 1 : -1);
    boolean one = parts.count() <= 1;
    if (one && now > max) {
      return Change.refuse("llms.txt would be cut into parts (more than " + max + " skills)");
    }
    if (!one && now <= max) {
      return Change.refuse("llms.txt's parts would be one file again (" + now + " skills)");
    }
    Key key = new Key(skill.name(), skill.id().value());
    int k = 0; // the part holding the skill's place
    if (!one) {
      Optional<Integer> found = locate(site, parts, names, key);
      if (found.isEmpty()) {
        return Change.refuse("an llms part has no first line the state names");
      }
      k = found.get();
    }
    String file = LlmsTxtWriter.path(k + 1, parts.count());
    Path path = site.resolve(file);
    if (!Files.isRegularFile(path)) {
      return Change.refuse(file + " is missing");
    }
    Optional<Listing> read = Listing.of(Files.readString(path, StandardCharsets.UTF_8));
    if (read.isEmpty()) {
      return Change.refuse(file + " is not as the writer writes it");
    }
    Listing part = read.get();
    List<Key> keys = new ArrayList<>();
    for (String line : part.skills()) {
      Optional<String> id = lineId(line);
      Optional<String> name = id.flatMap(names);
      if (name.isEmpty()) {
        return Change.refuse(file + " lists a skill the state does not name: " + line);
      }
      keys.add(new Key(name.get(), id.get()));
    }
    int at = java.util.Collections.binarySearch(keys, key);
    if (add && at >= 0) {
      return Change.refuse(skill.id() + " is listed in " + file + " already");
    }
    if (!add && at < 0) {
      return Change.refuse(skill.id() + " is not listed in " + file);
    }
    List<String> lines = new ArrayList<>(part.skills());
    List<String> optional = new ArrayList<>(part.optional());
    if (add) {
      at = -at - 1;
      keys.add(at, key);
      lines.add(
          at,
          LlmsTxtWriter.linePrefix(config, skill)
              + LlmsTxtWriter.text(SkillSummary.of(skill, config.summaries())));
      optional.add(at, LlmsTxtWriter.optionalLine(config, skill));
    } else {
      keys.remove(at);
      lines.remove(at);
      optional.remove(at);
      if (keys.isEmpty()) {
        return Change.refuse(file + " would list no skill");
      }
    }
    if (!one) {
      // the part ends where it ended: its last entry a cut past half, or full (by count alone)
      boolean last = k == parts.count() - 1;
      int end =
          DataParts.firstEnd(
              keys.size() + (last ? 0 : 1),
              max,
              Long.MAX_VALUE,
              i -> 0,
              i -> i < keys.size() && DataParts.cut(keys.get(i).id()));
      if (end != keys.size()) {
        return Change.refuse("llms part " + (k + 1) + " would end elsewhere (a cut moved)");
      }
    }
    List<String> staged = new ArrayList<>();
    // a part's section and its link in the index name its first and last skill
    String title = "Skills " + keys.get(0).name() + " … " + keys.get(keys.size() - 1).name();
    if (!one) {
      part = part.titled(LlmsTxtWriter.text(title));
    }
    write(staging, file, part.with(lines, optional), staged);
    List<Integer> starts = new ArrayList<>(parts.starts());
    for (int p = k + 1; p < starts.size(); p++) {
      starts.set(p, starts.get(p) + (add ? 1 : -1));
    }
    if (!one && (at == 0 || at == keys.size() - (add ? 1 : 0))) {
      // the index's link names the part's first and last skill
      String index = Files.readString(site.resolve(LlmsTxtWriter.PATH), StandardCharsets.UTF_8);
      String link = "](" + LlmsTxtWriter.url(config, file) + ")\n";
      int l = index.indexOf(link);
      int from = l < 0 ? -1 : index.lastIndexOf("\n- [", l) + 1;
      if (from <= 0) {
        return Change.refuse("llms.txt does not link " + file);
      }
      String again =
          index.substring(0, from) + "- [" + LlmsTxtWriter.text(title) + index.substring(l);
      if (!again.equals(index)) {
        write(staging, LlmsTxtWriter.PATH, again, staged);
      }
    }
    return new Change(staged, new DataParts(starts, parts.full()), Optional.empty());
  }

  /**
   * The part (from 0) whose lines take {@code key}'s place: the last whose first line's key is at
   * most {@code key}, by a binary search reading each probed part's first line; empty when a probed
   * part has no line the state names.
   */
  private static Optional<Integer> locate(
      Path site, DataParts parts, Function<String, Optional<String>> names, Key key)
      throws IOException {
    int lo = 0;
    int hi = parts.count() - 1;
    while (lo < hi) {
      int mid = (lo + hi + 1) / 2;
      Optional<Key> first =
          firstKey(site.resolve(LlmsTxtWriter.path(mid + 1, parts.count())), names);
      if (first.isEmpty()) {
        return Optional.empty();
      }
      if (first.get().compareTo(key) <= 0) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return Optional.of(lo);
  }

  private static void write(Path staging, String file, String text, List<String> staged)
      throws IOException {
    Path to = staging.resolve(file);
    Files.createDirectories(to.getParent());
    Files.writeString(to, text, StandardCharsets.UTF_8);
    staged.add(file);
  }

  /** A skill's place in the llms order: name, then id. */
  private record Key(String name, String id) implements Comparable<Key> {
    @Override
    public int compareTo(Key o) {
      int c = name.compareTo(o.name);
      return c != 0 ? c : id.compareTo(o.id);
    }
  }

  /** The key of a part's first line, read from the file's first few kilobytes. */
  private static Optional<Key> firstKey(Path part, Function<String, Optional<String>> names)
      throws IOException {
    if (!Files.isRegularFile(part)) {
      return Optional.empty();
    }
    try (var in = Files.newInputStream(part)) {
      String head = new String(in.readNBytes(1 << 14), StandardCharsets.UTF_8);
      int section = head.indexOf("\n## ");
      int from = section < 0 ? -1 : head.indexOf("\n\n", section + 1);
      int end = from < 0 ? -1 : head.indexOf('\n', from + 2);
      if (end < 0) {
        return Optional.empty();
      }
      Optional<String> id = lineId(head.substring(from + 2, end));
      return id.flatMap(i -> names.apply(i).map(n -> new Key(n, i)));
    }
  }

  /** The id of the skill a "Skills" line links ({@code …skills/<id>/): …}). */
  static Optional<String> lineId(String line) {
    int end = line.indexOf("/): ");
    if (!line.startsWith("- [") || end < 0) {
      return Optional.empty();
    }
    String url = line.substring(0, end);
    return Optional.of(url.substring(url.lastIndexOf('/') + 1));
  }

  /** A list file cut in its parts: header and section title, the two sections' lines. */
  private record Listing(String head, List<String> skills, List<String> optional) {
    private static final String OPTIONAL = "\n## Optional\n\n";

    static Optional<Listing> of(String text) {
      int section = text.indexOf("\n## ");
      int from = section < 0 ? -1 : text.indexOf("\n\n", section + 1);
      int opt = text.lastIndexOf(OPTIONAL);
      if (from < 0 || opt < from || !text.endsWith("\n")) {
        return Optional.empty();
      }
      List<String> skills = lines(text.substring(from + 2, opt));
      List<String> optional = lines(text.substring(opt + OPTIONAL.length()));
      if (skills.size() != optional.size()) {
        return Optional.empty();
      }
      return Optional.of(new Listing(text.substring(0, from + 2), skills, optional));
    }

    private static List<String> lines(String block) {
      return block.isEmpty()
          ? List.of()
          : List.of(block.substring(0, block.length() - 1).split("\n", -1));
    }

    /** This listing under the section title {@code title} (as text). */
    Listing titled(String title) {
      return new Listing(
          head.substring(0, head.indexOf("\n## ") + 1) + "## " + title + "\n\n", skills, optional);
    }

    String with(List<String> skills, List<String> optional) {
      StringBuilder out = new StringBuilder(head);
      skills.forEach(l -> out.append(l).append('\n'));
      out.append(OPTIONAL);
      optional.forEach(l -> out.append(l).append('\n'));
      return out.toString();
    }
  }
}
