package dev.skillsite.routing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.apache.lucene.search.ScoreDoc;

/**
 * Routes a user's phrase to skills. The score of a skill is explicit:
 *
 * <pre>
 *   score(q, d) = Σ_fields Σ_terms t of q in field f   boost(f) · w(t) · BM25_f(t, d)
 * </pre>
 *
 * with the boosts of {@link Fields#SEARCHED}, {@code w(t)} = 1 for typed words and {@link
 * Synonyms#WEIGHT} for synonyms, and Lucene's BM25 (k1 = 1.2, b = 0.75). Whether the top skill
 * should fire is decided by {@link Confidence}, which does not use the raw score. Thread-safe.
 */
public final class Router {
  /** Queries are cut to this many distinct terms per field (and as many synonym terms). */
  public static final int MAX_TERMS_PER_FIELD = QueryTerms.MAX_TERMS_PER_FIELD;

  /** How many hits are ranked before confidence is computed, at least. */
  public static final int MIN_RANKED = 10;

  private final RoutingSource index;
  private final Synonyms synonyms = new Synonyms();
  private final Confidence confidence;
  private final List<Fields.Weighted> fields;

  public Router(RoutingIndex index) {
    this(index, index.confidence());
  }

  public Router(RoutingIndex index, Confidence confidence) {
    this(index, confidence, Fields.SEARCHED);
  }

  /** With other field boosts (for tuning). */
  Router(RoutingIndex index, Confidence confidence, List<Fields.Weighted> fields) {
    this(index.source(), confidence, fields);
  }

  /**
   * Routes over a SolrCloud collection: the same ranking, confidence and explanation as over a
   * local index of the same skills (the collection's per-field scores are not explained: {@code
   * explain} gives no contributions).
   */
  public Router(SolrSource solr, Confidence confidence) {
    this(solr, confidence, Fields.SEARCHED);
  }

  /** Over any source (the patched index of the build cache, {@link PatchedIndex}). */
  static Router over(RoutingSource source, Confidence confidence) {
    return new Router(source, confidence, Fields.SEARCHED);
  }

  private Router(RoutingSource source, Confidence confidence, List<Fields.Weighted> fields) {
    this.index = source;
    this.confidence = confidence;
    this.fields = List.copyOf(fields);
  }

  public RouteResult route(String query, int top) {
    return run(query, top, false, true).result();
  }

  /**
   * The same hits, scores, confidence and abstention as {@link #route}, without finding each hit's
   * matched phrase and field (they are {@code ""}): a quarter of the cost, for callers that probe
   * many phrases and need only who wins (the build's routing health).
   */
  public RouteResult rank(String query, int top) {
    return run(query, top, false, false).result();
  }

  /**
   * The result with the per-field contributions (from Lucene's explain) and confidence features
   * behind it.
   */
  public RouteExplanation explain(String query, int top) {
    return run(query, top, true, true);
  }

  private RouteExplanation run(
      String query, int top, boolean withContributions, boolean withMatches) {
    QueryTerms qt = QueryTerms.of(query, index.terms(), synonyms, fields);
    int k = Math.max(top, MIN_RANKED);
    RoutingSource.Ranked ranked = index.rank(query, qt, fields, k);
    ScoreDoc[] sd = ranked.hits();
    boolean invoked = ranked.invoked();
    if (sd.length == 0) {
      return new RouteExplanation(
          new RouteResult(query, true, false, List.of()),
          List.of(),
          Confidence.Features.NONE,
          confidence.threshold(),
          qt.words(),
          false,
          0,
          List.of());
    }
    HitTerms ht = ranked.terms();
    Confidence.Features features = confidence.features(index, ht, qt, sd);
    double lexical = confidence.score(features);
    // a skill called by name fires: the user said which one
    double conf = invoked ? 1.0 : lexical;
    boolean abstained = conf < confidence.threshold();
    boolean ambiguous = !abstained && !invoked && features.margin() < Confidence.AMBIGUOUS_MARGIN;
    // the best score from the query's words (a skill called by name may come first with less)
    float best = Math.max(sd[0].score, sd.length > 1 ? sd[1].score : 0);
    List<RouteHit> hits = new ArrayList<>();
    List<Map<String, Double>> contributions = new ArrayList<>();
    for (int i = 0; i < Math.min(top, sd.length); i++) {
      IndexedSkill s = index.skill(sd[i].doc);
      if (withContributions) {
        contributions.add(index.contributions(qt, fields, sd[i].doc));
      }
      int doc = sd[i].doc;
      double c = i == 0 ? conf : lexical * sd[i].score / best;
      if (!withMatches) {
        hits.add(new RouteHit(s.id(), s.name(), sd[i].score, c, "", ""));
        continue;
      }
      var matched =
          i == 0 && invoked
              ? Optional.of(new Matched.Candidate(Fields.NAME, s.name(), List.of()))
              : Matched.best(index, ht, qt, doc);
      String field =
          matched
              .map(Matched.Candidate::field)
              .orElseGet(() -> displayField(mainField(ht, qt, doc)));
      hits.add(
          new RouteHit(
              s.id(),
              s.name(),
              sd[i].score,
              c,
              field,
              matched.map(Matched.Candidate::text).orElse("")));
    }
    List<String> notFor =
        withMatches && features.excluded() > 0 && !invoked
            ? excludingClauses(ht, qt, sd[0].doc)
            : List.of();
    return new RouteExplanation(
        new RouteResult(query, abstained, ambiguous, hits),
        contributions,
        features,
        confidence.threshold(),
        qt.words(),
        invoked,
        lexical,
        notFor);
  }

