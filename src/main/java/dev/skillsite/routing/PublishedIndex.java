package dev.skillsite.routing;

import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.lucene.codecs.CodecUtil;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexFileNames;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.store.ByteBuffersDataOutput;
import org.apache.lucene.store.ChecksumIndexInput;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.FilterDirectory;
import org.apache.lucene.store.IOContext;
import org.apache.lucene.store.IndexInput;
import org.apache.lucene.util.IOUtils;

/**
 * The routing index a site publishes ({@code search/lucene/}) after a patch build changed it: the
 * patch state's index ({@link PatchedIndex}) published as it is, so that a patch writes only the
 * files it added (a segment of the changed documents, the base segment's new live-documents file,
 * the tombstones, the commit), never the collection's.
 *
 * <p>A full build publishes a plain Lucene index and no patch touches it until a routing document
 * changes. Then the folder holds the base segment's files as the full build wrote them, the patched
 * segments' files, {@code tomb/} (the replaced documents as they were indexed: a plain Lucene
 * index), the commit under {@code skillsite_segments_N}, the marker {@value #MARKER} naming it, and
 * in place of Lucene's {@code segments_N} a file a plain Lucene reader refuses with {@link #WHY}:
 * such a reader would count the replaced documents in every statistic and break ties by another
 * order, so it must not answer at all. {@link RoutingIndex#open} reads the folder through {@link
 * PatchedIndex}: every answer is the one a fresh index of the same skills gives (tested: {@code
 * PublishedIndexTest}, {@code PublishedIndexCliTest}).
 */
final class PublishedIndex {
  /** The marker of a patched folder: a properties file naming the commit. */
  static final String MARKER = "skillsite-patched.properties";

  /** The tombstones' folder inside a patched folder. */
  static final String TOMB = "tomb";

  /** Prefix of the commit's file name in a patched folder (Lucene does not list it). */
  static final String STORED = "skillsite_";

  /** What a plain Lucene reader (or an older skillsite) says when it opens a patched folder. */
  static final String WHY =
      "skillsite patched routing index: read it with skillsite 0.19+ route/eval --index";

  /** The layout's version; a reader refuses a newer one. */
  static final int FORMAT = 1;

  private PublishedIndex() {}

  /** Whether {@code dir} holds a patched index (its marker). */
  static boolean isPatched(Path dir) {
    return Files.isRegularFile(dir.resolve(MARKER), LinkOption.NOFOLLOW_LINKS);
  }

  /** A patched folder opened: the view, the skills in the collection's order, what to close. */
  record Opened(PatchedIndex index, List<IndexedSkill> skills, Closeable resources) {}

  /** Opens a patched folder (the caller checked {@link #isPatched}). */
  static Opened open(Path dir) throws IOException {
    String commit = commitOf(dir);
    List<Closeable> open = new ArrayList<>();
    try {
      Directory fs = FSDirectory.open(dir);
      open.add(fs);
      DirectoryReader reader = DirectoryReader.open(new CommitAlias(fs, commit));
      open.add(reader);
      Directory tombDir = FSDirectory.open(dir.resolve(TOMB));
      open.add(tombDir);
      DirectoryReader tomb = DirectoryReader.open(tombDir);
      open.add(tomb);
      Confidence confidence = RoutingIndex.confidenceOf(reader.getIndexCommit().getUserData());
      // the skills by ord, read once (as RoutingIndex reads a plain index), and their names
      List<IndexedSkill> skills = new ArrayList<>(reader.numDocs());
      try (NameTable none = NameTable.inMemory(List.of())) {
        PatchedIndex byOrd = new PatchedIndex(reader, tomb, none, confidence);
        for (int ord = 0; ord < byOrd.size(); ord++) {
          skills.add(byOrd.skill(ord));
        }
      }
      // names by base position, as the patch state's table holds them (PatchedIndex adds the
      // added skills' names and leaves out the removed ones'): the base segment's stored names
      var base = reader.leaves().get(0).reader();
      var stored = base.storedFields();
      List<String> byPosition = new ArrayList<>(base.maxDoc());
      for (int b = 0; b < base.maxDoc(); b++) {
        byPosition.add(
            stored.document(b, java.util.Set.of(Fields.DISPLAY_NAME)).get(Fields.DISPLAY_NAME));
      }
      NameTable names = NameTable.inMemory(byPosition);
      open.add(names);
      PatchedIndex index = new PatchedIndex(reader, tomb, names, confidence);
      List<Closeable> reversed = new ArrayList<>(open);
      java.util.Collections.reverse(reversed);
      return new Opened(index, List.copyOf(skills), () -> IOUtils.close(reversed));
    } catch (IOException | RuntimeException e) {
      IOUtils.closeWhileHandlingException(open);
      throw e;
    }
  }

