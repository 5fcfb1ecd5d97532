package dev.skillsite.routing;

import dev.skillsite.model.SkillId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Queue;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.ObjIntConsumer;

/**
 * "More like this" over the routing index: the source skill's most distinctive words (√tf over its
 * name, description, triggers and headings × idf × (1 + ln(1 + tf in its body))) become a weighted
 * BM25 query on the surface ({@link Fields#ALL}) and, weakly, the body of other skills, scored in
 * memory from {@link TermStats} (a sparse dot product over the postings of at most 20 words, into a
 * {@link ScoreTable} of the skills they reach; on a large collection only the rarer words, as many
 * as fit {@link #MAX_POSTINGS}). A skill is similar only when its surface shares at least {@link
 * #MIN_SHARED} of those words that are specific in general (against the {@link Background}: each
 * alone as specific as the evidence {@link Confidence#MIN_EVIDENCE} a skill needs to fire); the
 * reason names the top three in words. Thread-safe.
 */
public final class SimilarSkills {
  private static final int MAX_TERMS = 20;

  /**
   * A similar skill shares at least this many specific words with the source (one is a
   * coincidence).
   */
  static final int MIN_SHARED = 2;

  /**
   * The most postings one skill's query walks: its words are walked rarest first while their
   * postings (in both fields) fit, and a word that does not fit neither finds nor scores anyone. A
   * skill's list shows its best three of the {@code 3n + 1} it ranks, so it needs the skills that
   * share its rare words, not every skill that shares a common one; the words left out are its
   * commonest, of least weight. Below {@code MAX_POSTINGS / (2 · MAX_TERMS · 0.3)} = 3,333 skills
   * nothing changes (a word in more than 30% of the skills is never used, so 2 · 20 postings lists
   * of at most 1,000 always fit); above it a skill costs at most this many postings, so relating
   * every skill grows like n, not n².
   */
  static final int MAX_POSTINGS = 40_000;

  private static final List<Fields.Weighted> FIELDS =
      List.of(new Fields.Weighted(Fields.ALL, 1.0f), new Fields.Weighted(Fields.BODY, 0.3f));
  private final Skills index;
  private final SimilarStats stats;
  private final int maxPostings;

  /** Told each query's walk as {@link #similar} makes it (a patch records them: one query each). */
  private final ObjIntConsumer<Walk> walks;

  /** Score tables not in use, one a thread at most: a table is as long as the collection. */
  private final Queue<ScoreTable> tables = new ConcurrentLinkedQueue<>();

  SimilarSkills(RoutingIndex index, TermStats stats) {
    this(index, stats, MAX_POSTINGS);
  }

  /** Over a full build's index, telling {@code walks} each query's walk it makes. */
  SimilarSkills(RoutingIndex index, TermStats stats, ObjIntConsumer<Walk> walks) {
    this(index, stats, MAX_POSTINGS, walks);
  }

  SimilarSkills(RoutingIndex index, TermStats stats, int maxPostings) {
    this(index, stats, maxPostings, (walk, doc) -> {});
  }

  private SimilarSkills(
      RoutingIndex index, TermStats stats, int maxPostings, ObjIntConsumer<Walk> walks) {
    this(
        new Skills() {
          @Override
          public int size() {
            return index.size();
          }

          @Override
          public IndexedSkill skill(int doc) {
            return index.skill(doc);
          }

          @Override
          public TermReader terms() {
            return index.terms();
          }

          @Override
          public Background background() {
            return index.background();
          }

          @Override
          public OptionalInt doc(SkillId id) {
            Optional<Integer> d = index.doc(id);
            return d.isPresent() ? OptionalInt.of(d.get()) : OptionalInt.empty();
          }
        },
        stats,
        maxPostings,
        walks);
  }

  /**
   * Over the skills of {@code index} and the postings {@code stats} reads: a full build's index
   * ({@link TermStats}) or a patched one ({@link PatchedStats}), the same lists from the same
   * collection.
   */
  SimilarSkills(Skills index, SimilarStats stats, int maxPostings) {
    this(index, stats, maxPostings, (walk, doc) -> {});
  }

  /** As above, telling {@code walks} each query's {@link Walk} (with its document) it makes. */
  SimilarSkills(Skills index, SimilarStats stats, int maxPostings, ObjIntConsumer<Walk> walks) {
    this.index = index;
    this.stats = stats;
    this.maxPostings = maxPostings;
    this.walks = walks;
  }

  /** The skills a query reads: their stored parts, by document (position in the collection). */
  interface Skills {
    int size();

    IndexedSkill skill(int doc);

    TermReader terms();

    Background background();