  /**
   * The words of {@code query} that the skill called {@code name} does not use (in its name,
   * description, triggers, headings, body or "Not for …" clauses), the most specific first: rarest
   * among skills in general ({@link Background}). When the query fired that skill and should not
   * have, these are what a "Not for …" clause could name. Numbers and Chinese/Japanese/Korean
   * character pairs are left out; empty when no skill has that name.
   */
  public List<String> unusedWords(String query, String name, int max) {
    OptionalInt doc = index.docNamed(name);
    if (doc.isEmpty()) {
      return List.of();
    }
    int d = doc.getAsInt();
    Map<String, String> surfaces = index.terms().surfaces(Fields.DESCRIPTION, query);
    List<String> asked =
        Stream.concat(Confidence.SURFACE.stream(), Stream.of(Fields.BODY, Fields.NOT_FOR)).toList();
    HitTerms ht = index.hitTerms(new int[] {d}, surfaces.keySet(), asked);
    List<Map.Entry<String, String>> unused = new ArrayList<>();
    for (var e : surfaces.entrySet()) {
      String t = e.getKey();
      boolean skip =
          t.chars().allMatch(Character::isDigit) || CjkBigramFilter.isCjk(t.codePointAt(0));
      if (!skip && asked.stream().noneMatch(f -> ht.contains(f, t, d))) {
        unused.add(e);
      }
    }
    Background bg = index.background();
    return unused.stream()
        .sorted(Comparator.comparingDouble((Map.Entry<String, String> e) -> -bg.idf(e.getKey())))
        .map(Map.Entry::getValue)
        .distinct()
        .limit(max)
        .toList();
  }

  /**
   * The "Not for …" clauses of {@code doc} that hold a query word its other text does not: what
   * excluded it.
   */
  private List<String> excludingClauses(HitTerms ht, QueryTerms qt, int doc) {
    List<String> out = new ArrayList<>();
    for (String clause : index.skill(doc).notFor()) {
      for (String t : index.terms().terms(Fields.NOT_FOR, clause)) {
        if (qt.words().contains(t)
            && Confidence.SURFACE.stream().noneMatch(f -> ht.contains(f, t, doc))) {
          out.add(clause);
          break;
        }
      }
    }
    return out;
  }

  /**
   * The field that matched the query best: the largest Σ boost · weight · idf over the query terms
   * the field holds (BM25 without its tf and length parts, cheap enough for every hit).
   */
  private String mainField(HitTerms ht, QueryTerms qt, int doc) {
    String best = Fields.BODY;
    double bestScore = 0;
    int n = index.size();
    for (Fields.Weighted f : fields) {
      if (f.boost() <= 0) {
        continue;
      }
      double score = 0;
      for (var e : qt.byField().get(f.field()).entrySet()) {
        if (ht.contains(f.field(), e.getKey(), doc)) {
          score += f.boost() * e.getValue() * Idf.of(n, ht.docFreq(f.field(), e.getKey()));
        }
      }
      if (score > bestScore) {
        bestScore = score;
        best = f.field();
      }
    }
    return best;
  }

  /**
   * The shingle and light fields are variants of the trigger text: report them as "description".
   */
  private static String displayField(String field) {
    return switch (field) {
      case Fields.SHINGLE, Fields.LIGHT -> Fields.DESCRIPTION;
      default -> field;
    };
  }
}
