package dev.skillsite.routing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.Explanation;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;

/**
 * Routes a user's phrase to skills. The score of a skill is explicit:
 *
 * <pre>
 *   score(q, d) = Σ_fields Σ_terms t of q in field f   boost(f) · w(t) · BM25_f(t, d)
 * </pre>
 *
 * with the boosts of {@link Fields#SEARCHED}, {@code w(t)} = 1 for typed words and {@link Synonyms#WEIGHT}
 * for synonyms, and Lucene's BM25 (k1 = 1.2, b = 0.75). Whether the top skill should fire is decided by
 * {@link Confidence}, which does not use the raw score. Thread-safe.
 */
public final class Router {
  /** Queries are cut to this many distinct terms per field (and as many synonym terms). */
  public static final int MAX_TERMS_PER_FIELD = QueryTerms.MAX_TERMS_PER_FIELD;
  /** How many hits are ranked before confidence is computed, at least. */
  public static final int MIN_RANKED = 10;
  private static final Pattern CLAUSE_FIELD = Pattern.compile("^weight\\(([a-z_]+):");
  private final RoutingIndex index;
  private final Synonyms synonyms = new Synonyms();
  private final Confidence confidence;
  private final List<Fields.Weighted> fields;
  private final Invocation invocation;

  public Router(RoutingIndex index) {
    this(index, index.confidence());
  }

  public Router(RoutingIndex index, Confidence confidence) {
    this(index, confidence, Fields.SEARCHED);
  }

  /** With other field boosts (for tuning). */
  Router(RoutingIndex index, Confidence confidence, List<Fields.Weighted> fields) {
    this.index = index;
    this.confidence = confidence;
    this.fields = List.copyOf(fields);
    List<String> names = new ArrayList<>(index.size());
    for (int doc = 0; doc < index.size(); doc++) {
      names.add(index.skill(doc).name());
    }
    this.invocation = new Invocation(names);
  }

  public RouteResult route(String query, int top) {
    return run(query, top, false, true).result();
  }

  /**
   * The same hits, scores, confidence and abstention as {@link #route}, without finding each hit's matched
   * phrase and field (they are {@code ""}): a quarter of the cost, for callers that probe many phrases and
   * need only who wins (the build's routing health).
   */
  public RouteResult rank(String query, int top) {
    return run(query, top, false, false).result();
  }

  /** The result with the per-field contributions (from Lucene's explain) and confidence features behind it. */
  public RouteExplanation explain(String query, int top) {
    return run(query, top, true, true);
  }

