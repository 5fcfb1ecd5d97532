package dev.skillsite.discovery;

import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.skillsite.model.SiteConfig;
import dev.skillsite.model.Skill;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * For a patch build: a skill added to or removed from the discovery index ({@link
 * DiscoveryIndexWriter#PATH}) by splicing its entry's bytes into (or out of) the published file,
 * every other byte as it was — the index a whole build writes, without parsing and printing it
 * whole. The index is one file by its schema (4.6 MB at 8,830 skills), so the copy is the patch's
 * one read of the collection's size; where the entry goes is found by a binary search over the
 * file's bytes (entries are by name, then id: {@link DiscoveryIndexWriter#sorted}), reading a few
 * kilobytes a probe. Stateless.
 */
public final class DiscoveryIndexEntries {
  private DiscoveryIndexEntries() {}

  /**
   * Where the bytes after {@code spliced.at()} moved, and where the added entry's digest starts in
   * the new file ({@code -1} for a removal).
   */
  public record Change(DiscoveryIndexWriter.Spliced spliced, long digestAt) {}

  /** An entry's first bytes (after the line break before it). */
  private static final String ENTRY = "\n    {\n      \"name\": \"";

  private static final String URL = "\"url\": \"";
  private static final String DIGEST = "\"digest\": \"sha256:";

  /** The bytes closing an entry after its digest's 64 hex digits. */
  private static final String CLOSE = "\"\n    }";

  /** The bytes after the last entry. */
  private static final String ARRAY_END = "\n  ]\n}\n";

  /**
   * Stages into {@code staging} the index of {@code published} (or the one already staged) with
   * {@code skill}'s entry inserted where a whole build lists it: {@code type} {@code "archive"}
   * when {@code archive} (then {@code servedPath} is its archive's site path), else {@code
   * "skill-md"}; the digest of {@code served}. Empty (nothing staged) when the site has no index,
   * the index lists no skill (a whole build changes its form), or an entry of the same name and id
   * is there already.
   */
  public static Optional<Change> add(
      Path published, Path staging, SiteConfig config, Skill skill, boolean archive, byte[] served)
      throws IOException {
    Path to = staging.resolve(DiscoveryIndexWriter.PATH);
    Path from = Files.isRegularFile(to) ? to : published.resolve(DiscoveryIndexWriter.PATH);
    if (!Files.isRegularFile(from)) {
      return Optional.empty();
    }
    String text = DiscoveryIndexWriter.entryText(config, skill, archive, served);
    try (FileChannel ch = FileChannel.open(from, StandardOpenOption.READ)) {
      long size = ch.size();
      String tail = read(ch, Math.max(0, size - ARRAY_END.length()), ARRAY_END.length());
      if (!tail.equals(ARRAY_END)) {
        return Optional.empty(); // not the writer's layout, or no entry ("skills": [])
      }
      long end = size - ARRAY_END.length(); // just after the last entry's closing brace
      Optional<Probe> first = entryAt(ch, 0, end);
      if (first.isEmpty()) {
        return Optional.empty();
      }
      Key key = new Key(skill.name(), skill.id().value());
      long lo = first.get().start();
      long hi = end;
      long answer = end; // the first entry past the key starts here (else: after the last)
      while (lo < hi) {
        long mid = lo + (hi - lo) / 2;
        Optional<Probe> e = entryAt(ch, mid, hi);
        if (e.isEmpty()) {
          hi = mid; // no entry starts in [mid, hi)
          continue;
        }
        int c = e.get().key().compareTo(key);
        if (c == 0) {
          return Optional.empty();
        }
        if (c > 0) {
          answer = e.get().start();
          hi = mid;
        } else {
          lo = e.get().start() + 1;
        }
      }
      byte[] now;
      long digestAt;
      byte[] entry = text.getBytes(StandardCharsets.UTF_8);
      int digestIn = indexOf(entry, DIGEST) + DIGEST.length();
      if (answer == end) {
        now = concat(",\n".getBytes(StandardCharsets.US_ASCII), entry);
        digestAt = answer + 2 + digestIn;
      } else {
        now = concat(entry, ",\n".getBytes(StandardCharsets.US_ASCII));
        digestAt = answer + digestIn;
      }
      DiscoveryIndexWriter.Spliced s =
          DiscoveryIndexWriter.splice(from, to, size, answer, answer, now);
      return Optional.of(new Change(s, digestAt));
    }
  }

  /**
   * Stages into {@code staging} the index of {@code published} (or the one already staged) without
   * the entry whose URL names {@code servedPath} (a site path: the skill's archive or its SKILL.md)
   * and whose digest starts at {@code at} (the patch state's record, shifted by the patches since);
   * every other byte as it was. Empty (nothing staged) when {@code at} is not that entry's digest
   * or it is the index's only entry (a whole build writes {@code "skills": []}).
   */
  public static Optional<Change> remove(Path published, Path staging, String servedPath, long at)
      throws IOException {
    Path to = staging.resolve(DiscoveryIndexWriter.PATH);
    Path from = Files.isRegularFile(to) ? to : published.resolve(DiscoveryIndexWriter.PATH);
    if (!Files.isRegularFile(from)) {
      return Optional.empty();
    }
    long size;
    long start;
    long close;
    boolean last;
    try (FileChannel ch = FileChannel.open(from, StandardOpenOption.READ)) {
      size = ch.size();
      if (at < DIGEST.length() || at + 64 + CLOSE.length() > size) {
        return Optional.empty();
      }
      long back = Math.max(0, at - DiscoveryIndexWriter.MAX_ENTRY);
      String before = read(ch, back, (int) (at - back));
      if (!before.endsWith("/" + servedPath + "\",\n      " + DIGEST)) {
        return Optional.empty();
      }
      int e = before.lastIndexOf(ENTRY);
      if (e < 0 || before.indexOf(URL, before.indexOf(URL, e) + 1) >= 0) {
        return Optional.empty(); // not one entry's bytes
      }
      start = back + e + 1;
      close = at + 64 + CLOSE.length();
      String after = read(ch, at + 64, (int) Math.min(size - at - 64, CLOSE.length() + 2));
      if (!after.startsWith(CLOSE)) {
        return Optional.empty();
      }
      last = !after.startsWith(CLOSE + ",\n");
      boolean first = before.substring(0, e).endsWith("\"skills\": [");
      if (first && last) {
        return Optional.empty(); // the only entry
      }
    }
    // an entry and the separator after it; the last one, with the separator before it
    long cut = last ? start - 2 : start;
    long end = last ? close : close + 2;
    DiscoveryIndexWriter.Spliced s =
        DiscoveryIndexWriter.splice(from, to, size, cut, end, new byte[0]);
    return Optional.of(new Change(s, -1));
  }

  /** An entry's place in the order: name, then id. */
  private record Key(String name, String id) implements Comparable<Key> {
    @Override
    public int compareTo(Key o) {
      int c = name.compareTo(o.name);
      return c != 0 ? c : id.compareTo(o.id);
    }
  }

  /** An entry: where its line starts, its name and id. */
  private record Probe(long start, Key key) {}

  private static final int WINDOW = 1 << 13;

  /** The first entry whose line starts in {@code [from, limit)}, read from its bytes. */
  private static Optional<Probe> entryAt(FileChannel ch, long from, long limit) throws IOException {
    long at = Math.max(0, from - 1); // the line break before the entry
    int want = WINDOW;
    while (true) {
      int n = (int) Math.min(want, ch.size() - at);
      String w = read(ch, at, n);
      int e = w.indexOf(ENTRY);
      if (e < 0) {
        if (at + n >= limit || at + n >= ch.size()) {
          return Optional.empty();
        }
        at += Math.max(1, n - ENTRY.length()); // overlap: a marker across the window's end
        continue;
      }
      long start = at + e + 1;
      if (start >= limit) {
        return Optional.empty();
      }
      int nameAt = e + ENTRY.length();
      int nameEnd = closingQuote(w, nameAt);
      int url = nameEnd < 0 ? -1 : w.indexOf(URL, nameEnd);
      int urlEnd = url < 0 ? -1 : closingQuote(w, url + URL.length());
      if (urlEnd < 0) {
        if (at + n >= ch.size() || want > 2 * DiscoveryIndexWriter.MAX_ENTRY) {
          return Optional.empty();
        }
        want *= 4; // a long description: read the entry whole
        continue;
      }
      Optional<String> name = string(w.substring(nameAt, nameEnd));
      Optional<String> id = id(w.substring(url + URL.length(), urlEnd));
      if (name.isEmpty() || id.isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(new Probe(start, new Key(name.get(), id.get())));
    }
  }

  /** The skill id a URL the writer made names (an archive or a SKILL.md under its folder). */
  private static Optional<String> id(String url) {
    if (url.endsWith("/SKILL.md")) {
      String folder = url.substring(0, url.length() - "/SKILL.md".length());
      return Optional.of(folder.substring(folder.lastIndexOf('/') + 1));
    }
    if (url.endsWith(".tar.gz")) {
      String file = url.substring(url.lastIndexOf('/') + 1);
      return Optional.of(file.substring(0, file.length() - ".tar.gz".length()));
    }
    return Optional.empty();
  }

  /** A JSON string's content (bytes read one char a byte) as the text it stands for. */
  private static Optional<String> string(String latin1) {
    String raw = new String(latin1.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
    try {
      return Optional.of(JsonParser.parseString("\"" + raw + "\"").getAsString());
    } catch (JsonParseException | IllegalStateException e) {
      return Optional.empty();
    }
  }

  /** Where the JSON string starting at {@code from} ends (its closing quote), or -1. */
  private static int closingQuote(String s, int from) {
    for (int i = from; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '"') {
        return i;
      }
    }
    return -1;
  }

  /**
   * {@code n} bytes at {@code at}, one char a byte (offsets in the text are offsets in the file).
   */
  private static String read(FileChannel ch, long at, int n) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(Math.max(0, n));
    while (b.hasRemaining() && ch.read(b, at + b.position()) > 0) {}
    return new String(b.array(), 0, b.position(), StandardCharsets.ISO_8859_1);
  }

  private static int indexOf(byte[] bytes, String ascii) {
    return new String(bytes, StandardCharsets.ISO_8859_1).indexOf(ascii);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
