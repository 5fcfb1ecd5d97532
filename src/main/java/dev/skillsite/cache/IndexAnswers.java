package dev.skillsite.cache;

import dev.skillsite.model.SkillId;
import dev.skillsite.routing.Similar;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.zip.CRC32;

/**
 * What a build asked its routing index besides routing: the ranking of every trigger the health
 * stage probes and the similar skills the related stage looks up. Both depend only on the index, so
 * they are kept in the build cache beside {@code index.key} and answered again when the next build
 * reuses that index: a rebuild with nothing changed then neither probes thousands of phrases nor
 * reads the postings for similarity (on the large corpus those two stages took about a quarter of
 * such a rebuild). A question not held is asked and recorded, so an instance is also what records a
 * build's answers. Thread-safe.
 */
public final class IndexAnswers {
  private static final int MAGIC = 0x534b4941; // "SKIA"
  private static final int VERSION = 1;

  /**
   * A longer string or list than this makes a file invalid (a trigger or a reason is a line of
   * text).
   */
  private static final int MAX_LENGTH = 1 << 20;

  private final Map<String, List<Ranked>> ranked = new ConcurrentHashMap<>();
  private final Map<String, List<Similar>> similar = new ConcurrentHashMap<>();

  /** Rankings of an earlier index, each used when {@link #stillValid} says it did not change. */
  private final Map<String, List<Ranked>> prior;

  private final Predicate<String> stillValid;

  /**
   * Similar skills of an earlier index, used when {@link #similarValid} says they did not change.
   */
  private final Map<String, List<Similar>> priorSimilar;

  private final Predicate<SkillId> similarValid;
  private final AtomicLong carried = new AtomicLong();
  private final AtomicLong asked = new AtomicLong();
  private final AtomicLong carriedSimilar = new AtomicLong();

  /** Answers for a build that has none yet: every question is asked and recorded. */
  public IndexAnswers() {
    this(Map.of(), q -> false, Map.of(), id -> false);
  }

  private IndexAnswers(
      Map<String, List<Ranked>> prior,
      Predicate<String> stillValid,
      Map<String, List<Similar>> priorSimilar,
      Predicate<SkillId> similarValid) {
    this.prior = prior;
    this.stillValid = stillValid;
    this.priorSimilar = priorSimilar;
    this.similarValid = similarValid;
  }

  /**
   * Answers for an index that differs from the one {@code earlier} were asked of: a ranking {@code
   * earlier} holds is used (and recorded) when {@code stillValid} says the new index ranks that
   * query the same (an {@code IndexDelta}), and the similar skills of a skill when {@code
   * similarValid} says so; every other question is asked.
   */
  public static IndexAnswers carrying(
      IndexAnswers earlier, Predicate<String> stillValid, Predicate<SkillId> similarValid) {
    return new IndexAnswers(
        Map.copyOf(earlier.ranked), stillValid, Map.copyOf(earlier.similar), similarValid);
  }

  /** How many rankings were taken from an earlier index's answers ({@link #carrying}). */
  public long carried() {
    return carried.get();
  }

  /** How many skills' similar skills were taken from an earlier index's answers. */
  public long carriedSimilar() {
    return carriedSimilar.get();
  }

  /** How many rankings were asked of the index. */
  public long asked() {
    return asked.get();
  }

  /**
   * The phrases ranked so far (asked or carried): after the health stage, the distinct triggers it
   * probed — what the patch state records ({@link RoutingPatcher#record}). A copy, sorted.
   */
  public java.util.SortedSet<String> rankedQueries() {
    return new java.util.TreeSet<>(ranked.keySet());
  }

  /** The skills a phrase routes to, best first, as the routing health probes them. */
  @FunctionalInterface
  public interface Ranker {
    List<Ranked> rank(String query);
  }

  /** One skill a phrase routes to, and its router score. */
  public record Ranked(SkillId id, double score) {}

  /**
   * A ranker answering from these answers, asking {@code live}, made on first need (and recording),
   * what they do not hold.
   */
  public Ranker ranker(Supplier<Ranker> live) {
    Supplier<Ranker> once = memo(live);
    return query ->
        held(
            ranked,
            query,
            () -> {
              List<Ranked> before = prior.get(query);
              if (before != null && stillValid.test(query)) {
                carried.incrementAndGet();
                return before;
              }
              asked.incrementAndGet();
              return once.get().rank(query);
            });
  }

  /**
   * Similar skills: {@code n} of {@code id}'s, from these answers, else from {@code live} (and
   * recorded).
   */
  @FunctionalInterface
  public interface Finder {
    List<Similar> similar(SkillId id, int n);
  }

