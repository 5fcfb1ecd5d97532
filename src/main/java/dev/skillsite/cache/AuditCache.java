package dev.skillsite.cache;

import dev.skillsite.audit.AuditCategory;
import dev.skillsite.audit.AuditSeverity;
import dev.skillsite.audit.Finding;
import dev.skillsite.audit.SkillAudit;
import dev.skillsite.model.Skill;
import dev.skillsite.model.SkillId;
import dev.skillsite.model.SourcePos;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.CRC32;

/**
 * Each skill's audit of the last build, used again when nothing it read changed: the skill's audit
 * depends only on the files of its folder, its frontmatter and description, and the code (the
 * baseline is applied after, to the whole report). Whether the files changed is told from their
 * stamps alone, without reading them: every path in the skill folder with its size and modification
 * time (nanoseconds where the file system keeps them), as {@code make} and Git's index do. A stamp
 * is not trusted when a file was modified within {@link #RACY_NANOS} of the audit that recorded it
 * (Git's "racy clean" rule: an edit in the same clock tick, keeping the size, would otherwise go
 * unseen); such a skill is audited again next time. An audit that ran out of time on a file is not
 * kept either.
 */
public final class AuditCache {
  /** Where the audits are kept in a site. */
  public static final String FILE = BuildCache.FOLDER + "/audit.bin";

  private static final int MAGIC = 0x534b4155; // "SKAU"
  private static final int VERSION = 1;
  private static final long RACY_NANOS = TimeUnit.SECONDS.toNanos(2);
  private static final int MAX_FILES = 4096;
  private static final int MAX_LENGTH = 1 << 22;

  /** One skill's audit and the stamp of what it read. */
  private record Entry(String stamp, SkillAudit audit) {}

  private final String key;
  private final Map<SkillId, Entry> earlier;
  private final Map<SkillId, Entry> now = new ConcurrentHashMap<>();
  private final long startedNanos;

  private AuditCache(String key, Map<SkillId, Entry> earlier) {
    this.key = key;
    this.earlier = earlier;
    this.startedNanos = epochNanos(System.currentTimeMillis());
  }

  /**
   * The audits the site {@code published} keeps for the same code and {@code settings} (any text
   * that changes what the audit finds, e.g. the collection's settings file); none when it has none
   * or the cache is off.
   */
  public static AuditCache of(BuildCache cache, Path published, String settings) {
    String key = CacheKey.code().digest(List.of(settings)).value();
    return new AuditCache(
        key, cache.enabled() ? read(published.resolve(FILE), key) : new HashMap<>());
  }

  /** How a skill is audited when its stamp changed. */
  @FunctionalInterface
  public interface Audit {
    SkillAudit of(Skill skill) throws IOException;
  }

  /**
   * The audit of {@code skill}: the last build's when its stamp is the same, else {@code audit}'s.
   */
  public SkillAudit audit(Skill skill, Path contentRoot, Audit audit) throws IOException {
    Optional<String> stamp = stamp(skill, contentRoot);
    Entry was = earlier.get(skill.id());
    SkillAudit result =
        stamp.isPresent() && was != null && was.stamp().equals(stamp.get())
            ? was.audit()
            : audit.of(skill);
    if (stamp.isPresent() && !stamp.get().isEmpty() && keepable(result)) {
      now.put(skill.id(), new Entry(stamp.get(), result));
    }
    return result;
  }

  /** How many audits were used again. */
  public long reused(List<SkillAudit> audits) {
    return audits.stream()
        .filter(a -> earlier.containsKey(a.id()) && earlier.get(a.id()).audit() == a)
        .count();
  }

