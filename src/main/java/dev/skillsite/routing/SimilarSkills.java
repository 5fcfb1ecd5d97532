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

  SimilarSkills(RoutingIndex index, TermStats stats, int maxPostings) {
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
        maxPostings);
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
      float floor) {

    /**
     * {@code chosen}: the chosen words in the query's order (weight, then word); {@code floor}: the
     * score (as a float) of the {@link #FLOOR_DEPTH}-th best candidate, 0 when fewer were found.
     */
    Walk {}
  }

  /**
   * The record of skill {@code doc}'s query, as {@link #similar} makes it now (its walk scored, for
   * the floor).
   */
  Walk walk(int doc) {
    Query q = query(doc);
    if (q.top().isEmpty()) {
      return walkOf(q, 0f);
    }
    ScoreTable table = table();
    try {
      score(q, table);
      int[] best = table.best(FLOOR_DEPTH);
      return walkOf(q, floor(table, best));
    } finally {
      table.clear();
      tables.offer(table);
    }
  }

  private static float floor(ScoreTable table, int[] best) {
    return best.length < FLOOR_DEPTH ? 0f : (float) table.score(best[FLOOR_DEPTH - 1]);
  }

  private static Walk walkOf(Query q, float floor) {
    double cut = q.top().size() < MAX_TERMS ? 0 : q.weight().get(q.top().get(MAX_TERMS - 1));
    List<Chosen> chosen = new ArrayList<>();
    for (String t : q.top()) {
      int[] own = q.own().get(t);
      chosen.add(new Chosen(t, own[0], own[1]));
    }
    return new Walk(
        new TreeSet<>(q.top()), new TreeSet<>(q.walked()), cut, q.next(), chosen, floor);
  }

  /**
   * The words {@code chosen} walk, in the order {@link #similar} decides it ({@code postings} of
   * each: its documents in both fields), within {@code maxPostings}.
   */
  static Set<String> walked(List<String> chosen, Map<String, Integer> postings, int maxPostings) {
    Set<String> walked = new HashSet<>();
    long sum = 0;
    for (String t :
        chosen.stream()
            .sorted(Comparator.comparingInt((String c) -> postings.get(c)).thenComparing(c -> c))
            .toList()) {
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
    return df > 1 && (df <= 2 || df < total * 0.3);
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
    Background background = index.background();
    int window = 3 * n + 1;
    int[] ranked = table.best(Math.max(window, FLOOR_DEPTH));
    walks.accept(walkOf(q, floor(table, ranked)), doc);
    int[] best = Arrays.copyOf(ranked, Math.min(window, ranked.length));
    // what the two share must be specific: words most skills anywhere use ("page", "never",
    // "multi") say nothing about what a skill is for, however rare they are in one small collection
    List<String> specific =
        q.top().stream()
            .filter(t -> background.idf(t) / background.maxIdf() >= Confidence.MIN_EVIDENCE)
            .sorted(Comparator.comparingDouble((String t) -> -q.weight().get(t)))
            .toList();
    Map<String, boolean[]> held = new HashMap<>();
    for (String t : specific) {
      held.put(t, stats.contains(Fields.ALL, t, best));
    }
    for (int i = 0; i < best.length; i++) {
      int other = best[i];
      if (other == doc || out.size() >= n) {
        continue;
      }
      int at = i;
      List<String> shared =
          specific.stream().filter(t -> held.get(t)[at]).map(q.surface()::get).distinct().toList();
      if (shared.size() >= MIN_SHARED) {
        out.add(new Similar(index.skill(other).id(), (float) table.score(other), reason(shared)));
      }
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
      if (df <= 1 || postings(t) > maxPostings || df > 2 && df >= index.size() * 0.3) {
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
