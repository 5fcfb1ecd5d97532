package dev.skillsite.build;

import dev.skillsite.audit.AuditReport;
import dev.skillsite.audit.SkillAudit;
import dev.skillsite.cache.BuildCache;
import dev.skillsite.cache.RecordTable;
import dev.skillsite.discovery.DiscoveryIndexWriter;
import dev.skillsite.model.Catalog;
import dev.skillsite.model.Reference;
import dev.skillsite.model.Skill;
import dev.skillsite.model.SkillId;
import dev.skillsite.routing.RoutingIndex;
import dev.skillsite.site.SkillFilesPatch;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a patch build ({@link PatchBuild}) needs of the last build, kept in the site's build cache
 * ({@value #PATH}) by every full or incremental build and opened, never read whole ({@link
 * RecordTable}): the key it was made under (code, templates, settings, options: any difference and
 * nothing is patched), the site's totals, and per skill folder the skill's record — what reading it
 * again needs (id, SKILL.md, collection, reference files, declared related skills) and the digests
 * a patch compares: the whole model as loaded, its routing document, its audit.
 */
final class PatchState implements AutoCloseable {
  /** Where the state lives in a site. */
  static final String PATH = BuildCache.FOLDER + "/patch/skills.tab";

  private static final String KEY = "key";
  private static final String TOTALS = "totals";
  private static final String SKILL = "d:";
  private static final String ID = "i:";

