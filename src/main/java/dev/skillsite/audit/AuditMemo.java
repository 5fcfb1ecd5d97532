package dev.skillsite.audit;

import dev.skillsite.model.SourcePos;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The findings of each file an earlier audit read, by the file's path and the SHA-256 of its bytes:
 * an audit with a memo scans only the files that changed (the build keeps one in its cache). The
 * skill-wide checks (unmentioned scripts, permissions, what goes beyond the description) run again
 * every time; they are cheap and depend on more than one file. A file whose audit ran out of time
 * is not kept. Thread-safe.
 */
public final class AuditMemo {
  private static final int MAGIC = 0x5341_4d31; // "SAM1"

  /** Entries read from an earlier audit. */
  private final Map<String, List<Finding>> earlier;

  /** Entries of this audit: what is written for the next one. */
  private final Map<String, List<Finding>> now = new ConcurrentHashMap<>();

  private final String key;

  private AuditMemo(String key, Map<String, List<Finding>> earlier) {
    this.key = key;
    this.earlier = earlier;
  }

  /** A memo with nothing in it, for an audit whose findings are kept under {@code key}. */
  public static AuditMemo empty(String key) {
    return new AuditMemo(key, Map.of());
  }

  /**
   * The memo at {@code file} when it was written under {@code key} (the code and rules that made
   * it); an empty memo when it is missing, damaged or was written under another key.
   */
  public static AuditMemo read(Path file, String key) {
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      return empty(key);
    }
    try (DataInputStream in =
        new DataInputStream(
            new BufferedInputStream(Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)))) {
      if (in.readInt() != MAGIC || !in.readUTF().equals(key)) {
        return empty(key);
      }
      int n = in.readInt();
      Map<String, List<Finding>> entries = new ConcurrentHashMap<>();
      AuditSeverity[] severities = AuditSeverity.values();
      AuditCategory[] categories = AuditCategory.values();
      for (int i = 0; i < n; i++) {
        String entry = in.readUTF();
        int count = in.readInt();
        List<Finding> findings = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
          findings.add(
              new Finding(
                  in.readUTF(),
                  severities[in.readByte()],
                  categories[in.readByte()],
                  new SourcePos(in.readUTF(), in.readInt(), in.readInt()),
                  readLong(in),
                  readLong(in)));
        }
        entries.put(entry, List.copyOf(findings));
      }
      return new AuditMemo(key, entries);
    } catch (IOException | RuntimeException e) {
      return empty(key); // damaged: audit every file again
    }
  }

  /** Writes the entries of this audit (not the unused ones read before) to {@code file}. */
  public void write(Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    try (OutputStream os = Files.newOutputStream(file);
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(os))) {
      out.writeInt(MAGIC);
      out.writeUTF(key);
      out.writeInt(now.size());
      // in order of entry: the same files make the same bytes, whichever thread audited them first
      for (Map.Entry<String, List<Finding>> e : new java.util.TreeMap<>(now).entrySet()) {
        out.writeUTF(e.getKey());
        out.writeInt(e.getValue().size());
        for (Finding f : e.getValue()) {
          out.writeUTF(f.rule());
          out.writeByte(f.severity().ordinal());
          out.writeByte(f.category().ordinal());
          out.writeUTF(f.pos().path());
          out.writeInt(f.pos().line());
          out.writeInt(f.pos().col());
          writeLong(out, f.excerpt());
          writeLong(out, f.message());
        }
      }
    }
  }

  /** How many files this audit kept findings of. */
  int size() {
    return now.size();
  }

  /** How many files this audit found in the memo (not scanned again). */
  int reused() {
    return (int) now.keySet().stream().filter(earlier::containsKey).count();
  }

  /**
   * The findings kept for the file {@code k} ({@link #entry}) names, when an earlier audit read the
   * same bytes at that path.
   */
  Optional<List<Finding>> get(String k) {
    List<Finding> found = earlier.get(k);
    if (found != null) {
      now.put(k, found);
    }
    return Optional.ofNullable(found);
  }

  /** Keeps {@code findings} of the file {@code k} names for the next audit. */
  void put(String k, List<Finding> findings) {
    now.put(k, List.copyOf(findings));
  }

  /** A file's entry: its path, size and the SHA-256 of the bytes read. */
  static String entry(SkillFile f) {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    return f.path()
        + "\u0000"
        + f.size()
        + "\u0000"
        + HexFormat.of().formatHex(sha.digest(f.head()));
  }

  /** A string of any length (writeUTF stops at 64 KB of UTF-8). */
  private static void writeLong(DataOutputStream out, String s) throws IOException {
    byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    out.writeInt(b.length);
    out.write(b);
  }

  private static String readLong(DataInputStream d) throws IOException {
    int n = d.readInt();
    if (n < 0 || n > (1 << 24)) {
      throw new IOException("damaged memo");
    }
    return new String(d.readNBytes(n), java.nio.charset.StandardCharsets.UTF_8);
  }
}
