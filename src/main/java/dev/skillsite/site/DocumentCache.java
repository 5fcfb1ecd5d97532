package dev.skillsite.site;

import dev.skillsite.cache.BuildCache;
import dev.skillsite.cache.CacheKey;
import dev.skillsite.cache.CodeIdentity;
import dev.skillsite.markdown.DocumentCodec;
import dev.skillsite.markdown.HtmlSpill;
import dev.skillsite.markdown.MentionIndex;
import dev.skillsite.markdown.RenderedDocument;
import dev.skillsite.model.SkillId;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

/**
 * The build cache: every rendered document of a build, kept in its output folder ({@link #PATH})
 * with what its rendering asked the link table, so that the next build, in a new process, renders
 * again only the documents whose source or links changed (the same rule as a watching server's
 * rebuilds, {@link DocumentPipeline}). The output is the same as a clean build's, the cache file
 * included.
 *
 * <p>The cache belongs to the program that wrote it: it is used only by the same skillsite (same
 * version and the same classes, see {@link CodeIdentity}), and a file that is damaged, truncated or
 * from another version is ignored. It holds rendered markup, which is not sanitized again: it is
 * trusted as the rest of the output folder is.
 */
final class DocumentCache {
  /** Where the cache lives in a site. Not linked from any page. */
  static final String PATH = BuildCache.DOCUMENTS;

  private static final byte[] MAGIC =
      "skillsite rendered documents\n".getBytes(StandardCharsets.US_ASCII);
  private static final int FORMAT = 2;
  private static final long MAX_BYTES = 1L << 30;
  private static final String IDENTITY = CacheKey.code().value();

  private DocumentCache() {}

  /** The documents of the build cache in {@code site}, if it has one this program can use. */
  static Optional<DocumentPipeline.Reusable> read(Path site) {
    return read(site, Optional.empty());
  }