    /** The document of the skill with that id. */
    OptionalInt doc(SkillId id);
  }

  /**
   * One skill's "more like this" query: its (at most {@link #MAX_TERMS}) heaviest words, their
   * weights and the text each came from; {@code walked} are those that collect candidates.
   */
  private record Query(
      List<String> top,
      Map<String, Double> weight,
      Map<String, String> surface,
      Set<String> walked,
      double next,
      Map<String, int[]> own) {}

  /**
   * The largest {@code n} the related stage asks {@link #similar} for: {@code RELATED + 1 +
   * declared}, and it asks only while fewer than {@code RELATED} are declared, so at most {@code 2
   * · RELATED} (build/RelatedPatchTest holds the two together). A {@link Walk}'s {@code floor} is
   * the score of the {@link #FLOOR_DEPTH}-th best candidate, at or below every list's window.
   */
  public static final int MAX_N = 12;

  /** The window {@code 3 · MAX_N + 1} a walk's {@code floor} is the last score of. */
  static final int FLOOR_DEPTH = 3 * MAX_N + 1;

  /**
   * One chosen word of a query, with what its weight is made of besides the collection: its
   * frequency on the source's surface and in its body. Its weight is {@code √tf · idf(max df) · (1
   * + ln(1 + bodyFreq))}, computed as {@link SimilarSkills} does, so {@link #weight} gives it bit
   * for bit from the word's document frequencies now.
   */
  record Chosen(String term, int tf, int bodyFreq) {
    double weight(int total, int df) {
      return Math.sqrt(tf) * Idf.of(total, df) * (1 + Math.log1p(bodyFreq));
    }
  }

  /**
   * What a patch needs to know of one skill's query ({@link #walk}): its chosen words ({@code top},
   * at most {@link #MAX_TERMS}), those it walks, the weight of its last chosen word ({@code cut}; 0
   * when it chose fewer than {@link #MAX_TERMS}) and the heaviest weight of a usable surface word
   * it did not choose ({@code next}; 0 when none).
   */
  record Walk(
      Set<String> top,
      Set<String> walked,
      double cut,
      double next,
      List<Chosen> chosen,
      float floor,
      Scores scores) {

    /**
     * {@code chosen}: the chosen words in the query's order (weight, then word); {@code floor}: the
     * score (as a float) of the {@link #FLOOR_DEPTH}-th best candidate, 0 when fewer were found;
     * {@code scores}: what a patch needs of the best {@code FLOOR_DEPTH + 1} scores.
     */
    Walk {}
  }

  /**
   * The best {@code FLOOR_DEPTH + 1} candidates' scores (as the ranking compares them, floats) in
   * the three numbers a patch needs to tell whether a bounded drift of every score can reorder them
   * ({@code RoutingPatch.Patched.listHolds}): {@code best}, the first; {@code gap}, the least
   * difference between consecutive ones among the first {@link #FLOOR_DEPTH} (all of them when
   * fewer), pairs of two unlisted candidates not counted ({@link #of}; {@link
   * Float#POSITIVE_INFINITY} when no pair counts); {@code beyond}, the {@code FLOOR_DEPTH + 1}-th
   * (0 when fewer were found: every other skill scores 0).
   */
  record Scores(float best, float gap, float beyond) {
    static final Scores NONE = new Scores(0f, Float.POSITIVE_INFINITY, 0f);

    /**
     * Of the candidates {@code ranked} (best first), with the words each shares with the source
     * ({@code shared}, at least the first {@code FLOOR_DEPTH}): the gap counts only pairs with a
     * listed candidate in them (one sharing {@link #MIN_SHARED} words), up to the one after the
     * {@link #MAX_N}-th listed. Unlisted candidates may pass one another without moving a listed
     * one's rank, which is all a list reads, and no list shows more than {@code MAX_N}.
     */
    static Scores of(ScoreTable table, int[] ranked, List<List<String>> shared) {
      if (ranked.length == 0) {
        return NONE;
      }
      int window = Math.min(ranked.length, FLOOR_DEPTH);
      float gap = Float.POSITIVE_INFINITY;
      int listed = 0;
      for (int i = 1; i < window && listed < MAX_N; i++) {
        boolean above = shared.get(i - 1).size() >= MIN_SHARED;
        if (above || shared.get(i).size() >= MIN_SHARED) {
          gap = Math.min(gap, (float) table.score(ranked[i - 1]) - (float) table.score(ranked[i]));
        }
        listed += above ? 1 : 0; // a list shows at most MAX_N: ranks past its last do not count
      }
      float beyond = ranked.length > FLOOR_DEPTH ? (float) table.score(ranked[FLOOR_DEPTH]) : 0f;
      return new Scores((float) table.score(ranked[0]), gap, beyond);
    }
  }