  /** One skill as the last build had it. */
  record SkillRecord(
      SkillId id,
      String source,
      String collectionId,
      List<String> references,
      List<String> declaredRelated,
      String model,
      String routing,
      String audit,
      long discoveryAt) {
    String dir() {
      int slash = source.lastIndexOf('/');
      return slash < 0 ? "" : source.substring(0, slash);
    }

    byte[] encode() {
      try {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeUTF(id.value());
        out.writeUTF(source);
        out.writeUTF(collectionId);
        strings(out, references);
        strings(out, declaredRelated);
        out.writeUTF(model);
        out.writeUTF(routing);
        out.writeUTF(audit);
        out.writeLong(discoveryAt);
        out.flush();
        return bytes.toByteArray();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    static SkillRecord decode(byte[] bytes) throws IOException {
      DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
      return new SkillRecord(
          new SkillId(in.readUTF()),
          in.readUTF(),
          in.readUTF(),
          strings(in),
          strings(in),
          in.readUTF(),
          in.readUTF(),
          in.readUTF(),
          in.readLong());
    }

    private static void strings(DataOutputStream out, List<String> list) throws IOException {
      out.writeInt(list.size());
      for (String s : list) {
        out.writeUTF(s);
      }
    }

    private static List<String> strings(DataInputStream in) throws IOException {
      int n = in.readInt();
      List<String> list = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        list.add(in.readUTF());
      }
      return list;
    }
  }

  /** The site's totals, for a patch build's result. */
  record Totals(int skills, int pages) {}

  private final RecordTable table;

  private PatchState(RecordTable table) {
    this.table = table;
  }

  /**
   * The state of the published site {@code site}, when it has one made under {@code key}; else why
   * not.
   */
  static Opened open(Path site, String key) {
    Optional<RecordTable> t = RecordTable.open(site.resolve(PATH));
    if (t.isEmpty()) {
      return new Opened(Optional.empty(), "the last build left no patch state");
    }
    String was = t.get().get(KEY).map(b -> new String(b, StandardCharsets.UTF_8)).orElse("");
    if (!was.equals(key)) {
      close(t.get());
      return new Opened(
          Optional.empty(), "code, templates, settings or options differ from the last build's");
    }
    return new Opened(Optional.of(new PatchState(t.get())), "");
  }

  /**
   * The source (content path of its SKILL.md) the last build of {@code site} recorded for {@code
   * id}, whatever its key (a skill's source moves only with a whole build); empty without one.
   */
  static Optional<String> sourceOf(Path site, SkillId id) {
    Optional<RecordTable> t = RecordTable.open(site.resolve(PATH));
    if (t.isEmpty()) {
      return Optional.empty();
    }
    try {
      return new PatchState(t.get()).skill(id).map(SkillRecord::source);
    } finally {
      close(t.get());
    }
  }

  /** {@link #open}'s answer: the state, or why there is none to use. */
  record Opened(Optional<PatchState> state, String why) {}

  /** The skill whose folder is {@code dir} (a content path, "" for the root). */
  Optional<SkillRecord> skillIn(String dir) {
    return table
        .get(SKILL + dir)
        .flatMap(
            b -> {
              try {
                return Optional.of(SkillRecord.decode(b));
              } catch (IOException e) {
                return Optional.empty();
              }
            });
  }

  /** The skill with id {@code id}. */
  Optional<SkillRecord> skill(SkillId id) {
    return table
        .get(ID + id.value())
        .flatMap(b -> skillIn(new String(b, StandardCharsets.UTF_8)))
        .filter(r -> r.id().equals(id));
  }

  Totals totals() {
    return table
        .get(TOTALS)
        .map(
            b -> {
              String[] t = new String(b, StandardCharsets.UTF_8).split(" ");
              return new Totals(Integer.parseInt(t[0]), Integer.parseInt(t[1]));
            })
        .orElse(new Totals(0, 0));
  }

  /**
   * The key a patch looks for: the pages' identity, the settings text, the build options, of a site
   * published without errors ({@link #key(String, BuildOptions, boolean)}).
   */
  static String key(String pages, BuildOptions options) throws IOException {
    return key(pages, options, false);
  }

  /**
   * The key a state is made under: the pages' identity, the settings text, the build options, and
   * whether the site was published with errors. {@code --publish-with-errors} itself is not in it
   * (serve's first build sets it, its rebuilds do not): for a site without errors it changes
   * nothing, a patch refuses a changed skill with an error, and a site published with errors has
   * another key, so it is never patched (under either value the whole build decides).
   */
  static String key(String pages, BuildOptions options, boolean errors) throws IOException {
    StringBuilder sb = new StringBuilder(pages);
    for (String name : new String[] {"skillsite.yaml", "skillsite.yml"}) {
      Path f = options.content().resolve(name);
      sb.append('\u0000')
          .append(name)
          .append('\u0000')
          .append(Files.isRegularFile(f) ? Files.readString(f, StandardCharsets.UTF_8) : "-");
    }
    sb.append('\u0000')
        .append(options.baseUrl().orElse("-"))
        .append('\u0000')
        .append(errors ? "published with errors" : "no errors")
        .append('\u0000')
        .append(options.maxSkills());
    return sha256(List.of(sb.toString()));
  }

  /**
   * Writes the state of a site built from {@code catalog} into {@code staging}, whose discovery
   * index is {@code discovery} (staged, or the published one it keeps).
   */
  static void write(
      Path staging,
      String key,
      Catalog catalog,
      Optional<AuditReport> audit,
      int pages,
      Path discovery)
      throws IOException {
    Map<String, Long> digests = DiscoveryIndexWriter.digestOffsets(discovery);
    Map<String, byte[]> records = new HashMap<>();
    records.put(KEY, key.getBytes(StandardCharsets.UTF_8));
    records.put(TOTALS, (catalog.skills().size() + " " + pages).getBytes(StandardCharsets.UTF_8));
    List<Skill> skills = catalog.skills();
    List<String> routing = RoutingIndex.skillDigests(skills);
    for (int i = 0; i < skills.size(); i++) {
      Skill s = skills.get(i);
      SkillRecord r =
          new SkillRecord(
              s.id(),
              s.source(),
              s.collectionId(),
              s.references().stream().map(s::contentPath).toList(),
              s.declaredRelated(),
              model(s),
              routing.get(i),
              audit(audit.flatMap(a -> a.of(s.id()))),
              digests.getOrDefault(
                  SkillFilesPatch.archivePath(s),
                  digests.getOrDefault(DiscoveryIndexWriter.skillMdPath(s), -1L)));
      records.put(SKILL + s.dir(), r.encode());
      records.put(ID + s.id().value(), s.dir().getBytes(StandardCharsets.UTF_8));
    }
    RecordTable.write(staging.resolve(PATH), records);
    PatchOverlay.empty().write(staging); // no patch since this build
  }

  /** A digest of everything {@link dev.skillsite.content.ContentLoader} made of a skill. */
  static String model(Skill s) {
    List<String> parts = new ArrayList<>();
    parts.add(s.id().value());
    parts.add(s.name());
    parts.add(s.description());
    parts.add(s.source());
    parts.add(s.collectionId());
    parts.add(String.valueOf(s.frontmatter()));
    parts.add(s.body());
    parts.add(Integer.toString(s.bodyLine()));
    for (Reference r : s.references()) {
      parts.add(r.path() + "\u0000" + r.title() + "\u0000" + r.text().hashCode());
    }
    parts.add(String.valueOf(s.triggers()));
    parts.add(String.valueOf(s.declaredRelated()));
    return sha256(parts);
  }

  /** A digest of a skill's audit (after the baseline); "" for none. */
  static String audit(Optional<SkillAudit> audit) {
    return audit.map(a -> sha256(List.of(a.toString()))).orElse("");
  }

  private static String sha256(List<String> parts) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (String p : parts) {
        byte[] b = p.getBytes(StandardCharsets.UTF_8);
        sha.update(
            new byte[] {
              (byte) (b.length >>> 24),
              (byte) (b.length >>> 16),
              (byte) (b.length >>> 8),
              (byte) b.length
            });
        sha.update(b);
      }
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  private static void close(RecordTable t) {
    try {
      t.close();
    } catch (IOException e) {
      // read-only: nothing to lose
    }
  }

  @Override
  public void close() {
    close(table);
  }
}
