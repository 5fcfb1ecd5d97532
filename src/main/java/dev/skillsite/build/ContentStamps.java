package dev.skillsite.build;

import dev.skillsite.cache.BuildCache;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * Which content files changed since the last build, without being told ({@code build} with the
 * cache and no {@code --changed}): every cached build records a stamp of each file and folder of
 * the content tree ({@code .skillsite-cache/patch/stamps.tab}: size, modification time, file key),
 * taken before it reads the content; the next build compares them with the tree as it is now.
 *
 * <p>The comparison stats every recorded entry but lists a folder only when its own modification
 * time moved (an entry added, removed or renamed in it — editors that save by renaming a new file
 * over the old one do): a folder whose time is the same holds the same names, so only its entries'
 * stamps are compared (Git's untracked cache does the same). A file is changed when its kind, size,
 * modification time or file key (device and inode: a file replaced by a copy keeping the time)
 * differ. <b>Racy stamps</b> (Git's rule, as {@code site.SkillArchives} applies it): an entry
 * modified within {@link #RACY_NANOS} of the walk that stamped it could be edited again in the same
 * clock tick keeping its size, unseen; such a file's stamp carries a SHA-256 of its content,
 * compared too, and such a folder is listed again. Not seen: an edit in place that keeps the size
 * and sets the modification time back ({@code touch -r}), as {@code make} does not.
 *
 * <p>Followed: no link (a link is an entry of its own, stamped as a link). Skipped: {@code .git}
 * folders. Everything else under the content folder counts, hidden files too: what a changed path
 * means (a skill's file, a new skill, settings) is {@link PatchBuild}'s to decide. The file is read
 * once from start to end in the same order as the walk (folders' entries sorted by name), and the
 * stamps of the tree as it is now are written as it goes, so a patched build can record them.
 */
public final class ContentStamps {
  /** Where a build keeps the stamps, relative to the site. */
  public static final String PATH = BuildCache.FOLDER + "/patch/stamps.tab";

  /** More changed files than this: the comparison stops (no patch takes that many). */
  static final int MAX_CHANGED = 1_000;

  static final long RACY_NANOS = TimeUnit.SECONDS.toNanos(2);

  private static final String MAGIC = "skillsite content stamps 1";
  static final byte FILE = 0;
  private static final byte DIR = 1;
  private static final byte OTHER = 2;
  private static final byte KIND = 0x0f;
  private static final byte RACY = 0x10;

  private final byte[] encoded;
  private final int entries;

  private ContentStamps(byte[] encoded, int entries) {
    this.encoded = encoded;
    this.entries = entries;
  }

  /** How many files and folders are stamped. */
  public int entries() {
    return entries;
  }

  /** The stamps of the tree under {@code content} now (a build takes them before reading it). */
  public static ContentStamps take(Path content) throws IOException {
    Path root = content.toRealPath();
    Walk walk = new Walk(root, false, PatchedStamps.none());
    walk.header();
    walk.fresh(root, "", stat(root).orElseThrow(() -> new NoSuchFileException(root.toString())));
    return walk.result();
  }

  /**
   * Which of {@code rels} (paths under {@code content}, {@code /}-separated) the last build's
   * stamps in {@code site}, or the patched stamps since, record. A path neither records was not in
   * the tree the last whole build read (a write-and-rename's temp file, gone before a watcher's
   * patch reads it), and a plain build's {@link #compare} reports no change for it; a patch whose
   * stamps could not be recorded (the record full or not written) may still have read it, which
   * {@code PatchBuild} checks apart. Empty when the stamps cannot tell (none, damaged, of another
   * content folder). One pass over the stamps, read to their end at worst (asked only for a path
   * that is gone).
   */
  static Optional<Set<String>> recorded(Path site, Path content, Collection<String> rels) {
    Path file = site.resolve(PATH);
    Optional<Stat> identity = stat(file);
    if (identity.isEmpty() || identity.get().kind() != FILE) {
      return Optional.empty();
    }
    Set<String> found = new TreeSet<>();
    PatchedStamps patched = PatchedStamps.read(site, identity.get());
    for (String rel : rels) {
      if (patched.records(rel)) {
        found.add(rel);
      }
    }
    try (DataInputStream in =
        new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
      if (!in.readUTF().equals(MAGIC) || !in.readUTF().equals(content.toRealPath().toString())) {
        return Optional.empty();
      }
      Entry root = Entry.read(in);
      if (root.kind() != DIR) {
        return Optional.empty();
      }
      Set<String> asked = new HashSet<>(rels);
      find(in, root, "", asked, found);
      return Optional.of(found);
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /**
   * Reads folder {@code dir}'s entries (at {@code prefix}), adding those asked to {@code found}.
   */
  private static void find(
      DataInputStream in, Entry dir, String prefix, Set<String> asked, Set<String> found)
      throws IOException {
    for (int i = 0; i < dir.count(); i++) {
      Entry e = Entry.read(in);
      String rel = prefix + e.name();
      if (asked.contains(rel)) {
        found.add(rel);
      }
      if (e.kind() == DIR) {
        find(in, e, rel + "/", asked, found);
      }
    }
  }

  /**
   * Writes the stamps into {@code site} (a staging folder, or the published site) at {@link #PATH}.
   */
  public void write(Path site) throws IOException {
    Path file = site.resolve(PATH);
    Files.createDirectories(file.getParent());
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.write(tmp, encoded);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /**
   * The files under {@code content} that changed since {@code site}'s stamps were taken (added,
   * deleted and edited; absolute paths), or why they cannot be told; with the stamps of now.
   */
  public static Comparison compare(Path site, Path content) throws IOException {
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    long wall = System.nanoTime();
    long used = cpu.getCurrentThreadCpuTime();
    Path root = content.toRealPath();
    Path file = site.resolve(PATH);
    String why = "";
    Optional<List<Path>> changed = Optional.empty();
    Optional<ContentStamps> now = Optional.empty();
    int entries = 0;
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      why = "no content stamps from the last build";
    } else {
      try (DataInputStream in =
          new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
        if (!in.readUTF().equals(MAGIC) || !in.readUTF().equals(root.toString())) {
          why = "the last build's content stamps are of another content folder or version";
        } else {
          Walk walk =
              new Walk(
                  root,
                  true,
                  stat(file).map(id -> PatchedStamps.read(site, id)).orElse(PatchedStamps.none()));
          walk.header();
          Optional<Stat> s = stat(root);
          Entry r = Entry.read(in);
          if (s.isEmpty() || r.kind() != DIR || s.get().kind() != DIR) {
            why = "the content folder is not the folder the last build stamped";
          } else {
            walk.dir(in, r, root, "", s.get());
            if (in.read() != -1) {
              why = "the last build's content stamps are damaged (trailing bytes)";
            } else {
              ContentStamps stamps = walk.result();
              changed = Optional.of(List.copyOf(walk.changed));
              now = Optional.of(stamps);
              entries = stamps.entries;
            }
          }
        }
      } catch (TooMany e) {
        why = "more than " + MAX_CHANGED + " content files changed";
      } catch (EOFException | java.io.UTFDataFormatException e) {
        why = "the last build's content stamps are damaged (" + e.getClass().getSimpleName() + ")";
      } catch (IOException e) {
        why = "the last build's content stamps cannot be read (" + e.getMessage() + ")";
      }
    }
    return new Comparison(
        changed, why, now, entries, System.nanoTime() - wall, cpu.getCurrentThreadCpuTime() - used);
  }

  /**
   * What a comparison found: the changed files (absolute) or, when empty, {@code why} not; the
   * stamps of the tree as it is now, its size, the walk's wall and CPU time.
   */
  public record Comparison(
      Optional<List<Path>> changed,
      String why,
      Optional<ContentStamps> now,
      int entries,
      long wallNanos,
      long cpuNanos) {
    /** One line for {@code --timings}. */
    public String describe() {
      return String.format(
          java.util.Locale.ROOT,
          "changes: %s; %d stamps compared in %.1f ms (CPU %.1f)",
          changed.map(c -> BuildResult.count(c.size(), "changed file")).orElse(why),
          entries,
          wallNanos / 1e6,
          cpuNanos / 1e6);
    }
  }

  private static final class TooMany extends IOException {
    private static final long serialVersionUID = 1L;

    TooMany() {
      super("too many changed files", null);
    }
  }

  /** A file system entry's stamp now. */
  record Stat(byte kind, long modified, long size, int key) {}

  static Optional<Stat> stat(Path p) {
    try {
      BasicFileAttributes a =
          Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      byte kind = a.isDirectory() ? DIR : a.isRegularFile() ? FILE : OTHER;
      return Optional.of(
          new Stat(
              kind,
              a.lastModifiedTime().to(TimeUnit.NANOSECONDS),
              a.size(),
              Objects.hashCode(a.fileKey())));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** A recorded entry; a folder's entries follow it in the file. */
  private record Entry(
      byte flags, String name, long modified, int count, long size, int key, byte[] digest) {
    byte kind() {
      return (byte) (flags & KIND);
    }

    boolean racy() {
      return (flags & RACY) != 0;
    }

    static Entry read(DataInputStream in) throws IOException {
      byte flags = in.readByte();
      String name = in.readUTF();
      long modified = in.readLong();
      if ((flags & KIND) == DIR) {
        return new Entry(flags, name, modified, in.readInt(), 0, 0, new byte[0]);
      }
      long size = in.readLong();
      int key = in.readInt();
      byte[] digest = new byte[0];
      if ((flags & RACY) != 0 && (flags & KIND) == FILE) {
        digest = new byte[32];
        in.readFully(digest);
      }
      return new Entry(flags, name, modified, 0, size, key, digest);
    }
  }

  /** One walk: writes the stamps of now, and (comparing) collects the changed files. */
  private static final class Walk {
    private final Path root;
    private final boolean comparing;
    private final long racyFrom;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 16);
    private final DataOutputStream out = new DataOutputStream(bytes);
    private final List<Path> changed = new ArrayList<>();
    private final PatchedStamps patched;
    private int entries;

    Walk(Path root, boolean comparing, PatchedStamps patched) {
      this.root = root;
      this.comparing = comparing;
      this.patched = patched;
      this.racyFrom = TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis()) - RACY_NANOS;
    }

    void header() throws IOException {
      out.writeUTF(MAGIC);
      out.writeUTF(root.toString());
    }

    ContentStamps result() throws IOException {
      out.flush();
      return new ContentStamps(bytes.toByteArray(), entries);
    }

    private void report(Path p) throws TooMany {
      if (patched.asPatched(root.relativize(p).toString(), p)) {
        return; // published by a patch since the stamps were taken, unchanged since
      }
      changed.add(p);
      if (changed.size() > MAX_CHANGED) {
        throw new TooMany();
      }
    }

    private void writeDir(String name, Stat s, int count) throws IOException {
      entries++;
      out.writeByte(DIR | (s.modified() >= racyFrom ? RACY : 0));
      out.writeUTF(name);
      out.writeLong(s.modified());
      out.writeInt(count);
    }

    /** A stamp of a file or link; the digest given when the caller has read it already. */
    private void writeLeaf(Path p, String name, Stat s, Optional<byte[]> digest)
        throws IOException {
      entries++;
      boolean racy = s.modified() >= racyFrom;
      Optional<byte[]> d = Optional.empty();
      if (racy && s.kind() == FILE) {
        d = digest.isPresent() ? digest : digest(p);
        if (d.isEmpty()) {
          gone(name); // unreadable now: compared as changed next time
          entries--;
          return;
        }
      }
      out.writeByte(s.kind() | (racy ? RACY : 0));
      out.writeUTF(name);
      out.writeLong(s.modified());
      out.writeLong(s.size());
      out.writeInt(s.key());
      if (d.isPresent()) {
        out.write(d.get());
      }
    }

    /** An entry listed but gone (or unreadable) when stamped: differs from anything next time. */
    private void gone(String name) throws IOException {
      entries++;
      out.writeByte(OTHER | RACY);
      out.writeUTF(name);
      out.writeLong(Long.MIN_VALUE);
      out.writeLong(-1);
      out.writeInt(0);
    }

    /** The names in folder {@code p}, sorted, {@code .git} left out. */
    private static List<String> list(Path p) throws IOException {
      List<String> names = new ArrayList<>();
      try (DirectoryStream<Path> s = Files.newDirectoryStream(p)) {
        for (Path e : s) {
          String n = e.getFileName().toString();
          if (!n.equals(".git")) {
            names.add(n);
          }
        }
      }
      names.sort(null);
      return names;
    }

    /** An entry not recorded: stamped, and (comparing) its files reported as added. */
    void fresh(Path p, String name, Stat s) throws IOException {
      if (s.kind() != DIR) {
        if (comparing) {
          report(p);
        }
        writeLeaf(p, name, s, Optional.empty());
        return;
      }
      List<String> names;
      try {
        names = list(p);
      } catch (IOException e) {
        gone(name);
        return;
      }
      writeDir(name, s, names.size());
      for (String n : names) {
        Path c = p.resolve(n);
        Optional<Stat> cs = stat(c);
        if (cs.isPresent()) {
          fresh(c, n, cs.get());
        } else {
          gone(n);
        }
      }
    }

    /** A recorded entry no longer there: its files reported as deleted, read past. */
    private void skip(DataInputStream in, Entry r, Path p) throws IOException {
      if (r.kind() == DIR) {
        for (int i = 0; i < r.count(); i++) {
          Entry c = Entry.read(in);
          skip(in, c, p.resolve(c.name()));
        }
      } else {
        report(p);
      }
    }

    /** Recorded folder {@code r} at {@code p}, a folder now too. */
    void dir(DataInputStream in, Entry r, Path p, String name, Stat s) throws IOException {
      if (!r.racy() && r.modified() == s.modified()) { // the same names
        writeDir(name, s, r.count());
        for (int i = 0; i < r.count(); i++) {
          Entry c = Entry.read(in);
          Path cp = p.resolve(c.name());
          existing(in, c, cp, stat(cp));
        }
        return;
      }
      List<String> names;
      try {
        names = list(p);
      } catch (IOException e) {
        skip(in, r, p);
        gone(name);
        return;
      }
      writeDir(name, s, names.size());
      int j = 0;
      for (int i = 0; i < r.count(); i++) {
        Entry c = Entry.read(in);
        while (j < names.size() && names.get(j).compareTo(c.name()) < 0) {
          added(p.resolve(names.get(j)), names.get(j));
          j++;
        }
        Path cp = p.resolve(c.name());
        if (j < names.size() && names.get(j).equals(c.name())) {
          existing(in, c, cp, stat(cp));
          j++;
        } else {
          skip(in, c, cp);
        }
      }
      for (; j < names.size(); j++) {
        added(p.resolve(names.get(j)), names.get(j));
      }
    }

    private void added(Path p, String name) throws IOException {
      Optional<Stat> s = stat(p);
      if (s.isPresent()) {
        fresh(p, name, s.get());
      } else {
        gone(name);
      }
    }

    /** Recorded entry {@code r}, listed (or known) to be at {@code p} now. */
    private void existing(DataInputStream in, Entry r, Path p, Optional<Stat> now)
        throws IOException {
      if (now.isEmpty()) {
        skip(in, r, p);
        gone(r.name());
        return;
      }
      Stat s = now.get();
      if (r.kind() == DIR && s.kind() == DIR) {
        dir(in, r, p, r.name(), s);
      } else if (r.kind() == DIR || s.kind() == DIR) {
        skip(in, r, p);
        fresh(p, r.name(), s);
      } else {
        Optional<byte[]> digest = Optional.empty();
        boolean same =
            r.kind() == s.kind()
                && r.size() == s.size()
                && r.modified() == s.modified()
                && r.key() == s.key();
        if (same && r.racy() && r.kind() == FILE) {
          digest = digest(p);
          same = digest.isPresent() && Arrays.equals(digest.get(), r.digest());
        }
        if (!same) {
          report(p);
        }
        writeLeaf(p, r.name(), s, digest);
      }
    }
  }

  static Optional<byte[]> digest(Path p) {
    try (InputStream in = Files.newInputStream(p, LinkOption.NOFOLLOW_LINKS)) {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      byte[] buf = new byte[1 << 16];
      for (int n; (n = in.read(buf)) > 0; ) {
        sha.update(buf, 0, n);
      }
      return Optional.of(sha.digest());
    } catch (IOException e) {
      return Optional.empty();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
