package dev.skillsite.site;

import dev.skillsite.cache.BuildCache;
import dev.skillsite.cache.CacheKey;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;

/**
 * The build cache's record of the files a build wrote from a key ({@link OutputDir#keyed}): each
 * site path with the digest of everything its bytes were made of ({@link ViewDigest}: a page's view
 * records; a skill archive's file stamps) and the stamp the written file had (size, modification
 * time in nanoseconds, file key). The next build with the same code and templates ({@code
 * identity}) does not make such a file again while its key is the same and the published file still
 * has that stamp: the file is the one this build would write. A file changed by hand in the output
 * folder changes its stamp and is made again.
 *
 * <p>It holds stamps, so its bytes differ between two builds of the same site (as the audit cache's
 * do): a site compared byte for byte leaves it out ({@code SiteFingerprint}).
 */
final class PageStamps {
  /** Where it lives in a site. */
  static final String PATH = BuildCache.FOLDER + "/pages.bin";

  private static final int MAGIC = 0x736b7067; // "skpg"
  private static final int VERSION = 1;
  private static final int MAX_LENGTH = 1 << 20;
  private static final long MAX_BYTES = 1L << 30;

  /** A file made from {@code key}, as it was written. */
  record Entry(byte[] key, long size, long modified, String fileKey) {
    boolean sameStamp(Entry other) {
      return size == other.size && modified == other.modified && fileKey.equals(other.fileKey);
    }
  }

  private final String identity;
  private final Map<String, Entry> entries;

  private PageStamps(String identity, Map<String, Entry> entries) {
    this.identity = identity;
    this.entries = entries;
  }

  /** An empty record for a build whose code and templates are {@code identity}. */
  static PageStamps empty(String identity) {
    return new PageStamps(identity, new ConcurrentHashMap<>());
  }

  /** The key of a build with these templates: the code, then the templates' digest. */
  static String identity(String templates) {
    return CacheKey.code().with(templates).value();
  }

  /** The entry of {@code sitePath}, if the last build made it from a key. */
  Optional<Entry> get(String sitePath) {
    return Optional.ofNullable(entries.get(sitePath));
  }

  /**
   * Records that {@code sitePath} was made from {@code key} and now has the stamp of {@code file}.
   */
  void put(String sitePath, byte[] key, Path file) {
    stamp(file)
        .ifPresent(s -> entries.put(sitePath, new Entry(key, s.size, s.modified, s.fileKey)));
  }

  /** The stamp of {@code file} (a regular file, not followed), with no key; empty otherwise. */
  static Optional<Entry> stamp(Path file) {
    try {
      BasicFileAttributes a =
          Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      if (!a.isRegularFile()) {
        return Optional.empty();
      }
      return Optional.of(
          new Entry(
              new byte[0],
              a.size(),
              a.lastModifiedTime().to(TimeUnit.NANOSECONDS),
              String.valueOf(a.fileKey())));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /**
   * Whether the published file at {@code published} is what the last build made of {@code key}
   * there.
   */
  boolean unchanged(String sitePath, byte[] key, Path published) {
    Entry was = entries.get(sitePath);
    if (was == null || !Arrays.equals(was.key, key)) {
      return false;
    }
    return stamp(published).map(was::sameStamp).orElse(false);
  }

  /** The record in {@code site} when it is one of this identity's; else an empty one. */
  static PageStamps read(Path site, String identity) {
    Path file = site.resolve(PATH);
    try {
      if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) || Files.size(file) > MAX_BYTES) {
        return empty(identity);
      }
      byte[] bytes = Files.readAllBytes(file);
      if (bytes.length < Long.BYTES) {
        return empty(identity);
      }
      CRC32 crc = new CRC32();
      crc.update(bytes, 0, bytes.length - Long.BYTES);
      if (crc.getValue() != ByteBuffer.wrap(bytes, bytes.length - Long.BYTES, 8).getLong()) {
        return empty(identity);
      }
      DataInputStream in =
          new DataInputStream(new ByteArrayInputStream(bytes, 0, bytes.length - Long.BYTES));
      if (in.readInt() != MAGIC || in.readInt() != VERSION || !string(in).equals(identity)) {
        return empty(identity);
      }
      Map<String, Entry> out = new HashMap<>();
      for (int n = count(in); n > 0; n--) {
        String path = string(in);
        byte[] key = new byte[count(in)];
        in.readFully(key);
        out.put(path, new Entry(key, in.readLong(), in.readLong(), string(in)));
      }
      return in.read() == -1 ? new PageStamps(identity, out) : empty(identity);
    } catch (IOException | RuntimeException e) {
      return empty(identity);
    }
  }

  /** Writes this record (paths in order) to {@code file}. */
  void write(OutputStream file) throws IOException {
    CRC32 crc = new CRC32();
    BufferedOutputStream buffered = new BufferedOutputStream(file, 1 << 16);
    DataOutputStream out =
        new DataOutputStream(new java.util.zip.CheckedOutputStream(buffered, crc));
    out.writeInt(MAGIC);
    out.writeInt(VERSION);
    string(out, identity);
    Map<String, Entry> sorted = new TreeMap<>(entries);
    out.writeInt(sorted.size());
    for (var e : sorted.entrySet()) {
      string(out, e.getKey());
      out.writeInt(e.getValue().key.length);
      out.write(e.getValue().key);
      out.writeLong(e.getValue().size);
      out.writeLong(e.getValue().modified);
      string(out, e.getValue().fileKey);
    }
    out.flush();
    DataOutputStream tail = new DataOutputStream(buffered);
    tail.writeLong(crc.getValue());
    tail.flush();
  }

  private static int count(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > MAX_LENGTH) {
      throw new IOException("bad count " + n);
    }
    return n;
  }

  private static String string(DataInputStream in) throws IOException {
    byte[] b = new byte[count(in)];
    in.readFully(b);
    return new String(b, StandardCharsets.UTF_8);
  }

  private static void string(DataOutputStream out, String s) throws IOException {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(b.length);
    out.write(b);
  }
}
