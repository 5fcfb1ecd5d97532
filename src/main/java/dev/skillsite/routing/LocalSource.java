package dev.skillsite.routing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.Explanation;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;

/** A {@link RoutingSource} over a local {@link RoutingIndex}. */
final class LocalSource implements RoutingSource {
  private static final Pattern CLAUSE_FIELD = Pattern.compile("^weight\\(([a-z_]+):");
  private final RoutingIndex index;
  private final Invocation invocation;

  LocalSource(RoutingIndex index) {
    this.index = index;
    List<String> names = new ArrayList<>(index.size());
    for (int doc = 0; doc < index.size(); doc++) {
      names.add(index.skill(doc).name());
    }
    this.invocation = new Invocation(names);
  }

  RoutingIndex index() {
    return index;
  }

  @Override
  public TermReader terms() {
    return index.terms();
  }

  @Override
  public int size() {
    return index.size();
  }

  @Override
  public int distinctNames() {
    return index.distinctNames();
  }

  @Override
  public Background background() {
    return index.background();
  }

  @Override
  public IndexedSkill skill(int doc) {
    return index.skill(doc);
  }

  @Override
  public List<Matched.Candidate> candidates(int doc) {
    return index.candidates(doc);
  }

  @Override
  public Ranked rank(String query, QueryTerms qt, List<Fields.Weighted> fields, int k) {
    ScoreDoc[] sd;
    try {
      sd = index.searcher().search(luceneQuery(qt, fields), k).scoreDocs;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    OptionalInt invoked = invocation.find(query);
    if (invoked.isPresent()) {
      sd = RoutingSource.invokedFirst(sd, invoked.getAsInt());
    }
    return new Ranked(
        sd,
        invoked.isPresent(),
        new HitTerms(index, Arrays.stream(sd).mapToInt(h -> h.doc).toArray()));
  }

  @Override
  public OptionalInt docNamed(String name) {
    return index.docNamed(name);
  }

  @Override
  public HitTerms hitTerms(int[] docs, Collection<String> terms, Collection<String> fields) {
    return new HitTerms(index, docs);
  }

  @Override
  public Map<String, Double> contributions(QueryTerms qt, List<Fields.Weighted> fields, int doc) {
    try {
      return contributions(index.searcher().explain(luceneQuery(qt, fields), doc));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Each field's part of an explained score of {@link #luceneQuery}. */
  static Map<String, Double> contributions(Explanation ex) {
    Map<String, Double> out = new LinkedHashMap<>();
    for (Explanation d : ex.getDetails()) {
      Matcher m = CLAUSE_FIELD.matcher(d.getDescription());
      if (m.find()) {
        out.merge(m.group(1), d.getValue().doubleValue(), Double::sum);
      }
    }
    return out;
  }

  /**
   * Σ over searched fields and query terms of boost(f) · w(t) · BM25_f(t, d), as one Lucene query.
   */
  static Query luceneQuery(QueryTerms qt, List<Fields.Weighted> fields) {
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    for (Fields.Weighted f : fields) {
      if (f.boost() <= 0) {
        continue;
      }
      for (var e : qt.byField().get(f.field()).entrySet()) {
        b.add(
            new BoostQuery(
                new TermQuery(new Term(f.field(), e.getKey())), f.boost() * e.getValue()),
            BooleanClause.Occur.SHOULD);
      }
    }
    return b.build();
  }
}