  /**
   * A finder answering from these answers, asking {@code live}, made on first need, for the rest.
   */
  public Finder finder(Supplier<Finder> live) {
    Supplier<Finder> once = memo(live);
    return (id, n) -> {
      String question = id.value() + "\u0000" + n;
      return held(
          similar,
          question,
          () -> {
            List<Similar> before = priorSimilar.get(question);
            if (before != null && similarValid.test(id)) {
              carriedSimilar.incrementAndGet();
              return before;
            }
            return once.get().similar(id, n);
          });
    };
  }

  /**
   * The answers {@code file} holds for an index whose key is {@code key}; empty when the file is
   * missing, unreadable, for another key or malformed (the build then asks again).
   */
  static Optional<IndexAnswers> read(Path file, String key) {
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      return Optional.empty();
    }
    try {
      byte[] bytes = Files.readAllBytes(file);
      // the payload, then its CRC-32: a damaged file must not answer (a flipped score would change
      // a page)
      if (bytes.length < Long.BYTES
          || crc(bytes, bytes.length - Long.BYTES)
              != ByteBuffer.wrap(bytes, bytes.length - Long.BYTES, Long.BYTES).getLong()) {
        return Optional.empty();
      }
      return parse(
          new DataInputStream(new ByteArrayInputStream(bytes, 0, bytes.length - Long.BYTES)), key);
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static Optional<IndexAnswers> parse(DataInputStream in, String key) {
    try {
      if (in.readInt() != MAGIC || in.readInt() != VERSION || !string(in).equals(key)) {
        return Optional.empty();
      }
      IndexAnswers a = new IndexAnswers();
      for (int i = count(in); i > 0; i--) {
        String query = string(in);
        List<Ranked> list = new ArrayList<>();
        for (int j = count(in); j > 0; j--) {
          list.add(new Ranked(new SkillId(string(in)), in.readDouble()));
        }
        a.ranked.put(query, List.copyOf(list));
      }
      for (int i = count(in); i > 0; i--) {
        String question = string(in);
        List<Similar> list = new ArrayList<>();
        for (int j = count(in); j > 0; j--) {
          list.add(new Similar(new SkillId(string(in)), in.readDouble(), string(in)));
        }
        a.similar.put(question, List.copyOf(list));
      }
      return in.read() == -1 ? Optional.of(a) : Optional.empty();
    } catch (IOException
        | RuntimeException e) { // an EOFException for a truncated file, a bad id, …
      return Optional.empty();
    }
  }

  /**
   * Writes these answers for an index whose key is {@code key}, in a stable order (same answers,
   * same bytes).
   */
  void write(Path file, String key) throws IOException {
    Files.createDirectories(file.getParent());
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(MAGIC);
      out.writeInt(VERSION);
      string(out, key);
      Map<String, List<Ranked>> r = new TreeMap<>(ranked);
      out.writeInt(r.size());
      for (var e : r.entrySet()) {
        string(out, e.getKey());
        out.writeInt(e.getValue().size());
        for (Ranked x : e.getValue()) {
          string(out, x.id().value());
          out.writeDouble(x.score());
        }
      }
      Map<String, List<Similar>> s = new TreeMap<>(similar);
      out.writeInt(s.size());
      for (var e : s.entrySet()) {
        string(out, e.getKey());
        out.writeInt(e.getValue().size());
        for (Similar x : e.getValue()) {
          string(out, x.id().value());
          out.writeDouble(x.score());
          string(out, x.reason());
        }
      }
      out.writeLong(crc(bytes.toByteArray(), bytes.size()));
    }
    Files.write(file, bytes.toByteArray());
  }

  private static long crc(byte[] bytes, int length) {
    CRC32 crc = new CRC32();
    crc.update(bytes, 0, length);
    return crc.getValue();
  }

  /**
   * The answer {@code answers} holds for {@code question}, else {@code ask}'s, recorded (asked
   * outside any lock).
   */
  private static <T> List<T> held(
      Map<String, List<T>> answers, String question, Supplier<List<T>> ask) {
    List<T> held = answers.get(question);
    if (held != null) {
      return held;
    }
    List<T> asked = List.copyOf(ask.get());
    answers.putIfAbsent(question, asked);
    return asked;
  }

  private static <T> Supplier<T> memo(Supplier<T> make) {
    return new Supplier<>() {
      private T value;

      @Override
      public synchronized T get() {
        if (value == null) {
          value = make.get();
        }
        return value;
      }
    };
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
