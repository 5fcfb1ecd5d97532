package dev.skillsite.build;

import dev.skillsite.cache.BuildCache;
import dev.skillsite.model.SkillId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * What patch builds changed of the state the last whole build recorded ({@link PatchState}, {@code
 * site.SkillPagesPatch}'s record), which are single files of the whole site and are not rewritten
 * by a patch: per patched skill its model's digest (by folder) and the Markdown characters its
 * documents count against the build's budget, and the site's total of those. A small text file
 * ({@value #PATH}), read whole (it grows with the patches since the last whole build, which writes
 * it empty; past {@link #MAX_BYTES} a patch builds whole), staged and published with the pages.
 */
final class PatchOverlay {
  /** Where it lives in a site. */
  static final String PATH = BuildCache.FOLDER + "/patch/patched.txt";

  /** Past this size the next build is whole (and writes it empty). */
  static final long MAX_BYTES = 1 << 20;

  private final Map<String, String> models = new TreeMap<>();
  private final Map<String, String> routings = new TreeMap<>();
  private final Map<SkillId, Long> chars = new TreeMap<>();
  private final Map<SkillId, String> summaries = new TreeMap<>();
  private final Map<SkillId, String> described = new TreeMap<>();
  private final Map<String, java.util.List<String>> references = new TreeMap<>();
  private final Map<SkillId, String> anchors = new TreeMap<>();
  private final Map<SkillId, Boolean> served = new TreeMap<>();
  private final java.util.List<long[]> shifts = new java.util.ArrayList<>();
  private OptionalLong total = OptionalLong.empty();
  private long pages; // pages patches added less those they deleted (references)

  private PatchOverlay() {}

  /** An overlay with no patch in it (what a whole build writes). */
  static PatchOverlay empty() {
    return new PatchOverlay();
  }

  /** The overlay of the published site {@code site}; empty when unreadable or too large. */
  static Optional<PatchOverlay> read(Path site) {
    Path file = site.resolve(PATH);
    PatchOverlay o = new PatchOverlay();
    try {
      if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
        return Optional.empty();
      }
      if (Files.size(file) > MAX_BYTES) {
        return Optional.empty();
      }
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        String[] f = line.split("\t", -1);
        switch (f[0]) {
          case "total" -> o.total = OptionalLong.of(Long.parseLong(f[1]));
          case "m" -> o.models.put(f[1], f[2]);
          case "r" -> o.routings.put(f[1], f[2]);
          case "c" -> o.chars.put(new SkillId(f[1]), Long.parseLong(f[2]));
          case "s" -> o.summaries.put(new SkillId(f[1]), unescape(f[2]));
          case "d" -> o.described.put(new SkillId(f[1]), f[2]);
          case "f" ->
              o.references.put(
                  f[1],
                  java.util.Arrays.stream(f, 2, f.length).map(PatchOverlay::unescape).toList());
          case "a" -> o.anchors.put(new SkillId(f[1]), f[2]);
          case "p" -> o.pages = Long.parseLong(f[1]);
          case "v" -> o.served.put(new SkillId(f[1]), f[2].equals("archive"));
          case "x" -> o.shifts.add(new long[] {Long.parseLong(f[1]), Long.parseLong(f[2])});
          default -> {
            return Optional.empty();
          }
        }
      }
      return Optional.of(o);
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** The model digest of the skill in folder {@code dir}: a patch's, else the recorded one. */
  String model(String dir, String recorded) {
    return models.getOrDefault(dir, recorded);
  }

  void patched(String dir, String digest) {
    models.put(dir, digest);
  }

  /**
   * The digest of the routing document of the skill in folder {@code dir} as the published site has
   * it indexed: a patch's, else the recorded one.
   */
  String routing(String dir, String recorded) {
    return routings.getOrDefault(dir, recorded);
  }

  /**
   * The reference files (content paths, in the finder's order) of the skill in folder {@code dir}
   * as the published site has them: a patch's (a reference added or deleted), else the recorded
   * ones.
   */
  java.util.List<String> references(String dir, java.util.List<String> recorded) {
    return references.getOrDefault(dir, recorded);
  }

  /** The pages patches added less those they deleted, since the last whole build. */
  long pages() {
    return pages;
  }

  void pages(long added) {
    pages += added;
  }

  /** The folders of skills whose references a patch added or deleted. */
  java.util.Set<String> referenceDirs() {
    return references.keySet();
  }

  void referenced(String dir, java.util.List<String> files) {
    references.put(dir, java.util.List.copyOf(files));
  }

  /** The digests of the patched skills' anchors (a reference added or deleted), by id. */
  Map<SkillId, String> anchors() {
    return anchors;
  }

  void anchors(Map<SkillId, String> digests) {
    anchors.putAll(digests);
  }

  /**
   * The skills whose download patches changed since the last whole build, by id: whether each is
   * served as an archive now (the last whole build served the other kind).
   */
  Map<SkillId, Boolean> served() {
    return served;
  }

  /**
   * Records that a patch changed the kind of {@code id}'s download: an archive from now ({@code
   * archive}) or its SKILL.md alone. A change back to what the last whole build served drops it.
   */
  void served(SkillId id, boolean archive) {
    if (served.containsKey(id)) {
      served.remove(id);
    } else {
      served.put(id, archive);
    }
  }

  void routed(String dir, String digest) {
    routings.put(dir, digest);
  }

  /** The Markdown characters each patched skill counts, by id. */
  Map<SkillId, Long> chars() {
    return chars;
  }

  /** The site's total of those, when a patch changed it. */
  OptionalLong total() {
    return total;
  }

  void chars(Map<SkillId, Long> patched, long siteTotal) {
    chars.putAll(patched);
    total = OptionalLong.of(siteTotal);
  }

  /** The patched skills' summaries (their cards as others' pages show them), by id. */
  Map<SkillId, String> summaries() {
    return summaries;
  }

  /** The digests of the patched skills' descriptions, by id. */
  Map<SkillId, String> descriptions() {
    return described;
  }

  void cards(Map<SkillId, String> summaries, Map<SkillId, String> descriptions) {
    this.summaries.putAll(summaries);
    this.described.putAll(descriptions);
  }

  /**
   * Where a byte the last whole build wrote at {@code recorded} in the discovery index is now,
   * after the entries patches rewrote (each moved the bytes after it by its change of length).
   */
  long discoveryAt(long recorded) {
    long at = recorded;
    for (long[] s : shifts) {
      if (at > s[0]) {
        at += s[1];
      }
    }
    return at;
  }

  /** Records that a patch moved the discovery index's bytes after {@code at} by {@code by}. */
  void shifted(long at, long by) {
    if (by != 0) {
      shifts.add(new long[] {at, by});
    }
  }

  private static String escape(String s) {
    return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
  }

  private static String unescape(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length()) {
        char n = s.charAt(++i);
        sb.append(n == 't' ? '\t' : n == 'n' ? '\n' : n == 'r' ? '\r' : n);
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  /** Writes it to {@code site} (a staging folder). */
  void write(Path site) throws IOException {
    StringBuilder sb = new StringBuilder();
    total.ifPresent(t -> sb.append("total\t").append(t).append('\n'));
    if (pages != 0) {
      sb.append("p\t").append(pages).append('\n');
    }
    models.forEach((d, m) -> sb.append("m\t").append(d).append('\t').append(m).append('\n'));
    routings.forEach((d, r) -> sb.append("r\t").append(d).append('\t').append(r).append('\n'));
    chars.forEach(
        (id, c) -> sb.append("c\t").append(id.value()).append('\t').append(c).append('\n'));
    summaries.forEach(
        (id, t) -> sb.append("s\t").append(id.value()).append('\t').append(escape(t)).append('\n'));
    described.forEach(
        (id, d) -> sb.append("d\t").append(id.value()).append('\t').append(d).append('\n'));
    references.forEach(
        (d, files) -> {
          sb.append("f\t").append(d);
          files.forEach(f -> sb.append('\t').append(escape(f)));
          sb.append('\n');
        });
    anchors.forEach(
        (id, a) -> sb.append("a\t").append(id.value()).append('\t').append(a).append('\n'));
    served.forEach(
        (id, a) ->
            sb.append("v\t")
                .append(id.value())
                .append('\t')
                .append(a ? "archive" : "skill-md")
                .append('\n'));
    for (long[] x : shifts) {
      sb.append("x\t").append(x[0]).append('\t').append(x[1]).append('\n');
    }
    Path file = site.resolve(PATH);
    Files.createDirectories(file.getParent());
    Files.writeString(file, sb, StandardCharsets.UTF_8);
  }
}
