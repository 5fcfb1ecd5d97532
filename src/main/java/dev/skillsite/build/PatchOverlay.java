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
  private final Map<SkillId, Long> chars = new TreeMap<>();
  private OptionalLong total = OptionalLong.empty();

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
          case "c" -> o.chars.put(new SkillId(f[1]), Long.parseLong(f[2]));
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

  /** Writes it to {@code site} (a staging folder). */
  void write(Path site) throws IOException {
    StringBuilder sb = new StringBuilder();
    total.ifPresent(t -> sb.append("total\t").append(t).append('\n'));
    models.forEach((d, m) -> sb.append("m\t").append(d).append('\t').append(m).append('\n'));
    chars.forEach(
        (id, c) -> sb.append("c\t").append(id.value()).append('\t').append(c).append('\n'));
    Path file = site.resolve(PATH);
    Files.createDirectories(file.getParent());
    Files.writeString(file, sb, StandardCharsets.UTF_8);
  }
}