  /** Leaves this build's audits in {@code staging} for the next build. */
  public void keep(Path staging, BuildCache cache) throws IOException {
    if (!cache.enabled()) {
      return;
    }
    Path file = staging.resolve(FILE);
    Files.createDirectories(file.getParent());
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(MAGIC);
      out.writeInt(VERSION);
      string(out, key);
      List<Map.Entry<SkillId, Entry>> all = new ArrayList<>(now.entrySet());
      all.sort(Map.Entry.comparingByKey());
      out.writeInt(all.size());
      for (var e : all) {
        string(out, e.getKey().value());
        string(out, e.getValue().stamp());
        SkillAudit a = e.getValue().audit();
        string(out, a.name());
        out.writeInt(a.findings().size());
        for (Finding f : a.findings()) {
          string(out, f.rule());
          string(out, f.severity().name());
          string(out, f.category().name());
          string(out, f.pos().path());
          out.writeInt(f.pos().line());
          out.writeInt(f.pos().col());
          string(out, f.excerpt());
          string(out, f.message());
        }
      }
      out.flush();
      CRC32 crc = new CRC32();
      crc.update(bytes.toByteArray());
      out.writeLong(crc.getValue());
    }
    Files.write(file, bytes.toByteArray());
  }

  /**
   * The stamp of what a skill's audit reads: its frontmatter, description, and every path under its
   * folder with size and modification time; {@code ""} (audit it, keep nothing) when a file is too
   * recent to trust, empty when the folder cannot be listed.
   */
  private Optional<String> stamp(Skill skill, Path contentRoot) {
    Path base = skill.dir().isEmpty() ? contentRoot : contentRoot.resolve(skill.dir());
    StringBuilder sb = new StringBuilder();
    sb.append(skill.name())
        .append('\u0000')
        .append(skill.dir())
        .append('\u0000')
        .append(skill.frontmatter())
        .append('\u0000')
        .append(skill.description())
        .append('\u0000');
    boolean racy = false;
    try (Stream<Path> walk = Files.walk(base, new FileVisitOption[0])) {
      List<Path> paths = walk.limit(MAX_FILES + 1L).sorted().toList();
      if (paths.size() > MAX_FILES) {
        return Optional.empty();
      }
      for (Path p : paths) {
        BasicFileAttributes a =
            Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        long modified = a.lastModifiedTime().to(TimeUnit.NANOSECONDS);
        racy |= modified >= startedNanos - RACY_NANOS;
        sb.append(base.relativize(p))
            .append('\t')
            .append(a.isDirectory() ? "d" : a.isSymbolicLink() ? "l" : "f")
            .append(a.size())
            .append('\t')
            .append(modified)
            .append('\n');
      }
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
    return Optional.of(racy ? "" : CacheKey.code().digest(List.of(sb.toString())).value());
  }

  private static boolean keepable(SkillAudit a) {
    return a.findings().stream().noneMatch(f -> f.message().contains("ran out of time"));
  }

  private static long epochNanos(long millis) {
    return TimeUnit.MILLISECONDS.toNanos(millis);
  }

  private static Map<SkillId, Entry> read(Path file, String key) {
    Map<SkillId, Entry> out = new HashMap<>();
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      return out;
    }
    try {
      byte[] bytes = Files.readAllBytes(file);
      if (bytes.length < Long.BYTES) {
        return out;
      }
      CRC32 crc = new CRC32();
      crc.update(bytes, 0, bytes.length - Long.BYTES);
      if (crc.getValue() != ByteBuffer.wrap(bytes, bytes.length - Long.BYTES, 8).getLong()) {
        return out;
      }
      DataInputStream in =
          new DataInputStream(new ByteArrayInputStream(bytes, 0, bytes.length - Long.BYTES));
      if (in.readInt() != MAGIC || in.readInt() != VERSION || !string(in).equals(key)) {
        return out;
      }
      for (int i = count(in); i > 0; i--) {
        SkillId id = new SkillId(string(in));
        String stamp = string(in);
        String name = string(in);
        List<Finding> findings = new ArrayList<>();
        for (int j = count(in); j > 0; j--) {
          findings.add(
              new Finding(
                  string(in),
                  AuditSeverity.valueOf(string(in)),
                  AuditCategory.valueOf(string(in)),
                  new SourcePos(string(in), in.readInt(), in.readInt()),
                  string(in),
                  string(in)));
        }
        out.put(id, new Entry(stamp, new SkillAudit(id, name, findings)));
      }
      return in.read() == -1 ? out : new HashMap<>();
    } catch (IOException | RuntimeException e) {
      return new HashMap<>();
    }
  }

  private static int count(DataInputStream in) throws IOException {
    return CacheRecords.count(in, MAX_LENGTH);
  }

  private static String string(DataInputStream in) throws IOException {
    return CacheRecords.string(in, MAX_LENGTH);
  }

  private static void string(DataOutputStream out, String s) throws IOException {
    CacheRecords.string(out, s);
  }
}