  /**
   * Like {@link #read(Path)}, each document's markup and table of contents moved to {@code spill}
   * as it is read: a large site's cache holds gigabytes of markup.
   */
  static Optional<DocumentPipeline.Reusable> read(Path site, Optional<HtmlSpill> spill) {
    Path file = site.resolve(PATH);
    try {
      long size = Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) ? Files.size(file) : -1;
      if (size < 0 || size > MAX_BYTES) {
        return Optional.empty();
      }
      try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
        return decode(in, (int) size, spill);
      }
    } catch (IOException | RuntimeException e) {
      return Optional.empty(); // a cache that cannot be read is no cache: everything is rendered
    }
  }

  /** Writes the cache for {@code docs}: deterministic bytes (documents in path order), streamed. */
  static void encode(DocumentPipeline.Reusable docs, OutputStream file) throws IOException {
    CRC32 crc = new CRC32();
    BufferedOutputStream buffered = new BufferedOutputStream(file, 1 << 16);
    DataOutputStream out = new DataOutputStream(new CheckedOutputStream(buffered, crc));
    out.write(MAGIC);
    out.writeInt(FORMAT);
    DocumentCodec.writeString(out, IDENTITY);
    writeTerms(out, docs.all());
    writeTerms(out, docs.mentions());
    Set<String> paths = new TreeSet<>(docs.memos().keySet());
    paths.addAll(docs.spilled().keySet());
    out.writeInt(paths.size());
    for (String path : paths) {
      DocumentPipeline.Memo m = docs.memos().get(path);
      if (m != null) {
        write(out, m);
      } else {
        out.write(docs.spilled().get(path).record()); // written by record(), below
      }
    }
    out.flush();
    DataOutputStream tail =
        new DataOutputStream(buffered); // the checksum follows the bytes it checks
    tail.writeLong(crc.getValue());
    tail.flush();
  }

  /**
   * Reads a cache of {@code size} bytes; empty when it is not one of this program's or its checksum
   * fails (checked at the end: nothing read is used before).
   */
  static Optional<DocumentPipeline.Reusable> decode(InputStream file, int size) throws IOException {
    return decode(file, size, Optional.empty());
  }

  private static Optional<DocumentPipeline.Reusable> decode(
      InputStream file, int size, Optional<HtmlSpill> spill) throws IOException {
    CRC32 crc = new CRC32();
    BufferedInputStream buffered = new BufferedInputStream(file, 1 << 16);
    DataInputStream in = new DataInputStream(new CheckedInputStream(buffered, crc));
    byte[] magic = in.readNBytes(MAGIC.length);
    if (!Arrays.equals(magic, MAGIC)
        || in.readInt() != FORMAT
        || !DocumentCodec.readString(in, size).equals(IDENTITY)) {
      return Optional.empty();
    }
    MentionIndex all = readTerms(in, size);
    MentionIndex mentions = readTerms(in, size);
    int n = DocumentCodec.count(in, size);
    Map<String, DocumentPipeline.Memo> memos = new HashMap<>();
    Map<String, String> pool =
        new HashMap<>(); // one copy of each path, id and code: they repeat across documents
    for (int i = 0; i < n; i++) {
      DocumentPipeline.Memo m = read(in, size, pool);
      memos.put(m.source().path(), spill.map(m::spillTo).orElse(m));
    }
    long expected = crc.getValue();
    DataInputStream tail = new DataInputStream(buffered);
    if (tail.readLong() != expected || tail.read() != -1) {
      return Optional.empty();
    }
    return Optional.of(new DocumentPipeline.Reusable(all, mentions, memos));
  }

  private static void writeTerms(DataOutputStream out, MentionIndex index) throws IOException {
    Map<String, SkillId> terms = index.terms();
    out.writeInt(terms.size());
    for (Map.Entry<String, SkillId> e : terms.entrySet()) {
      DocumentCodec.writeString(out, e.getKey());
      DocumentCodec.writeString(out, e.getValue().value());
    }
  }

  private static MentionIndex readTerms(DataInputStream in, int size) throws IOException {
    int n = DocumentCodec.count(in, size);
    Map<String, SkillId> terms = new HashMap<>();
    for (int i = 0; i < n; i++) {
      terms.put(
          DocumentCodec.readString(in, size), new SkillId(DocumentCodec.readString(in, size)));
    }
    return MentionIndex.withTerms(terms);
  }

  /** The bytes {@link #encode} writes for {@code m}: what a spilling build keeps of it. */
  static byte[] record(DocumentPipeline.Memo m) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      write(out, m);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // markup read back from the spill file
    }
    return bytes.toByteArray();
  }

  private static void write(DataOutputStream out, DocumentPipeline.Memo m) throws IOException {
    DocumentPipeline.Fingerprint f = m.source();
    DocumentCodec.writeString(out, f.path());
    DocumentCodec.writeString(out, f.skill());
    DocumentCodec.writeString(out, f.skillDir());
    out.writeInt(f.firstLine());
    out.writeInt(f.length());
    out.writeLong(f.fnv());
    out.writeLong(f.poly());
    Set<String> anchors = new TreeSet<>(m.anchors());
    out.writeInt(anchors.size());
    for (String a : anchors) {
      DocumentCodec.writeString(out, a);
    }
    out.writeInt(m.asked().size());
    for (DocumentPipeline.Question q : m.asked()) {
      out.writeByte(q.method().ordinal());
      DocumentCodec.writeString(out, q.first());
      DocumentCodec.writeString(out, q.second());
      writeAnswer(out, q.answer());
    }
    DocumentCodec.write(out, m.doc());
    Set<String> prose = new TreeSet<>(m.prose());
    out.writeInt(prose.size());
    for (String t : prose) {
      DocumentCodec.writeString(out, t);
    }
  }

  private static DocumentPipeline.Memo read(
      DataInputStream in, int available, Map<String, String> pool) throws IOException {
    UnaryOperator<String> shared = str -> pool.computeIfAbsent(str, k -> k);
    DocumentPipeline.Fingerprint f =
        new DocumentPipeline.Fingerprint(
            shared.apply(DocumentCodec.readString(in, available)),
            shared.apply(DocumentCodec.readString(in, available)),
            shared.apply(DocumentCodec.readString(in, available)),
            in.readInt(),
            in.readInt(),
            in.readLong(),
            in.readLong());
    int n = DocumentCodec.count(in, available);
    // a document's heading ids are both its anchors and its table of contents' ids: one copy of
    // each
    Map<String, String> ids = new HashMap<>();
    for (int i = 0; i < n; i++) {
      String a = DocumentCodec.readString(in, available);
      ids.put(a, a);
    }
    Set<String> anchors = new TreeSet<>(ids.keySet());
    n = DocumentCodec.count(in, available);
    List<DocumentPipeline.Question> asked = new ArrayList<>(n);
    DocumentPipeline.Asked[] methods = DocumentPipeline.Asked.values();
    for (int i = 0; i < n; i++) {
      int method = in.readByte();
      if (method < 0 || method >= methods.length) {
        throw new IOException("unknown question " + method);
      }
      asked.add(
          new DocumentPipeline.Question(
              methods[method],
              shared.apply(DocumentCodec.readString(in, available)),
              shared.apply(DocumentCodec.readString(in, available)),
              readAnswer(in, available, shared)));
    }
    RenderedDocument doc =
        DocumentCodec.read(
            in,
            available,
            str -> {
              String id = ids.get(str);
              return id != null ? id : shared.apply(str);
            });
    n = DocumentCodec.count(in, available);
    Set<String> prose = new HashSet<>();
    for (int i = 0; i < n; i++) {
      prose.add(shared.apply(DocumentCodec.readString(in, available)));
    }
    return new DocumentPipeline.Memo(
        f,
        doc,
        Collections.unmodifiableSet(anchors),
        List.copyOf(asked),
        false,
        Collections.unmodifiableSet(prose));
  }

  // answers are what LinkTargets returns: Optional<String>, boolean or String
  private static void writeAnswer(DataOutputStream out, Object answer) throws IOException {
    if (answer instanceof Optional<?> o) {
      if (o.isEmpty()) {
        out.writeByte(0);
      } else {
        out.writeByte(1);
        DocumentCodec.writeString(out, (String) o.get());
      }
    } else if (answer instanceof Boolean b) {
      out.writeByte(b ? 3 : 2);
    } else if (answer instanceof String s) {
      out.writeByte(4);
      DocumentCodec.writeString(out, s);
    } else {
      throw new IllegalArgumentException("unexpected answer " + answer);
    }
  }

  private static Object readAnswer(DataInputStream in, int available, UnaryOperator<String> shared)
      throws IOException {
    int tag = in.readByte();
    return switch (tag) {
      case 0 -> Optional.empty();
      case 1 -> Optional.of(shared.apply(DocumentCodec.readString(in, available)));
      case 2 -> Boolean.FALSE;
      case 3 -> Boolean.TRUE;
      case 4 -> shared.apply(DocumentCodec.readString(in, available));
      default -> throw new IOException("unknown answer " + tag);
    };
  }
}
