package dev.skillsite.build;

import dev.skillsite.cache.BuildCache;
import dev.skillsite.cache.RecordTable;
import dev.skillsite.model.Catalog;
import dev.skillsite.model.Skill;
import dev.skillsite.model.SkillId;
import dev.skillsite.site.RelatedSkill;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The related skills every skill's page shows, as the last build made them ({@link
 * RelatedSkillsStage}: declared, then similar, with reasons, in page order), and the skills of each
 * name (to resolve a changed skill's declared names): what a patch build needs to make a few lists
 * again ({@link RelatedPatch}) and to know which of them changed. Kept in the site's build cache,
 * opened and never read whole ({@link RecordTable}).
 *
 * <p>Two files: {@value #PATH}, written by every cached full or incremental build, and {@value
 * #PATCHED}, the lists patch builds made since (at most {@link RelatedPatch#MAX_PATCHED}, read
 * whole and written again by each patch, published with its pages); a list is the second file's
 * when it holds one. A full build writes the first and leaves the second out, so a patched site
 * holds the same lists as a clean build in other files ({@code RelatedPatchTest} compares them).
 */
final class RelatedState implements AutoCloseable {
  /** The lists of the last full or incremental build. */
  static final String PATH = BuildCache.FOLDER + "/patch/related.tab";

  /** The lists patch builds made since. */
  static final String PATCHED = BuildCache.FOLDER + "/patch/related-patched.tab";

  private static final String LIST = "r:";
  private static final String NAME = "n:";
  private static final String IDS = "ids";

  private final RecordTable base;
  private final Map<SkillId, List<RelatedSkill>> patched;

  private RelatedState(RecordTable base, Map<SkillId, List<RelatedSkill>> patched) {
    this.base = base;
    this.patched = patched;
  }

  /** Writes the state of a build's {@code related} lists into {@code staging}. */
  static void write(Path staging, Catalog catalog, Map<SkillId, List<RelatedSkill>> related)
      throws IOException {
    Map<String, byte[]> records = new HashMap<>();
    Map<String, List<SkillId>> byName = new HashMap<>();
    for (Skill s : catalog.skills()) {
      byName.computeIfAbsent(s.name(), k -> new ArrayList<>()).add(s.id());
    }
    byName.forEach((name, ids) -> records.put(NAME + name, ids(ids)));
    related.forEach((id, list) -> records.put(LIST + id.value(), encode(list)));
    RecordTable.write(staging.resolve(PATH), records);
    Files.deleteIfExists(staging.resolve(PATCHED));
  }

  /** The state of the published site {@code site}; empty when it has none (or a damaged one). */
  static Optional<RelatedState> open(Path site) {
    Optional<RecordTable> base = RecordTable.open(site.resolve(PATH));
    if (base.isEmpty()) {
      return Optional.empty();
    }
    Map<SkillId, List<RelatedSkill>> patched = new TreeMap<>(RelatedPatch.BY_ID);
    if (Files.exists(site.resolve(PATCHED))) {
      Optional<RecordTable> t = RecordTable.open(site.resolve(PATCHED));
      try (RecordTable p = t.orElse(null)) {
        Optional<byte[]> ids = t.flatMap(x -> x.get(IDS));
        if (ids.isEmpty()) {
          base.get().close();
          return Optional.empty();
        }
        for (SkillId id : ids(ids.get())) {
          Optional<byte[]> list = p.get(LIST + id.value());
          if (list.isEmpty()) {
            base.get().close();
            return Optional.empty();
          }
          patched.put(id, decode(list.get()));
        }
      } catch (IOException | UncheckedIOException e) {
        close(base.get());
        return Optional.empty();
      }
    }
    return Optional.of(new RelatedState(base.get(), patched));
  }

  private static void close(RecordTable t) {
    try {
      t.close();
    } catch (IOException ignored) {
      // nothing was written
    }
  }

  /** The related skills of {@code id} the published pages show; empty for an unknown skill. */
  Optional<List<RelatedSkill>> list(SkillId id) {
    List<RelatedSkill> p = patched.get(id);
    if (p != null) {
      return Optional.of(p);
    }
    return base.get(LIST + id.value()).map(RelatedState::decode);
  }

  /** The list of {@code id} a patch build made since the last full build, if one did. */
  Optional<List<RelatedSkill>> patched(SkillId id) {
    return Optional.ofNullable(patched.get(id));
  }

  /** The skills named {@code name}, in the collection's order. */
  List<SkillId> named(String name) {
    return base.get(NAME + name).map(RelatedState::ids).orElse(List.of());
  }

  /** How many lists patch builds have made since the last full build. */
  int patchedLists() {
    return patched.size();
  }

  /**
   * Writes into {@code staging} the lists patch builds made, with {@code changed} (the lists a
   * patch makes now) among them: the file a patch publishes ({@value #PATCHED}).
   */
  void stage(Path staging, Map<SkillId, List<RelatedSkill>> changed) throws IOException {
    Map<SkillId, List<RelatedSkill>> all = new TreeMap<>(RelatedPatch.BY_ID);
    all.putAll(patched);
    all.putAll(changed);
    Map<String, byte[]> records = new HashMap<>();
    all.forEach((id, list) -> records.put(LIST + id.value(), encode(list)));
    records.put(IDS, ids(List.copyOf(all.keySet())));
    RecordTable.write(staging.resolve(PATCHED), records);
  }

  @Override
  public void close() throws IOException {
    base.close();
  }

  static byte[] encode(List<RelatedSkill> list) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      DataOutputStream out = new DataOutputStream(bytes);
      out.writeInt(list.size());
      for (RelatedSkill r : list) {
        out.writeUTF(r.id().value());
        out.writeUTF(r.reason());
        out.writeBoolean(r.declared());
      }
      out.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<RelatedSkill> decode(byte[] bytes) {
    try {
      DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
      int n = in.readInt();
      List<RelatedSkill> out = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        out.add(new RelatedSkill(new SkillId(in.readUTF()), in.readUTF(), in.readBoolean()));
      }
      return List.copyOf(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] ids(List<SkillId> ids) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      DataOutputStream out = new DataOutputStream(bytes);
      out.writeInt(ids.size());
      for (SkillId id : ids) {
        out.writeUTF(id.value());
      }
      out.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<SkillId> ids(byte[] bytes) {
    try {
      DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
      int n = in.readInt();
      List<SkillId> out = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        out.add(new SkillId(in.readUTF()));
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every list, by skill (for tests comparing two sites' states: reads the whole state). */
  Map<SkillId, List<RelatedSkill>> all(Catalog catalog) {
    Map<SkillId, List<RelatedSkill>> out = new LinkedHashMap<>();
    for (Skill s : catalog.skills()) {
      list(s.id()).ifPresent(l -> out.put(s.id(), l));
    }
    return out;
  }
}