  private RouteExplanation run(String query, int top, boolean withContributions, boolean withMatches) {
    QueryTerms qt = QueryTerms.of(query, index, synonyms, fields);
    Query q = luceneQuery(qt);
    int k = Math.max(top, MIN_RANKED);
    TopDocs docs;
    try {
      docs = index.searcher().search(q, k);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ScoreDoc[] sd = docs.scoreDocs;
    OptionalInt invoked = invocation.find(query);
    if (invoked.isPresent()) {
      sd = invokedFirst(sd, invoked.getAsInt());
    }
    if (sd.length == 0) {
      return new RouteExplanation(new RouteResult(query, true, false, List.of()), List.of(), Confidence.Features.NONE,
          confidence.threshold(), qt.words(), false, 0, List.of());
    }
    HitTerms ht = new HitTerms(index, Arrays.stream(sd).mapToInt(h -> h.doc).toArray());
    Confidence.Features features = confidence.features(index, ht, qt, sd);
    double lexical = confidence.score(features);
    // a skill called by name fires: the user said which one
    double conf = invoked.isPresent() ? 1.0 : lexical;
    boolean abstained = conf < confidence.threshold();
    boolean ambiguous = !abstained && invoked.isEmpty() && features.margin() < Confidence.AMBIGUOUS_MARGIN;
    // the best score from the query's words (a skill called by name may come first with less)
    float best = Math.max(sd[0].score, sd.length > 1 ? sd[1].score : 0);
    List<RouteHit> hits = new ArrayList<>();
    List<Map<String, Double>> contributions = new ArrayList<>();
    for (int i = 0; i < Math.min(top, sd.length); i++) {
      IndexedSkill s = index.skill(sd[i].doc);
      if (withContributions) {
        contributions.add(contributions(q, sd[i].doc));
      }
      int doc = sd[i].doc;
      double c = i == 0 ? conf : lexical * sd[i].score / best;
      if (!withMatches) {
        hits.add(new RouteHit(s.id(), s.name(), sd[i].score, c, "", ""));
        continue;
      }
      var matched = i == 0 && invoked.isPresent()
          ? Optional.of(new Matched.Candidate(Fields.NAME, s.name(), List.of()))
          : Matched.best(index, ht, qt, doc);
      String field = matched.map(Matched.Candidate::field).orElseGet(() -> displayField(mainField(ht, qt, doc)));
      hits.add(new RouteHit(s.id(), s.name(), sd[i].score, c, field, matched.map(Matched.Candidate::text).orElse("")));
    }
    List<String> notFor = withMatches && features.excluded() > 0 && invoked.isEmpty()
        ? excludingClauses(ht, qt, sd[0].doc) : List.of();
    return new RouteExplanation(new RouteResult(query, abstained, ambiguous, hits), contributions, features,
        confidence.threshold(), qt.words(), invoked.isPresent(), lexical, notFor);
  }

  /**
   * The words of {@code query} that the skill called {@code name} does not use (in its name, description,
   * triggers, headings, body or "Not for …" clauses), the most specific first: rarest among skills in general
   * ({@link Background}). When the query fired that skill and should not have, these are what a "Not for …"
   * clause could name. Numbers and Chinese/Japanese/Korean character pairs are left out; empty when no skill
   * has that name.
   */
  public List<String> unusedWords(String query, String name, int max) {
    OptionalInt doc = index.docNamed(name);
    if (doc.isEmpty()) {
      return List.of();
    }
    int d = doc.getAsInt();
    HitTerms ht = new HitTerms(index, new int[] {d});
    List<Map.Entry<String, String>> unused = new ArrayList<>();
    for (var e : index.terms().surfaces(Fields.DESCRIPTION, query).entrySet()) {
      String t = e.getKey();
      boolean skip = t.chars().allMatch(Character::isDigit) || CjkBigramFilter.isCjk(t.codePointAt(0));
      if (!skip && Stream.concat(Confidence.SURFACE.stream(), Stream.of(Fields.BODY, Fields.NOT_FOR))
          .noneMatch(f -> ht.contains(f, t, d))) {
        unused.add(e);
      }
    }
    Background bg = index.background();
    return unused.stream()
        .sorted(Comparator.comparingDouble((Map.Entry<String, String> e) -> -bg.idf(e.getKey())))
        .map(Map.Entry::getValue).distinct().limit(max).toList();
  }

  /** The "Not for …" clauses of {@code doc} that hold a query word its other text does not: what excluded it. */
  private List<String> excludingClauses(HitTerms ht, QueryTerms qt, int doc) {
    List<String> out = new ArrayList<>();
    for (String clause : index.skill(doc).notFor()) {
      for (String t : index.terms().terms(Fields.NOT_FOR, clause)) {
        if (qt.words().contains(t) && Confidence.SURFACE.stream().noneMatch(f -> ht.contains(f, t, doc))) {
          out.add(clause);
          break;
        }
      }
    }
    return out;
  }

  /** The hits with {@code doc} first (at score 0 when the query's words did not reach it). */
  private static ScoreDoc[] invokedFirst(ScoreDoc[] sd, int doc) {
    List<ScoreDoc> out = new ArrayList<>(sd.length + 1);
    ScoreDoc first = new ScoreDoc(doc, 0f);
    for (ScoreDoc h : sd) {
      if (h.doc == doc) {
        first = h;
      } else {
        out.add(h);
      }
    }
    out.add(0, first);
    return out.toArray(ScoreDoc[]::new);
  }

  /**
   * The field that matched the query best: the largest Σ boost · weight · idf over the query terms the
   * field holds (BM25 without its tf and length parts, cheap enough for every hit).
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

  private Query luceneQuery(QueryTerms qt) {
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    for (Fields.Weighted f : fields) {
      if (f.boost() <= 0) {
        continue;
      }
      for (var e : qt.byField().get(f.field()).entrySet()) {
        b.add(new BoostQuery(new TermQuery(new Term(f.field(), e.getKey())), f.boost() * e.getValue()),
            BooleanClause.Occur.SHOULD);
      }
    }
    return b.build();
  }

  private Map<String, Double> contributions(Query q, int doc) {
    Map<String, Double> out = new LinkedHashMap<>();
    try {
      Explanation ex = index.searcher().explain(q, doc);
      for (Explanation d : ex.getDetails()) {
        Matcher m = CLAUSE_FIELD.matcher(d.getDescription());
        if (m.find()) {
          out.merge(m.group(1), d.getValue().doubleValue(), Double::sum);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** The shingle and light fields are variants of the trigger text: report them as "description". */
  private static String displayField(String field) {
    return switch (field) {
      case Fields.SHINGLE, Fields.LIGHT -> Fields.DESCRIPTION;
      default -> field;
    };
  }
}
