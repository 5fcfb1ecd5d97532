package dev.skillsite.site;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import dev.skillsite.cache.BuildCache;
import dev.skillsite.cache.RecordTable;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * The health state's delta ({@link HealthState}: the pages and sections patches changed since the
 * last full build), kept as a folded table ({@value #FOLDED}, every record up to the last fold) and
 * a chain of segments after it ({@code health-delta.N.tab}, one a patch: only the records that
 * patch changed), named in order by the chain file ({@value #CHAIN}: each segment's number, length
 * and CRC32 of its bytes). A lookup asks the segments newest first, then the folded table: later
 * records win. A patch writes one segment and the chain file, so its bytes grow with what it
 * changed, not with what patches since the last full build changed; the chain is folded into the
 * table when its bytes pass {@link #FOLD_RATIO} times the table's (each byte a patch writes is then
 * folded once, and a fold writes at most 1.5 times the segments it takes: amortised, still
 * proportional to the change) or when it has {@link #MAX_SEGMENTS}. A full build writes none of
 * them (it deletes them with the rest of the old site).
 *
 * <p>A chain file that does not read, or a segment it names that is missing, of another length or
 * CRC, or not a table, makes the delta damaged ({@link #damaged}): the patch is refused and the
 * site built whole, never patched from a state it cannot trust. Segments are never changed once
 * published (a fold starts the numbers again; a segment of a later patch is a new file renamed over
 * the old), so a process checks each one's CRC once ({@link #VERIFIED}, by path, length,
 * modification time and file key) and keeps its key list: a resident builder's patch reads no
 * segment whole.
 *
 * <p>{@code -Dskillsite.healthChain=false} restores the old path: every patch folds (reads the
 * whole delta and writes it whole).
 */
final class HealthDelta implements AutoCloseable {
  /** The folded table (the only delta of the old path). */
  static final String FOLDED = BuildCache.FOLDER + "/patch/health-delta.tab";

  /** The chain file: the segments after the folded table, in order. */
  static final String CHAIN = BuildCache.FOLDER + "/patch/health-delta.chain";

  /** A fold once the chain has this many segments (a site holds 64 patches before a full build). */
  static final int MAX_SEGMENTS = 64;

  /**
   * A fold once the chain's bytes pass this many times the folded table's: a fold then writes at
   * most 1 + 1/FOLD_RATIO times the segments it takes, and the chain stays within FOLD_RATIO
   * tables.
   */
  static final int FOLD_RATIO = 2;

  /**
   * A patch whose caller folds in idle time ({@link #foldingLater}: a resident builder) folds only
   * once the chain's bytes would pass this many times the table's (or at {@link #MAX_SEGMENTS}): a
   * hard bound, so the chain stays bounded when saves come faster than idle time.
   */
  static final int HARD_RATIO = 4;

  /** Whether this thread's patch leaves the fold to idle time ({@link #foldingLater}). */
  private static final ThreadLocal<Boolean> LATER = ThreadLocal.withInitial(() -> false);

  /**
   * Whether a resident builder folds the chain in idle time, after a patch is published, rather
   * than in the patch that passes the bound ({@code -Dskillsite.idlefold=false}: in the patch).
   */
  static boolean idleFold() {
    return !"false".equals(System.getProperty("skillsite.idlefold"));
  }

  /** A scope in which this thread's patches fold only past the hard bound. */
  interface Later extends AutoCloseable {
    @Override
    void close();
  }

  /**
   * Until the returned scope closes, this thread's patches fold the chain only past {@link
   * #HARD_RATIO} (when {@link #idleFold} is on): the caller folds in idle time ({@link #idle}).
   */
  static Later foldingLater() {
    boolean was = LATER.get();
    boolean wasResident = RESIDENT.get();
    LATER.set(idleFold());
    RESIDENT.set(true);
    return () -> {
      LATER.set(was);
      RESIDENT.set(wasResident);
    };
  }

  /** Whether this thread's patch runs in a resident builder ({@link #foldingLater}'s scope). */
  private static final ThreadLocal<Boolean> RESIDENT = ThreadLocal.withInitial(() -> false);

  /**
   * Whether this thread's patch runs in a resident builder (within {@link #foldingLater}, whatever
   * {@link #idleFold} says): a next patch in this process may read what it keeps.
   */
  static boolean resident() {
    return RESIDENT.get();
  }

  private static final String KEYS = "keys";
  private static final String HEADER = "skillsite health delta chain 1";
  private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

  /** Whether patches append segments ({@code -Dskillsite.healthChain=false}: every patch folds). */
  static boolean on() {
    return !"false".equals(System.getProperty("skillsite.healthChain"));
  }

  /** The site path of segment {@code n}. */
  static String segment(int n) {
    return BuildCache.FOLDER + "/patch/health-delta." + n + ".tab";
  }

  /** A segment as the chain file names it. */
  record Link(int n, long size, long crc) {}

  /** A chain file: the folded table's length (0: none) and the segments after it. */
  record Chain(long folded, List<Link> links) {
    static final Chain NONE = new Chain(-1, List.of());
  }

  /** A verified segment's identity on disk, and what checking it found. */
  private record Seen(String path, long size, long modified, Object fileKey) {}

  private record Checked(long crc, List<String> keys) {}

  /** Segments this process checked (and their key lists), by identity; bounded. */
  private static final Map<Seen, Checked> VERIFIED =
      Collections.synchronizedMap(
          new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Seen, Checked> e) {
              return size() > 4 * MAX_SEGMENTS;
            }
          });

  /** Counts of one patch's delta: load-free evidence of what it costs. */
  static final class Counts {
    long written;
    long read;
    long crcd;
    int segments;
    boolean folded;

    @Override
    public String toString() {
      return String.format(
          java.util.Locale.ROOT,
          "delta %d KB (%s, chain %d, read %d KB, CRC'd %d KB)",
          written >> 10,
          folded ? "folded" : "appended",
          segments,
          read >> 10,
          crcd >> 10);
    }
  }

  final Counts counts = new Counts();

  private final Optional<RecordTable> folded;
  private final long foldedBytes;
  private final boolean chained;
  private final List<Link> links;
  private final List<RecordTable> segments;
  private final List<List<String>> segmentKeys;
  private final Map<String, Integer> newest = new HashMap<>();

  private HealthDelta(
      Optional<RecordTable> folded,
      long foldedBytes,
      boolean chained,
      List<Link> links,
      List<RecordTable> segments,
      List<List<String>> segmentKeys) {
    this.folded = folded;
    this.foldedBytes = foldedBytes;
    this.chained = chained;
    this.links = links;
    this.segments = segments;
    this.segmentKeys = segmentKeys;
    for (int i = 0; i < segmentKeys.size(); i++) {
      for (String k : segmentKeys.get(i)) {
        newest.put(k, i);
      }
    }
  }

  /** The delta of {@code site} (tables empty when it has none), or why it is damaged. */
  static Opened open(Path site) {
    Optional<Chain> chain;
    try {
      chain = chain(site);
    } catch (IOException e) {
      return new Opened(Optional.empty(), "the health delta's chain does not read: " + e);
    }
    if (chain.isEmpty()) {
      return new Opened(Optional.empty(), "the health delta's chain file is damaged");
    }
    Path f = site.resolve(FOLDED);
    long size;
    try {
      size = Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS) ? Files.size(f) : 0;
    } catch (IOException e) {
      size = -2;
    }
    Optional<RecordTable> folded = size > 0 ? RecordTable.open(f) : Optional.empty();
    if ((size != 0 && folded.isEmpty()) // there, but not a table
        || (chain.get().folded() >= 0 && chain.get().folded() != size)) {
      closeAll(folded.stream().toList());
      return new Opened(
          Optional.empty(), "the health delta's folded table is missing, torn or damaged");
    }
    Counts counts = new Counts();
    List<RecordTable> tables = new ArrayList<>();
    List<List<String>> keys = new ArrayList<>();
    for (Link l : chain.get().links()) {
      Path p = site.resolve(segment(l.n()));
      Optional<List<String>> checked = check(p, l, counts);
      Optional<RecordTable> t = checked.isPresent() ? RecordTable.open(p) : Optional.empty();
      if (t.isEmpty()) {
        closeAll(tables);
        closeAll(folded.stream().toList());
        return new Opened(
            Optional.empty(),
            "the health delta's segment " + l.n() + " is missing, torn or damaged");
      }
      tables.add(t.get());
      keys.add(checked.get());
    }
    HealthDelta d =
        new HealthDelta(
            folded,
            size,
            Files.exists(site.resolve(CHAIN), LinkOption.NOFOLLOW_LINKS),
            chain.get().links(),
            tables,
            keys);
    d.counts.crcd = counts.crcd;
    d.counts.read = counts.read;
    return new Opened(Optional.of(d), "");
  }

  /** An opened delta, or why it is damaged. */
  record Opened(Optional<HealthDelta> delta, String why) {}

  /** Why the delta of {@code site} cannot be trusted, if it cannot. */
  static Optional<String> damaged(Path site) {
    Opened o = open(site);
    if (o.delta().isEmpty()) {
      return Optional.of(o.why());
    }
    try {
      o.delta().get().close();
    } catch (IOException e) {
      return Optional.of("the health delta does not close: " + e);
    }
    return Optional.empty();
  }

  /**
   * The chain file of {@code site} ({@link Chain#NONE} without one: the old path's delta, a table
   * alone); empty when it is damaged.
   */
  private static Optional<Chain> chain(Path site) throws IOException {
    Path p = site.resolve(CHAIN);
    if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
      return Optional.of(Chain.NONE);
    }
    if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
      return Optional.empty();
    }
    return parse(Files.readAllBytes(p));
  }

  /**
   * A chain file's text: the header, "folded LENGTH", a line "N LENGTH CRC" a segment, "end CRC"
   * (of the text before it). Empty when it is not one.
   */
  static Optional<Chain> parse(byte[] bytes) {
    String text = new String(bytes, StandardCharsets.UTF_8);
    String[] lines = text.split("\n", -1);
    if (lines.length < 4
        || !lines[0].equals(HEADER)
        || !lines[1].startsWith("folded ")
        || !lines[lines.length - 1].isEmpty()) {
      return Optional.empty();
    }
    String end = lines[lines.length - 2];
    int body = text.lastIndexOf(end);
    CRC32 crc = new CRC32();
    crc.update(text.substring(0, body).getBytes(StandardCharsets.UTF_8));
    if (!end.equals("end " + Long.toHexString(crc.getValue()))) {
      return Optional.empty();
    }
    List<Link> links = new ArrayList<>();
    long folded;
    try {
      folded = Long.parseLong(lines[1].substring("folded ".length()));
      for (int i = 2; i < lines.length - 2; i++) {
        String[] f = lines[i].split(" ");
        if (f.length != 3) {
          return Optional.empty();
        }
        links.add(new Link(Integer.parseInt(f[0]), Long.parseLong(f[1]), Long.parseLong(f[2], 16)));
      }
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    return Optional.of(new Chain(folded, List.copyOf(links)));
  }

  static byte[] format(Chain chain) {
    StringBuilder b = new StringBuilder(HEADER).append('\n');
    b.append("folded ").append(chain.folded()).append('\n');
    for (Link l : chain.links()) {
      b.append(l.n())
          .append(' ')
          .append(l.size())
          .append(' ')
          .append(Long.toHexString(l.crc()))
          .append('\n');
    }
    CRC32 crc = new CRC32();
    crc.update(b.toString().getBytes(StandardCharsets.UTF_8));
    b.append("end ").append(Long.toHexString(crc.getValue())).append('\n');
    return b.toString().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The key list of the segment at {@code p} when it is the one {@code l} names (its length and
   * CRC), checked once a process; empty when it is not.
   */
  private static Optional<List<String>> check(Path p, Link l, Counts counts) {
    try {
      BasicFileAttributes a =
          Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      if (!a.isRegularFile() || a.size() != l.size()) {
        return Optional.empty();
      }
      Seen seen =
          new Seen(
              p.toAbsolutePath().toString(),
              a.size(),
              a.lastModifiedTime().toMillis(),
              a.fileKey());
      Checked c = a.fileKey() == null ? null : VERIFIED.get(seen);
      if (c == null || c.crc() != l.crc()) { // unchecked, or written again in place since
        long crc = crc(p);
        counts.crcd += a.size();
        if (crc != l.crc()) {
          return Optional.empty();
        }
        Optional<RecordTable> t = RecordTable.open(p);
        if (t.isEmpty()) {
          return Optional.empty();
        }
        try (RecordTable table = t.get()) {
          Optional<byte[]> k = table.get(KEYS);
          if (k.isEmpty()) {
            return Optional.empty();
          }
          c = new Checked(crc, keys(k.get()));
        }
        VERIFIED.put(seen, c);
      }
      return Optional.of(c.keys());
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static long crc(Path p) throws IOException {
    CRC32 crc = new CRC32();
    byte[] buf = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(p)) {
      for (int n; (n = in.read(buf)) > 0; ) {
        crc.update(buf, 0, n);
      }
    }
    return crc.getValue();
  }

  private static long crc(byte[] b) {
    CRC32 crc = new CRC32();
    crc.update(b);
    return crc.getValue();
  }

  private static List<String> keys(byte[] b) {
    return List.of(GSON.fromJson(new String(b, StandardCharsets.UTF_8), String[].class));
  }

  /** The record of {@code key} a patch wrote last; empty when none did. */
  Optional<byte[]> get(String key) {
    Integer at = newest.get(key);
    if (at != null) {
      return segments.get(at).get(key);
    }
    return folded.flatMap(t -> t.get(key));
  }

  /** Every record of the delta, later ones winning (read whole: a fold). */
  Map<String, byte[]> all() {
    Map<String, byte[]> records = new HashMap<>();
    if (folded.isPresent()) {
      for (String k : folded.get().get(KEYS).map(HealthDelta::keys).orElse(List.of())) {
        folded.get().get(k).ifPresent(b -> put(records, k, b));
      }
    }
    for (int i = 0; i < segments.size(); i++) {
      for (String k : segmentKeys.get(i)) {
        segments.get(i).get(k).ifPresent(b -> put(records, k, b));
      }
    }
    records.remove(KEYS);
    return records;
  }

  private void put(Map<String, byte[]> records, String k, byte[] b) {
    records.put(k, b);
    counts.read += b.length;
  }

  /**
   * The site files a patch that changed {@code changed} writes (site path → bytes): a segment and
   * the chain file, or the folded table (with an empty chain file when the site has one).
   */
  Map<String, byte[]> write(Map<String, byte[]> changed) throws IOException {
    Map<String, byte[]> files = new LinkedHashMap<>();
    // a fold takes this patch's records: its segment is made only when it is written
    byte[] segment = foldStream() ? null : table(changed);
    long segmentLength = segment == null ? tableLength(changed) : segment.length;
    long chainBytes = links.stream().mapToLong(Link::size).sum();
    long ratio = LATER.get() ? HARD_RATIO : FOLD_RATIO;
    if (!on() || links.size() >= MAX_SEGMENTS || chainBytes + segmentLength > ratio * foldedBytes) {
      byte[] table = folded(changed);
      files.put(FOLDED, table);
      if (chained || on()) {
        files.put(CHAIN, format(new Chain(table.length, List.of())));
      }
      counts.folded = true;
      counts.segments = 0;
    } else {
      if (segment == null) {
        segment = table(changed);
      }
      int n = links.isEmpty() ? 1 : links.get(links.size() - 1).n() + 1;
      List<Link> now = new ArrayList<>(links);
      now.add(new Link(n, segment.length, crc(segment)));
      files.put(segment(n), segment);
      files.put(CHAIN, format(new Chain(foldedBytes, now)));
      counts.segments = now.size();
    }
    counts.written = files.values().stream().mapToLong(b -> b.length).sum();
    return files;
  }

  /**
   * Whether the chain is due a fold in idle time: the next patch would fold it inline ({@link
   * #write}'s bound, its segment taken as large as the last one), or it holds half {@link
   * #MAX_SEGMENTS}.
   */
  boolean due() {
    if (links.isEmpty() || !on()) {
      return false;
    }
    long chainBytes = links.stream().mapToLong(Link::size).sum();
    return links.size() >= MAX_SEGMENTS / 2
        || chainBytes + last(links).size() > FOLD_RATIO * foldedBytes;
  }

  /** Thrown by {@link #idle} when it is cancelled: nothing was staged. */
  static final class Cancelled extends Exception {
    private static final long serialVersionUID = 1L;

    Cancelled() {
      super("the idle fold was cancelled", null, false, false);
    }
  }

  /**
   * The fold of a resident builder's idle time: the files that replace the chain of {@code site}
   * when it is {@link #due} (the folded table of every record, later ones winning, and a chain file
   * naming no segment: what {@link #write} folds, without a patch's records), empty when it is not
   * due or the delta is damaged (the next patch refuses then). {@code cancelled} is asked between
   * records read; once it answers true nothing is returned ({@link Cancelled}). Published as a
   * patch's files are (one journal): a crash leaves the chain or the folded table, both valid.
   */
  static Optional<Map<String, byte[]>> idle(Path site, java.util.function.BooleanSupplier cancelled)
      throws IOException, Cancelled {
    Opened o = open(site);
    if (o.delta().isEmpty()) {
      return Optional.empty();
    }
    try (HealthDelta d = o.delta().get()) {
      if (!d.due()) {
        return Optional.empty();
      }
      Map<String, byte[]> records = d.all(cancelled);
      byte[] table = table(records);
      if (cancelled.getAsBoolean()) {
        throw new Cancelled();
      }
      Map<String, byte[]> files = new LinkedHashMap<>();
      files.put(FOLDED, table);
      files.put(CHAIN, format(new Chain(table.length, List.of())));
      return Optional.of(files);
    }
  }

  /** {@link #all}, asking {@code cancelled} every 256 records. */
  private Map<String, byte[]> all(java.util.function.BooleanSupplier cancelled) throws Cancelled {
    Map<String, byte[]> records = new HashMap<>();
    int n = 0;
    List<List<String>> keyLists = new ArrayList<>();
    List<RecordTable> tables = new ArrayList<>();
    if (folded.isPresent()) {
      keyLists.add(folded.get().get(KEYS).map(HealthDelta::keys).orElse(List.of()));
      tables.add(folded.get());
    }
    keyLists.addAll(segmentKeys);
    tables.addAll(segments);
    for (int i = 0; i < tables.size(); i++) {
      RecordTable t = tables.get(i);
      for (String k : keyLists.get(i)) {
        if ((++n & 255) == 0 && cancelled.getAsBoolean()) {
          throw new Cancelled();
        }
        t.get(k).ifPresent(b -> put(records, k, b));
      }
    }
    records.remove(KEYS);
    return records;
  }

  /**
   * Whether a fold writes the table reading one record at a time ({@link RecordTable#bytes}: only
   * where each key's newest record is, and the table, are held) and a table is made at its size
   * ({@code -Dskillsite.foldStream=false}: every record read into a map first, the table grown in a
   * buffer and copied).
   */
  static boolean foldStream() {
    return !"false".equals(System.getProperty("skillsite.foldStream"));
  }

  /**
   * Where a key's newest record is: {@code changed}, or the folded table ({@link #all}'s order).
   */
  private static final int CHANGED = -2;

  private static final int TABLE = -1;

  /** A record that is not where the chain's key lists put it (a damaged one): fold as before. */
  private static final class Moved extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Moved() {
      super("a record is not where its key list says", null, false, false);
    }
  }

  /**
   * The folded table of every record of the delta and {@code changed} (later ones winning): {@code
   * table(all() + changed)}, made one record at a time when {@link #foldStream}.
   */
  private byte[] folded(Map<String, byte[]> changed) throws IOException {
    if (foldStream()) {
      Map<String, Integer> at = new HashMap<>();
      if (folded.isPresent()) {
        for (String k : folded.get().get(KEYS).map(HealthDelta::keys).orElse(List.of())) {
          at.put(k, TABLE);
        }
      }
      for (int i = 0; i < segments.size(); i++) {
        for (String k : segmentKeys.get(i)) {
          at.put(k, i);
        }
      }
      for (String k : changed.keySet()) {
        at.put(k, CHANGED);
      }
      at.remove(KEYS);
      byte[] keys =
          GSON.toJson(at.keySet().stream().sorted().toList()).getBytes(StandardCharsets.UTF_8);
      List<String> all = new ArrayList<>(at.keySet());
      all.add(KEYS);
      try {
        return RecordTable.bytes(
            all,
            k -> {
              Integer from = at.get(k);
              if (from == null) {
                return keys.length;
              }
              if (from == CHANGED) {
                return changed.get(k).length;
              }
              RecordTable t = from == TABLE ? folded.get() : segments.get(from);
              return t.length(k).orElseThrow(Moved::new);
            },
            k -> {
              Integer from = at.get(k);
              if (from == null) {
                return keys;
              }
              if (from == CHANGED) {
                return changed.get(k);
              }
              RecordTable t = from == TABLE ? folded.get() : segments.get(from);
              byte[] b = t.get(k).orElseThrow(Moved::new);
              counts.read += b.length;
              return b;
            });
      } catch (Moved | IllegalStateException e) {
        counts.read = 0; // a record missing or damaged: as the old path drops it
      }
    }
    Map<String, byte[]> records = all();
    records.putAll(changed);
    return table(records);
  }

  /** The length of {@link #table}{@code (records)}, without making it. */
  static long tableLength(Map<String, byte[]> records) {
    Map<String, byte[]> all = new HashMap<>(records);
    all.remove(KEYS);
    int keys =
        GSON.toJson(all.keySet().stream().sorted().toList())
            .getBytes(StandardCharsets.UTF_8)
            .length;
    all.put(KEYS, null);
    return RecordTable.size(all.keySet(), k -> k.equals(KEYS) ? keys : all.get(k).length);
  }

  /** {@code records} as a table with their sorted key list. */
  static byte[] table(Map<String, byte[]> records) throws IOException {
    if (foldStream()) {
      Map<String, byte[]> all = new HashMap<>(records);
      all.remove(KEYS);
      byte[] keys =
          GSON.toJson(all.keySet().stream().sorted().toList()).getBytes(StandardCharsets.UTF_8);
      all.put(KEYS, keys);
      return RecordTable.bytes(all.keySet(), k -> all.get(k).length, all::get);
    }
    Map<String, byte[]> all = new HashMap<>(records);
    all.remove(KEYS);
    all.put(
        KEYS,
        GSON.toJson(all.keySet().stream().sorted().toList()).getBytes(StandardCharsets.UTF_8));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    RecordTable.write(out, all);
    return out.toByteArray();
  }

  /**
   * Puts {@code changed} into the delta a patch is staging in {@code staging} for {@code site}:
   * into the segment the patch staged (the last the staged chain names, when it is in the staging
   * folder), or the folded table it staged, else as the delta of the site would take a patch's
   * records ({@link #write}). Returns the site paths it staged.
   */
  static List<String> stage(Path staging, Path site, Map<String, byte[]> changed)
      throws IOException {
    Map<String, byte[]> files = new LinkedHashMap<>();
    Optional<Chain> stagedChain =
        Files.isRegularFile(staging.resolve(CHAIN))
            ? parse(Files.readAllBytes(staging.resolve(CHAIN)))
            : Optional.empty();
    Path stagedFolded = staging.resolve(FOLDED);
    if (stagedChain.isPresent()
        && !stagedChain.get().links().isEmpty()
        && Files.isRegularFile(staging.resolve(segment(last(stagedChain.get().links()).n())))) {
      // this patch's segment: its records and these
      List<Link> links = new ArrayList<>(stagedChain.get().links());
      Link l = links.remove(links.size() - 1);
      byte[] segment = table(with(staging.resolve(segment(l.n())), changed));
      links.add(new Link(l.n(), segment.length, crc(segment)));
      files.put(segment(l.n()), segment);
      files.put(CHAIN, format(new Chain(stagedChain.get().folded(), links)));
    } else if (stagedChain.isPresent() && on()) {
      // the patch folded: a segment after the staged table
      List<Link> links = new ArrayList<>(stagedChain.get().links());
      int n = links.isEmpty() ? 1 : last(links).n() + 1;
      byte[] segment = table(changed);
      links.add(new Link(n, segment.length, crc(segment)));
      files.put(segment(n), segment);
      files.put(CHAIN, format(new Chain(stagedChain.get().folded(), links)));
    } else if (Files.isRegularFile(stagedFolded)) {
      byte[] table = table(with(stagedFolded, changed));
      files.put(FOLDED, table);
      if (stagedChain.isPresent()) {
        files.put(CHAIN, format(new Chain(table.length, List.of())));
      }
    } else {
      Opened o = open(site);
      if (o.delta().isEmpty()) {
        throw new IOException(o.why()); // the patch checked it first (PatchBuild)
      }
      try (HealthDelta d = o.delta().get()) {
        files.putAll(d.write(changed));
      }
    }
    for (var e : files.entrySet()) {
      Path at = staging.resolve(e.getKey());
      Files.createDirectories(at.getParent());
      Files.write(at, e.getValue());
    }
    return List.copyOf(files.keySet());
  }

  private static Link last(List<Link> links) {
    return links.get(links.size() - 1);
  }

  /** The records of the table at {@code p} (none when it does not open) and {@code changed}. */
  private static Map<String, byte[]> with(Path p, Map<String, byte[]> changed) throws IOException {
    Map<String, byte[]> records = new HashMap<>();
    Optional<RecordTable> t = RecordTable.open(p);
    if (t.isPresent()) {
      try (RecordTable table = t.get()) {
        for (String k : table.get(KEYS).map(HealthDelta::keys).orElse(List.of())) {
          table.get(k).ifPresent(b -> records.put(k, b));
        }
      }
    }
    records.putAll(changed);
    return records;
  }

  private static void closeAll(List<RecordTable> tables) {
    for (RecordTable t : tables) {
      try {
        t.close();
      } catch (IOException ignored) {
        // nothing was read
      }
    }
  }

  @Override
  public void close() throws IOException {
    closeAll(segments);
    if (folded.isPresent()) {
      folded.get().close();
    }
  }
}
