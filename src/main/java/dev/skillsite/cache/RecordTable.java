package dev.skillsite.cache;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * A file of records by key, opened and never read whole: a lookup maps the file and binary-searches
 * its offset table, reading about log2(n) keys and one record, so its cost does not grow with the
 * number of records the way reading the file would (100,000 records: 17 key reads). Each record
 * carries its CRC, checked when it is read; a damaged or foreign file answers nothing.
 *
 * <p>Closing unmaps the file at once ({@link Unmapper}, as Lucene's {@code MMapDirectory}): a
 * closed table holds nothing of it, so its file system can be unmounted and a deleted file's space
 * is freed. A lookup after {@link #close} throws {@link IllegalStateException}; closing while
 * another thread looks up is the caller's error (the tables are opened and closed by one patch).
 * Positional reads instead of a mapping were measured about four times slower for thousands of
 * lookups (docs/notes/issue-27.md, session 7, hygiene).
 *
 * <p>Layout: records ({@code int} key length, key UTF-8, {@code int} value length, value, {@code
 * long} CRC32 of key and value), then one {@code long} offset per record in key order, then the
 * footer: {@code long} offset of the table, {@code int} count, {@code int} magic.
 */
public final class RecordTable implements AutoCloseable {
  private static final int MAGIC = 0x736b7274; // "skrt"
  private static final int FOOTER = Long.BYTES + Integer.BYTES + Integer.BYTES;

  /**
   * Keys compared where they lie ({@code -Dskillsite.keysInPlace=false}: each probe copies its
   * key).
   */
  static final boolean KEYS_IN_PLACE = !"false".equals(System.getProperty("skillsite.keysInPlace"));

  private final FileChannel channel;
  private final MappedByteBuffer map;
  private final long table;
  private final int count;
  private volatile boolean closed;

  private RecordTable(FileChannel channel, MappedByteBuffer map, long table, int count) {
    this.channel = channel;
    this.map = map;
    this.table = table;
    this.count = count;
  }

  /** Writes {@code records} to {@code file}, in the order of their keys' UTF-8 bytes. */
  public static void write(Path file, Map<String, byte[]> records) throws IOException {
    write(file, records.keySet(), k -> records.get(k).length, records::get);
  }

  /** Writes {@code records} to {@code file} (left open), in the order of their keys' bytes. */
  public static void write(OutputStream file, Map<String, byte[]> records) throws IOException {
    write(file, records.keySet(), k -> records.get(k).length, records::get);
  }

  /**
   * The bytes {@link #write(OutputStream, Map)} writes of the records named by {@code keys}, made
   * into one array of the table's size: {@code length} gives each value's length first, then {@code
   * value} is asked for each once, in the keys' byte order, and not held after it is copied (a
   * table folded from others holds one record at a time, not every record and the table's copies).
   *
   * @throws IllegalStateException when a value is not of the length given for it
   */
  public static byte[] bytes(
      Collection<String> keys,
      java.util.function.ToIntFunction<String> length,
      java.util.function.Function<String, byte[]> value) {
    List<byte[]> sorted = new ArrayList<>(keys.size());
    for (String k : keys) {
      sorted.add(k.getBytes(StandardCharsets.UTF_8));
    }
    sorted.sort(Arrays::compareUnsigned);
    int[] lengths = new int[sorted.size()];
    long size = FOOTER + (long) sorted.size() * Long.BYTES;
    for (int i = 0; i < lengths.length; i++) {
      lengths[i] = length.applyAsInt(new String(sorted.get(i), StandardCharsets.UTF_8));
      size += Integer.BYTES * 2L + sorted.get(i).length + lengths[i] + Long.BYTES;
    }
    if (size > Integer.MAX_VALUE - 16) {
      throw new IllegalStateException("a record table of " + size + " bytes");
    }
    ByteBuffer out = ByteBuffer.allocate((int) size); // big-endian, as DataOutputStream writes
    long[] offsets = new long[lengths.length];
    for (int i = 0; i < lengths.length; i++) {
      byte[] key = sorted.get(i);
      byte[] v = value.apply(new String(key, StandardCharsets.UTF_8));
      if (v.length != lengths[i]) {
        throw new IllegalStateException("a value of another length than given");
      }
      offsets[i] = out.position();
      out.putInt(key.length).put(key).putInt(v.length).put(v).putLong(crc(key, v));
    }
    long at = out.position();
    for (long o : offsets) {
      out.putLong(o);
    }
    out.putLong(at).putInt(offsets.length).putInt(MAGIC);
    return out.array();
  }

  /**
   * Writes to {@code file} what {@link #bytes} makes of the records named by {@code keys}, asking
   * {@code value} for each once, in the keys' byte order, and holding none after it is written: a
   * table of any size (up to 2 GB, the largest {@link #open} maps) is written in a few kilobytes of
   * buffer.
   *
   * @throws IllegalStateException when a value is not of the length given for it (the file is then
   *     partly written: write it in a staging folder)
   */
  public static void write(
      Path file,
      Collection<String> keys,
      java.util.function.ToIntFunction<String> length,
      java.util.function.Function<String, byte[]> value)
      throws IOException {
    Files.createDirectories(file.getParent());
    try (OutputStream os =
        Files.newOutputStream(
            file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING)) {
      write(os, keys, length, value);
    }
  }

  /**
   * As {@link #write(Path, Collection, java.util.function.ToIntFunction,
   * java.util.function.Function)}, to {@code file} (left open).
   */
  private static void write(
      OutputStream file,
      Collection<String> keys,
      java.util.function.ToIntFunction<String> length,
      java.util.function.Function<String, byte[]> value)
      throws IOException {
    List<byte[]> sorted = new ArrayList<>(keys.size());
    for (String k : keys) {
      sorted.add(k.getBytes(StandardCharsets.UTF_8));
    }
    sorted.sort(Arrays::compareUnsigned);
    long[] offsets = new long[sorted.size()];
    DataOutputStream out = new DataOutputStream(new BufferedOutputStream(file, 1 << 16));
    long at = 0;
    for (int i = 0; i < offsets.length; i++) {
      byte[] key = sorted.get(i);
      String k = new String(key, StandardCharsets.UTF_8);
      int n = length.applyAsInt(k);
      byte[] v = value.apply(k);
      if (v.length != n) {
        throw new IllegalStateException("a value of another length than given");
      }
      offsets[i] = at;
      out.writeInt(key.length);
      out.write(key);
      out.writeInt(v.length);
      out.write(v);
      out.writeLong(crc(key, v));
      at += Integer.BYTES * 2L + key.length + v.length + Long.BYTES;
    }
    for (long o : offsets) {
      out.writeLong(o);
    }
    out.writeLong(at);
    out.writeInt(offsets.length);
    out.writeInt(MAGIC);
    out.flush();
  }

  /**
   * Every key of the table, in its order (their UTF-8 bytes'), read in place without their values.
   *
   * @throws IllegalStateException when the table is closed, or damaged (an offset out of range)
   */
  public List<String> keys() {
    if (closed) {
      throw new IllegalStateException("the record table is closed");
    }
    try {
      List<String> keys = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        int at = (int) map.getLong((int) (table + (long) i * Long.BYTES));
        byte[] k = new byte[map.getInt(at)];
        map.get(at + Integer.BYTES, k);
        keys.add(new String(k, StandardCharsets.UTF_8));
      }
      return keys;
    } catch (RuntimeException e) {
      throw new IllegalStateException("a damaged record table", e);
    }
  }

  /**
   * The length of the value of {@code key}, read in place (its record's CRC is not checked: {@link
   * #get} checks it); empty when there is none.
   */
  public java.util.OptionalInt length(String key) {
    if (closed) {
      throw new IllegalStateException("the record table is closed");
    }
    try {
      int at = find(key);
      return at < 0
          ? java.util.OptionalInt.empty()
          : java.util.OptionalInt.of(map.getInt(at + Integer.BYTES + map.getInt(at)));
    } catch (RuntimeException e) {
      return java.util.OptionalInt.empty(); // a damaged table: offsets out of range
    }
  }

  /**
   * The length in bytes of the table of the records named by {@code keys}, whose values are of the
   * lengths {@code length} gives: what {@link #bytes} makes of them, without making it.
   */
  public static long size(
      Collection<String> keys, java.util.function.ToIntFunction<String> length) {
    long size = FOOTER + (long) keys.size() * Long.BYTES;
    for (String k : keys) {
      size +=
          Integer.BYTES * 2L
              + k.getBytes(StandardCharsets.UTF_8).length
              + length.applyAsInt(k)
              + Long.BYTES;
    }
    return size;
  }

  /** The table in {@code file}; empty when there is none or it is not one. */
  public static Optional<RecordTable> open(Path file) {
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      return Optional.empty();
    }
    FileChannel ch = null;
    MappedByteBuffer map = null;
    try {
      ch = FileChannel.open(file, StandardOpenOption.READ);
      long size = ch.size();
      if (size < FOOTER || size > Integer.MAX_VALUE) {
        ch.close();
        return Optional.empty();
      }
      map = ch.map(FileChannel.MapMode.READ_ONLY, 0, size);
      long table = map.getLong((int) size - FOOTER);
      int count = map.getInt((int) size - FOOTER + Long.BYTES);
      int magic = map.getInt((int) size - Integer.BYTES);
      if (magic != MAGIC
          || count < 0
          || table < 0
          || table + (long) count * Long.BYTES != size - FOOTER) {
        ch.close();
        Unmapper.unmap(map);
        return Optional.empty();
      }
      return Optional.of(new RecordTable(ch, map, table, count));
    } catch (IOException | RuntimeException e) {
      if (map != null) {
        Unmapper.unmap(map);
      }
      if (ch != null) {
        try {
          ch.close();
        } catch (IOException ignored) {
          // nothing was read
        }
      }
      return Optional.empty();
    }
  }

  /** How many records there are. */
  public int size() {
    return count;
  }

  /** The value of {@code key}; empty when there is none, or its record is damaged. */
  public Optional<byte[]> get(String key) {
    if (closed) {
      throw new IllegalStateException("the record table is closed");
    }
    try {
      int at = find(key);
      if (at < 0) {
        return Optional.empty();
      }
      byte[] k = new byte[map.getInt(at)];
      map.get(at + Integer.BYTES, k);
      int valueAt = at + Integer.BYTES + k.length;
      byte[] v = new byte[map.getInt(valueAt)];
      map.get(valueAt + Integer.BYTES, v);
      long crc = map.getLong(valueAt + Integer.BYTES + v.length);
      return crc == crc(k, v) ? Optional.of(v) : Optional.empty();
    } catch (RuntimeException e) {
      return Optional.empty(); // a damaged table: offsets out of range
    }
  }

  /**
   * How many keys of the table sort before {@code key} (their UTF-8 bytes' order), by binary
   * search: a key's place among its table's keys whether it is one of them or not.
   *
   * @throws IllegalStateException when the table is closed, or damaged (an offset out of range)
   */
  public int rank(String key) {
    if (closed) {
      throw new IllegalStateException("the record table is closed");
    }
    try {
      byte[] want = key.getBytes(StandardCharsets.UTF_8);
      int lo = 0;
      int hi = count;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        int at = (int) map.getLong((int) (table + (long) mid * Long.BYTES));
        if (compareKey(at + Integer.BYTES, map.getInt(at), want) < 0) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      return lo;
    } catch (RuntimeException e) {
      throw new IllegalStateException("a damaged record table", e);
    }
  }

  /**
   * Where the record of {@code key} starts (its key's length), by binary search of the sorted
   * offsets; -1 when there is none. A damaged table may throw (offsets out of range); the caller
   * checks that the table is open.
   */
  private int find(String key) {
    byte[] want = key.getBytes(StandardCharsets.UTF_8);
    int lo = 0;
    int hi = count - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      int at = (int) map.getLong((int) (table + (long) mid * Long.BYTES));
      int keyLength = map.getInt(at);
      int c;
      if (KEYS_IN_PLACE) {
        c = compareKey(at + Integer.BYTES, keyLength, want);
      } else {
        byte[] k = new byte[keyLength];
        map.get(at + Integer.BYTES, k);
        c = Arrays.compareUnsigned(k, want);
      }
      if (c == 0) {
        return at;
      } else if (c < 0) {
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return -1;
  }

  /**
   * The key of {@code length} bytes at {@code at} compared with {@code want} as {@link
   * Arrays#compareUnsigned(byte[], byte[])} compares them, read in place: a lookup's ~log2(n)
   * probes copy no key (only the one found is copied, for its CRC).
   */
  private int compareKey(int at, int length, byte[] want) {
    int n = Math.min(length, want.length);
    for (int i = 0; i < n; i++) {
      int c = Integer.compare(map.get(at + i) & 0xFF, want[i] & 0xFF);
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(length, want.length);
  }

  private static long crc(byte[] key, byte[] value) {
    CRC32 crc = new CRC32();
    crc.update(ByteBuffer.allocate(Integer.BYTES).putInt(key.length).array());
    crc.update(key);
    crc.update(value);
    return crc.getValue();
  }

  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try {
      channel.close();
    } finally {
      Unmapper.unmap(map);
    }
  }
}
