package dev.skillsite.build;

import dev.skillsite.cache.BuildCache;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The content files patched since the last build's {@link ContentStamps} were taken, each with its
 * stamp as the patch read it ({@value #PATH}), so that a plain {@code build} after {@code build
 * --changed} or a {@code serve --watch} patch finds only the files changed since: a file whose
 * stamp now is the one recorded here is not reported. O(changed files): the whole tree's stamps are
 * not walked again by a patch.
 *
 * <p>A stamp is taken before the patch reads the file (an edit during the patch then differs), with
 * a SHA-256 of the content when the file was modified within {@link ContentStamps#RACY_NANOS} of
 * the stamp (Git's racy rule, as the stamps themselves). The record names the stamps file it amends
 * (its size, modification time and file key): stamps written again by a later build make it void.
 * Only regular files are recorded (a patch refuses the rest); a record that cannot be read or is of
 * other stamps answers nothing, and every file is then compared as before (reported again:
 * redundant, never wrong). At most {@link #MAX} files; past that no more are recorded.
 */
final class PatchedStamps {
  /** Where the record is kept, relative to the site. */
  static final String PATH = BuildCache.FOLDER + "/patch/stamps-patched.tab";

  static final int MAX = 10_000;

  private static final String MAGIC = "skillsite patched stamps 1";
  private static final PatchedStamps NONE = new PatchedStamps(Map.of());

  /** A file's stamp as a patch read it; the digest present when the stamp was racy. */
  private record Seen(ContentStamps.Stat stat, Optional<byte[]> digest) {}

  private final Map<String, Seen> seen;

  private PatchedStamps(Map<String, Seen> seen) {
    this.seen = seen;
  }

  /** No record: every file compared. */
  static PatchedStamps none() {
    return NONE;
  }

  /**
   * Whether the file at {@code p} ({@code rel} to the content folder) is as a patch published it.
   */
  boolean asPatched(String rel, Path p) {
    Seen s = seen.get(rel);
    if (s == null) {
      return false;
    }
    Optional<ContentStamps.Stat> now = ContentStamps.stat(p);
    if (now.isEmpty() || !now.get().equals(s.stat())) {
      return false;
    }
    if (s.digest().isEmpty()) {
      return true;
    }
    Optional<byte[]> d = ContentStamps.digest(p);
    return d.isPresent() && Arrays.equals(d.get(), s.digest().get());
  }

  /** Whether a patch recorded {@code rel} (a content path) since the stamps were taken. */
  boolean records(String rel) {
    return seen.containsKey(rel);
  }

  /** The record in {@code site} amending its stamps file, whose stamp is {@code identity}. */
  static PatchedStamps read(Path site, ContentStamps.Stat identity) {
    Path file = site.resolve(PATH);
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      return NONE;
    }
    try (DataInputStream in =
        new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
      if (!in.readUTF().equals(MAGIC) || !readStat(in).equals(identity)) {
        return NONE;
      }
      int count = in.readInt();
      if (count < 0 || count > MAX) {
        return NONE;
      }
      Map<String, Seen> seen = new TreeMap<>();
      for (int i = 0; i < count; i++) {
        String rel = in.readUTF();
        ContentStamps.Stat stat = readStat(in);
        int length = in.readInt();
        if (length != 0 && length != 32) {
          return NONE;
        }
        Optional<byte[]> digest = Optional.empty();
        if (length > 0) {
          byte[] d = new byte[length];
          in.readFully(d);
          digest = Optional.of(d);
        }
        seen.put(rel, new Seen(stat, digest));
      }
      return in.read() == -1 ? new PatchedStamps(seen) : NONE;
    } catch (IOException | RuntimeException e) {
      return NONE;
    }
  }

  /**
   * Stamps {@code changed} (absolute or working-folder relative) before a patch of {@code site}
   * reads them; empty when the site has no content stamps to amend.
   */
  static Optional<Taken> before(Path site, Path content, List<Path> changed) {
    try {
      return stamp(site, content, changed);
    } catch (IOException | RuntimeException e) {
      return Optional.empty(); // the patch says what is wrong; the next plain build compares all
    }
  }

  private static Optional<Taken> stamp(Path site, Path content, List<Path> changed)
      throws IOException {
    Optional<ContentStamps.Stat> identity = ContentStamps.stat(site.resolve(ContentStamps.PATH));
    if (identity.isEmpty() || identity.get().kind() != ContentStamps.FILE) {
      return Optional.empty();
    }
    Path root = content.toRealPath();
    long racyFrom =
        TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis()) - ContentStamps.RACY_NANOS;
    Map<String, Seen> seen = new TreeMap<>();
    for (Path p : changed) {
      Path abs = p.toAbsolutePath().normalize();
      Path parent = abs.getParent();
      if (parent == null || abs.getFileName() == null || !Files.isDirectory(parent)) {
        continue;
      }
      Path real = parent.toRealPath().resolve(abs.getFileName()); // the file itself not followed
      Optional<ContentStamps.Stat> s = ContentStamps.stat(real);
      if (!real.startsWith(root) || s.isEmpty() || s.get().kind() != ContentStamps.FILE) {
        continue;
      }
      Optional<byte[]> digest = Optional.empty();
      if (s.get().modified() >= racyFrom) {
        digest = ContentStamps.digest(real);
        if (digest.isEmpty()) {
          continue;
        }
      }
      seen.put(root.relativize(real).toString(), new Seen(s.get(), digest));
    }
    return Optional.of(new Taken(identity.get(), seen));
  }

  /** Deletes the record in {@code site} (its stamps were written again: it is void). */
  static void delete(Path site) throws IOException {
    Files.deleteIfExists(site.resolve(PATH));
  }

  /** Stamps taken before a patch: recorded with {@link #after} once the patch is published. */
  static final class Taken {
    private final ContentStamps.Stat identity;
    private final Map<String, Seen> seen;

    private Taken(ContentStamps.Stat identity, Map<String, Seen> seen) {
      this.identity = identity;
      this.seen = seen;
    }

    /** Records these stamps in {@code site} beside those of earlier patches of the same stamps. */
    void after(Path site) throws IOException {
      Optional<ContentStamps.Stat> now = ContentStamps.stat(site.resolve(ContentStamps.PATH));
      if (seen.isEmpty() || now.isEmpty() || !now.get().equals(identity)) {
        return; // the stamps were written again meanwhile: they are of the tree after this patch
      }
      Map<String, Seen> all = new TreeMap<>(read(site, identity).seen);
      all.putAll(seen);
      if (all.size() > MAX) {
        return; // the earlier record stays: these files are compared again (redundant, right)
      }
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      DataOutputStream out = new DataOutputStream(bytes);
      out.writeUTF(MAGIC);
      writeStat(out, identity);
      out.writeInt(all.size());
      for (Map.Entry<String, Seen> e : all.entrySet()) {
        out.writeUTF(e.getKey());
        writeStat(out, e.getValue().stat());
        byte[] d = e.getValue().digest().orElse(new byte[0]);
        out.writeInt(d.length);
        out.write(d);
      }
      out.flush();
      Path file = site.resolve(PATH);
      Files.createDirectories(file.getParent());
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      Files.write(tmp, bytes.toByteArray());
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
  }

  private static void writeStat(DataOutputStream out, ContentStamps.Stat s) throws IOException {
    out.writeByte(s.kind());
    out.writeLong(s.modified());
    out.writeLong(s.size());
    out.writeInt(s.key());
  }

  private static ContentStamps.Stat readStat(DataInputStream in) throws IOException {
    return new ContentStamps.Stat(in.readByte(), in.readLong(), in.readLong(), in.readInt());
  }
}