  /** The Lucene name of the commit the marker names, checked against the layout's version. */
  private static String commitOf(Path dir) throws IOException {
    Map<String, String> marker = new LinkedHashMap<>();
    for (String line : Files.readAllLines(dir.resolve(MARKER), StandardCharsets.UTF_8)) {
      int eq = line.indexOf('=');
      if (!line.startsWith("#") && eq > 0) {
        marker.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
      }
    }
    String format = marker.getOrDefault("format", "");
    if (!format.equals(Integer.toString(FORMAT))) {
      throw new IOException(
          dir.resolve(MARKER)
              + ": a patched routing index of format "
              + format
              + ", this skillsite reads format "
              + FORMAT
              + " (hint: build the site again with this version)");
    }
    String commit = marker.getOrDefault("commit", "");
    if (!commit.startsWith(IndexFileNames.SEGMENTS + "_")) {
      throw new IOException(dir.resolve(MARKER) + ": no commit named (commit=segments_N)");
    }
    return commit;
  }

  /**
   * The folder's directory with the stored commit under Lucene's name ({@code segments_N}) and the
   * refusing file hidden: how a patched folder is read. Read only.
   */
  private static final class CommitAlias extends FilterDirectory {
    private final String commit;

    CommitAlias(Directory in, String commit) {
      super(in);
      this.commit = commit;
    }

    @Override
    public String[] listAll() throws IOException {
      List<String> out = new ArrayList<>();
      for (String f : in.listAll()) {
        if (!f.startsWith(IndexFileNames.SEGMENTS) && !f.startsWith(STORED)) {
          out.add(f);
        }
      }
      out.add(commit);
      String[] sorted = out.toArray(String[]::new);
      Arrays.sort(sorted);
      return sorted;
    }

    @Override
    public IndexInput openInput(String name, IOContext context) throws IOException {
      return in.openInput(stored(name), context);
    }

    @Override
    public long fileLength(String name) throws IOException {
      return in.fileLength(stored(name));
    }

    private String stored(String name) {
      return name.equals(commit) ? STORED + commit : name;
    }
  }

  /**
   * What a patch changes in the published folder: files to write (name relative to the folder →
   * bytes) and files to delete. O(change): the files a patch added to the state (its segment, live
   * documents, tombstones, commit), never the base segment's; the folder is listed (its files are
   * as many as the patches since the last full build, not the skills).
   */
  record Changes(Map<String, byte[]> written, Set<String> deleted) {}

  /**
   * The changes that make the published folder {@code published} the state's prepared commits:
   * {@code index}'s and {@code tomb}'s (each a directory holding a prepared, not yet finished,
   * commit {@code pending_segments_N}).
   */
  static Changes diff(Path published, Directory index, Directory tomb) throws IOException {
    Map<String, byte[]> written = new LinkedHashMap<>();
    Set<String> wanted = new TreeSet<>();
    Set<String> present = present(published);
    String pending = pending(index);
    long gen = generation(pending);
    String commit = IndexFileNames.fileNameFromGeneration(IndexFileNames.SEGMENTS, "", gen);
    Set<String> last = new TreeSet<>(SegmentInfos.readLatestCommit(index).files(false));
    for (String f : prepared(index, pending, gen).files(false)) {
      wanted.add(f);
      if (!published(present, published, last, f, index, f)) {
        written.put(f, bytes(index, f));
      }
    }
    wanted.add(STORED + commit);
    written.put(STORED + commit, bytes(index, pending));
    wanted.add(commit);
    written.put(commit, refusal());
    wanted.add(MARKER);
    written.put(MARKER, marker(commit));
    String tombPending = pending(tomb);
    long tombGen = generation(tombPending);
    Set<String> lastTomb = new TreeSet<>();
    SegmentInfos.readLatestCommit(tomb).files(false).forEach(f -> lastTomb.add(TOMB + "/" + f));
    for (String f : prepared(tomb, tombPending, tombGen).files(false)) {
      String at = TOMB + "/" + f;
      wanted.add(at);
      if (!published(present, published, lastTomb, at, tomb, f)) {
        written.put(at, bytes(tomb, f));
      }
    }
    String tombCommit =
        TOMB + "/" + IndexFileNames.fileNameFromGeneration(IndexFileNames.SEGMENTS, "", tombGen);
    wanted.add(tombCommit);
    written.put(tombCommit, bytes(tomb, tombPending));
    Set<String> deleted = new TreeSet<>(present);
    deleted.removeAll(wanted);
    for (var e : List.copyOf(written.entrySet())) {
      Path at = published.resolve(e.getKey());
      if (Files.isRegularFile(at, LinkOption.NOFOLLOW_LINKS)
          && Files.size(at) == e.getValue().length
          && Arrays.equals(Files.readAllBytes(at), e.getValue())) {
        written.remove(e.getKey()); // the marker, when a patch leaves the commit's name
      }
    }
    return new Changes(written, deleted);
  }