  /**
   * The record of skill {@code doc}'s query, as {@link #similar} makes it now (its walk scored, for
   * the floor).
   */
  Walk walk(int doc) {
    Query q = query(doc);
    if (q.top().isEmpty()) {
      return walkOf(q, 0f, Scores.NONE);
    }
    ScoreTable table = table();
    try {
      score(q, table);
      int[] best = table.best(FLOOR_DEPTH + 1);
      List<List<String>> shared =
          shared(doc, q, Arrays.copyOf(best, Math.min(best.length, FLOOR_DEPTH)));
      return walkOf(q, floor(table, best), Scores.of(table, best, shared));
    } finally {
      table.clear();
      tables.offer(table);
    }
  }

  private static float floor(ScoreTable table, int[] best) {
    return best.length < FLOOR_DEPTH ? 0f : (float) table.score(best[FLOOR_DEPTH - 1]);
  }

  private static Walk walkOf(Query q, float floor, Scores scores) {
    double cut = q.top().size() < MAX_TERMS ? 0 : q.weight().get(q.top().get(MAX_TERMS - 1));
    List<Chosen> chosen = new ArrayList<>();
    for (String t : q.top()) {
      int[] own = q.own().get(t);
      chosen.add(new Chosen(t, own[0], own[1]));
    }
    return new Walk(
        new TreeSet<>(q.top()), new TreeSet<>(q.walked()), cut, q.next(), chosen, floor, scores);
  }