  /** The prepared commit's file in {@code dir}. */
  private static String pending(Directory dir) throws IOException {
    String found = null;
    for (String f : dir.listAll()) {
      if (f.startsWith(IndexFileNames.PENDING_SEGMENTS + "_")) {
        if (found != null) {
          throw new IOException("two prepared commits in " + dir);
        }
        found = f;
      }
    }
    if (found == null) {
      throw new IOException("no prepared commit in " + dir);
    }
    return found;
  }

  private static long generation(String pending) {
    return Long.parseLong(
        pending.substring(IndexFileNames.PENDING_SEGMENTS.length() + 1), Character.MAX_RADIX);
  }

  private static SegmentInfos prepared(Directory dir, String pending, long gen) throws IOException {
    try (ChecksumIndexInput in = dir.openChecksumInput(pending, IOContext.READONCE)) {
      return SegmentInfos.readCommit(dir, in, gen);
    }
  }

  /**
   * Whether the state's file {@code name} of {@code dir} is published at {@code at}: a file of the
   * state's last commit that the folder lists was published by an earlier patch (Lucene never
   * writes a file name twice in one index's history); any other, the patch's own, is compared
   * ({@link #sameFile}: a patch killed after publishing may have left one of that name).
   */
  private static boolean published(
      Set<String> present, Path published, Set<String> last, String at, Directory dir, String name)
      throws IOException {
    if (!present.contains(at)) {
      return false;
    }
    return last.contains(at) || sameFile(published.resolve(at), dir, name);
  }

  /**
   * Whether the published file is the state's: same length and same checksum in Lucene's footer
   * (every index file ends with its CRC32), read from the end of each: no file read whole.
   */
  private static boolean sameFile(Path published, Directory dir, String name) throws IOException {
    if (!Files.isRegularFile(published, LinkOption.NOFOLLOW_LINKS)
        || Files.size(published) != dir.fileLength(name)) {
      return false;
    }
    try (Directory p = FSDirectory.open(published.getParent());
        IndexInput a = p.openInput(published.getFileName().toString(), IOContext.READONCE);
        IndexInput b = dir.openInput(name, IOContext.READONCE)) {
      return CodecUtil.retrieveChecksum(a) == CodecUtil.retrieveChecksum(b);
    } catch (IOException e) {
      return false; // not a Lucene file as expected: written again
    }
  }

  private static byte[] bytes(Directory dir, String name) throws IOException {
    try (IndexInput in = dir.openInput(name, IOContext.READONCE)) {
      byte[] out = new byte[Math.toIntExact(in.length())];
      in.readBytes(out, 0, out.length);
      return out;
    }
  }

  /** Every file of the published folder and of its {@code tomb/}, by name relative to it. */
  private static Set<String> present(Path published) throws IOException {
    Set<String> out = new TreeSet<>();
    for (String sub : List.of("", TOMB)) {
      Path d = sub.isEmpty() ? published : published.resolve(sub);
      if (!Files.isDirectory(d, LinkOption.NOFOLLOW_LINKS)) {
        continue;
      }
      try (Stream<Path> files = Files.list(d)) {
        files
            .filter(f -> Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS))
            .forEach(f -> out.add((sub.isEmpty() ? "" : sub + "/") + f.getFileName()));
      }
    }
    return out;
  }

  /**
   * A {@code segments_N} that a plain Lucene reader refuses: Lucene's header magic, then {@link
   * #WHY} where the codec name "segments" is expected ("codec mismatch: actual codec=WHY").
   */
  static byte[] refusal() throws IOException {
    ByteBuffersDataOutput out = new ByteBuffersDataOutput();
    CodecUtil.writeBEInt(out, CodecUtil.CODEC_MAGIC);
    out.writeString(WHY);
    return out.toArrayCopy();
  }

  private static byte[] marker(String commit) {
    return ("# A routing index patched in place by skillsite build --changed: the commit is\n"
            + "# "
            + STORED
            + commit
            + "; "
            + commit
            + " refuses plain Lucene readers. Read it with skillsite route/eval --index.\n"
            + "format="
            + FORMAT
            + "\ncommit="
            + commit
            + "\n")
        .getBytes(StandardCharsets.UTF_8);
  }
}