  /**
   * {@code walk} in a few hundred bytes (its words once, small numbers as varints): what a full
   * build keeps of each skill's query between the related stage and the routing state's write,
   * instead of the {@link Walk} (its sets and records are several times larger).
   */
  static byte[] pack(Walk walk) {
    try {
      var bytes = new java.io.ByteArrayOutputStream(256);
      var out = new java.io.DataOutputStream(bytes);
      out.writeDouble(walk.cut());
      out.writeDouble(walk.next());
      out.writeFloat(walk.floor());
      out.writeFloat(walk.scores().best());
      out.writeFloat(walk.scores().gap());
      out.writeFloat(walk.scores().beyond());
      varint(out, walk.chosen().size());
      for (Chosen c : walk.chosen()) {
        out.writeUTF(c.term());
        varint(out, c.tf() << 1 | (walk.walked().contains(c.term()) ? 1 : 0));
        varint(out, c.bodyFreq());
      }
      return bytes.toByteArray();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The {@link Walk} {@link #pack} packed: equal to it. */
  static Walk unpack(byte[] packed) {
    try {
      var in = new java.io.DataInputStream(new java.io.ByteArrayInputStream(packed));
      double cut = in.readDouble();
      double next = in.readDouble();
      float floor = in.readFloat();
      Scores scores = new Scores(in.readFloat(), in.readFloat(), in.readFloat());
      int count = varint(in);
      List<Chosen> chosen = new ArrayList<>(count);
      Set<String> top = new TreeSet<>();
      Set<String> walked = new TreeSet<>();
      for (int i = 0; i < count; i++) {
        String term = in.readUTF();
        int tfWalked = varint(in);
        chosen.add(new Chosen(term, tfWalked >>> 1, varint(in)));
        top.add(term);
        if ((tfWalked & 1) == 1) {
          walked.add(term);
        }
      }
      return new Walk(top, walked, cut, next, chosen, floor, scores);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void varint(java.io.DataOutputStream out, int v) throws java.io.IOException {
    while ((v & ~0x7F) != 0) {
      out.writeByte((v & 0x7F) | 0x80);
      v >>>= 7;
    }
    out.writeByte(v);
  }

  private static int varint(java.io.DataInputStream in) throws java.io.IOException {
    int v = 0;
    for (int shift = 0; ; shift += 7) {
      int b = in.readUnsignedByte();
      v |= (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        return v;
      }
    }
  }

  /**
   * The words {@code chosen} walk, in the order {@link #similar} decides it ({@code postings} of
   * each: its documents in both fields), within {@code maxPostings}.
   */
  static Set<String> walked(List<String> chosen, Map<String, Integer> postings, int maxPostings) {
    Set<String> walked = new HashSet<>();
    long sum = 0;
    List<String> byPostings = new ArrayList<>(chosen);
    byPostings.sort( // fewest postings first, then by word (no stream: a patch asks thousands)
        (a, b) -> {
          int c = Integer.compare(postings.get(a), postings.get(b));
          return c != 0 ? c : a.compareTo(b);
        });
    for (String t : byPostings) {
      sum += postings.get(t);
      if (sum > maxPostings) {
        break;
      }
      walked.add(t);
    }
    return walked;
  }

  /** The budget of postings this instance's queries walk. */
  int maxPostings() {
    return maxPostings;
  }

  /** Field weights of a query: {@code all} 1.0, {@code body} 0.3. */
  static List<Fields.Weighted> fields() {
    return FIELDS;
  }

  /** Whether a word in {@code df} of the collection's {@code total} skills may be chosen. */
  static boolean usable(int df, int total) {
    return df > 1 && (df <= 2 || df < Bm25.documentCount(total) * 0.3);
  }

  private Query query(int doc) {
    String text = surfaceText(index.skill(doc));
    Map<String, Integer> tf = new HashMap<>();
    Map<String, String> surface = new LinkedHashMap<>();
    for (var line : text.split("\n")) {
      for (var e : index.terms().surfaces(Fields.DESCRIPTION, line).entrySet()) {
        tf.merge(e.getKey(), 1, Integer::sum);
        surface.putIfAbsent(e.getKey(), e.getValue());
      }
    }
    int total = index.size();
    Map<String, Double> weight = new HashMap<>();
    Map<String, int[]> own = new HashMap<>();
    for (var e : tf.entrySet()) {
      int df = docFreq(e.getKey());
      if (usable(df, total)) {
        // words the skill's body keeps coming back to are its topic; a word only its description
        // uses
        // ("proactively", "invoke") is phrasing
        int bodyFreq = stats.freq(Fields.BODY, e.getKey(), doc);
        Chosen c = new Chosen(e.getKey(), e.getValue(), bodyFreq);
        weight.put(e.getKey(), c.weight(total, df));
        own.put(e.getKey(), new int[] {e.getValue(), bodyFreq});
      }
    }
    List<String> top =
        weight.entrySet().stream()
            .sorted(
                Map.Entry.<String, Double>comparingByValue()
                    .reversed()
                    .thenComparing(Map.Entry.comparingByKey()))
            .limit(MAX_TERMS)
            .map(Map.Entry::getKey)
            .toList();
    double next = 0;
    Set<String> chosen = new HashSet<>(top);
    for (var e : weight.entrySet()) {
      if (!chosen.contains(e.getKey())) {
        next = Math.max(next, e.getValue());
      }
    }
    Map<String, Integer> postings = new HashMap<>();
    for (String t : top) {
      postings.put(t, postings(t));
    }
    Set<String> walked = walked(top, postings, maxPostings);
    return new Query(top, weight, surface, walked, next, own);
  }

  /** The postings of {@code term} a query walks: its documents in both fields. */
  private int postings(String term) {
    return stats.docFreq(Fields.ALL, term) + stats.docFreq(Fields.BODY, term);
  }

  private int docFreq(String term) {
    return Math.max(stats.docFreq(Fields.ALL, term), stats.docFreq(Fields.BODY, term));
  }

  /**
   * The (at most) {@code n} skills most similar to {@code id}, most similar first; none for an
   * unknown id.
   */
  public List<Similar> similar(SkillId id, int n) {
    OptionalInt docOpt = index.doc(id);
    if (docOpt.isEmpty() || n <= 0) {
      return List.of();
    }
    int doc = docOpt.getAsInt();
    Query q = query(doc);
    if (q.top().isEmpty()) {
      return List.of();
    }
    ScoreTable table = table();
    try {
      return similar(doc, n, q, table);
    } finally {
      table.clear();
      tables.offer(table);
    }
  }

  private ScoreTable table() {
    ScoreTable table = tables.poll();
    if (table == null || table.capacity() != index.size()) {
      table = new ScoreTable(index.size());
    }
    return table;
  }

  private void score(Query q, ScoreTable table) {
    for (String t : q.top()) {
      if (q.walked().contains(t)) {
        for (Fields.Weighted f : FIELDS) {
          stats.addScores(f.field(), t, (float) (f.boost() * q.weight().get(t)), table);
        }
      }
    }
  }

  private List<Similar> similar(int doc, int n, Query q, ScoreTable table) {
    score(q, table);
    List<Similar> out = new ArrayList<>();
    int window = 3 * n + 1;
    int[] ranked = table.best(Math.max(window, FLOOR_DEPTH + 1));
    int[] cover = Arrays.copyOf(ranked, Math.min(ranked.length, Math.max(window, FLOOR_DEPTH)));
    List<List<String>> shared = shared(doc, q, cover);
    walks.accept(walkOf(q, floor(table, ranked), Scores.of(table, ranked, shared)), doc);
    for (int i = 0; i < Math.min(window, cover.length); i++) {
      if (out.size() < n && shared.get(i).size() >= MIN_SHARED) {
        int other = cover[i];
        out.add(
            new Similar(
                index.skill(other).id(), (float) table.score(other), reason(shared.get(i))));
      }
    }
    return out;
  }

  /**
   * For each candidate of {@code docs} (the source {@code doc} aside: none), the specific chosen
   * words it shares with the source, by their surface text, heaviest first: it is listed when they
   * are at least {@link #MIN_SHARED}. A property of the candidate's own words (and the source's
   * query), not of its rank.
   */
  private List<List<String>> shared(int doc, Query q, int[] docs) {
    Background background = index.background();
    // what the two share must be specific: words most skills anywhere use ("page", "never",
    // "multi") say nothing about what a skill is for, however rare they are in one small collection
    List<String> specific =
        q.top().stream()
            .filter(t -> background.idf(t) / background.maxIdf() >= Confidence.MIN_EVIDENCE)
            .sorted(Comparator.comparingDouble((String t) -> -q.weight().get(t)))
            .toList();
    Map<String, boolean[]> held = new HashMap<>();
    for (String t : specific) {
      held.put(t, stats.contains(Fields.ALL, t, docs));
    }
    List<List<String>> out = new ArrayList<>(docs.length);
    for (int i = 0; i < docs.length; i++) {
      int at = i;
      out.add(
          docs[i] == doc
              ? List.of()
              : specific.stream()
                  .filter(t -> held.get(t)[at])
                  .map(q.surface()::get)
                  .distinct()
                  .toList());
    }
    return out;
  }

  /**
   * The skills whose {@link #similar} list may change when skill {@code id}'s words change (its own
   * aside), the collection statistics held: those whose query walks a word {@code id} holds. Ask
   * the index before the edit and the one after it and take both (a skill that gains a word is
   * found through the index after it). Cost: a look-up per word of the collection to find {@code
   * id}'s words, then {@link #affectedByTerms}'s.
   */
  Set<SkillId> affectedBy(SkillId id) {
    OptionalInt doc = index.doc(id);
    if (doc.isEmpty()) {
      return Set.of();
    }
    if (!(stats instanceof TermStats all)) {
      throw new IllegalStateException("a skill's words are found in an index read whole");
    }
    Set<String> terms = new HashSet<>();
    for (Fields.Weighted f : FIELDS) {
      terms.addAll(all.termsOf(f.field(), doc.getAsInt(), maxPostings));
    }
    Set<SkillId> out = affectedByTerms(terms);
    out.remove(id);
    return out;
  }

  /**
   * The skills whose {@link #similar} list may change when some skill's frequency or length of
   * these terms changes, the collection statistics held: a skill's candidates and scores come from
   * the words its query walks only, so a skill whose query walks none of {@code terms} keeps them
   * all. Cost: one query (the skill's words, not its walk) per skill holding a term of at most
   * {@link #MAX_POSTINGS} postings; a registry's incremental build would rather keep, from its last
   * full relate, which skills walk each word.
   */
  Set<SkillId> affectedByTerms(Collection<String> terms) {
    Map<Integer, Query> queries = new HashMap<>();
    Set<SkillId> out = new TreeSet<>(Comparator.comparing(SkillId::value));
    for (String t : terms) {
      int df = docFreq(t);
      if (df <= 1
          || postings(t) > maxPostings
          || df > 2 && df >= Bm25.documentCount(index.size()) * 0.3) {
        continue; // no query walks it
      }
      // a query's words are its surface's, which the "all" field indexes
      for (int other : stats.docs(Fields.ALL, t)) {
        if (queries.computeIfAbsent(other, this::query).walked().contains(t)) {
          out.add(index.skill(other).id());
        }
      }
    }
    return out;
  }

  /** The text a skill's "more like this" query is made of, one part a line. */
  static String surfaceText(IndexedSkill s) {
    return String.join(
        "\n",
        SkillDocument.nameWords(s.name()),
        s.description(),
        String.join("\n", s.phrases()),
        String.join("\n", s.keywords()),
        String.join("\n", s.headings()));
  }

  /** "both cover GenServer, supervision and ETS": at most three shared words, in words. */
  static String reason(List<String> shared) {
    List<String> three = shared.subList(0, Math.min(3, shared.size()));
    String words =
        three.size() == 1
            ? three.get(0)
            : String.join(", ", three.subList(0, three.size() - 1))
                + " and "
                + three.get(three.size() - 1);
    return "both cover " + words;
  }
}
