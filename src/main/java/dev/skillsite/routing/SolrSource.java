package dev.skillsite.routing;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.skillsite.model.SkillId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.lucene.search.ScoreDoc;

/**
 * A {@link RoutingSource} over a SolrCloud collection of the documents {@link SolrDocuments} makes
 * (schema and plugin written by {@code export --solr}). Per request:
 *
 * <ol>
 *   <li>{@code /select}: the same weighted term query as a local index runs (terms analyzed here,
 *       sent whole), scored by BM25 with the collection's exact statistics (ExactStatsCache), ties
 *       broken by the skills' order; each hit with its stored text and, as {@code termfreq}
 *       pseudo-fields, which query term it holds in which field;
 *   <li>{@code /terms}: each query term's document frequency per field, summed over the shards;
 *   <li>only for a request that may call a skill by name: {@code /select} on the names' words.
 * </ol>
 *
 * The collection's size and number of distinct names are read when the source is made: make a new
 * one after adding or removing skills (replacing a skill's documents needs none). Thread-safe.
 */
public final class SolrSource implements RoutingSource {
  /**
   * Names of more words than this cannot be called by name through Solr (the longest in the corpora
   * has 7).
   */
  static final int MAX_NAME_WORDS = 16;

  /**
   * The user property of the collection's configset (its {@code configoverlay.json}, written by
   * {@code export --solr} or set with Solr's Config API) that keeps the collection's own {@code
   * routing.threshold}.
   */
  public static final String THRESHOLD_PROPERTY = "skillsite.routing.threshold";

  private static final String STORED =
      String.join(
          ",",
          Fields.ID,
          Fields.DISPLAY_NAME,
          Fields.SOURCE,
          SolrDocuments.DESCRIPTION_TEXT,
          Fields.PHRASE,
          Fields.KEYWORD,
          Fields.HEADING,
          Fields.NOT_FOR,
          SolrDocuments.ORD);

  /**
   * The fields in which {@link Confidence} and {@link Matched} ask whether a hit holds a query
   * word.
   */
  private static final List<String> WORD_FIELDS =
      Stream.concat(Confidence.SURFACE.stream(), Stream.of(Fields.BODY, Fields.NOT_FOR)).toList();

  /** The fields whose document frequencies they ask for the query's words. */
  private static final List<String> DF_FIELDS = List.of(Fields.ALL, Fields.BODY, Fields.NOT_FOR);

  private final SolrHttp solr;
  private final TermReader terms = new TermReader(Analysis.perField());
  private final Background background = Background.standard();
  private final int size;
  private final int distinctNames;
  private final Confidence confidence;
  private final Map<Integer, Stored> docs = new ConcurrentHashMap<>();

  /** A hit's stored part, and its analyzed candidates when first asked. */
  private final class Stored {
    final IndexedSkill skill;
    private volatile List<Matched.Candidate> candidates;

    Stored(IndexedSkill skill) {
      this.skill = skill;
    }

    List<Matched.Candidate> candidates() {
      List<Matched.Candidate> c = candidates;
      if (c == null) {
        c = Matched.candidates(terms, skill);
        candidates = c;
      }
      return c;
    }
  }

  /** Reads the collection's size and names. */
  public SolrSource(SolrHttp solr) throws IOException {
    this.solr = solr;
    JsonObject r =
        solr.query(
            "/select",
            List.of(
                Map.entry("q", "*:*"),
                Map.entry("rows", "0"),
                Map.entry("facet", "true"),
                Map.entry("facet.field", Fields.DISPLAY_NAME),
                Map.entry("facet.limit", "2"),
                Map.entry("facet.mincount", "1")));
    this.size = r.getAsJsonObject("response").get("numFound").getAsInt();
    JsonArray names =
        r.getAsJsonObject("facet_counts")
            .getAsJsonObject("facet_fields")
            .getAsJsonArray(Fields.DISPLAY_NAME);
    this.distinctNames = names.size() / 2;
    if (size == 0) {
      throw new IOException("Solr collection '" + solr.collection() + "' holds no skill");
    }
    this.confidence = readConfidence(solr);
  }

  /**
   * When a skill fires in this collection: the threshold its configset keeps ({@value
   * #THRESHOLD_PROPERTY}), else the calibrated default, as {@link RoutingIndex#confidence} for a
   * local index.
   */
  public Confidence confidence() {
    return confidence;
  }

  private static Confidence readConfidence(SolrHttp solr) throws IOException {
    JsonObject overlay = solr.get("/config/overlay").getAsJsonObject("overlay");
    JsonElement props = overlay == null ? null : overlay.get("userProps");
    JsonElement t =
        props != null && props.isJsonObject()
            ? props.getAsJsonObject().get(THRESHOLD_PROPERTY)
            : null;
    if (t == null || t.isJsonNull()) {
      return Confidence.DEFAULT;
    }
    double v;
    try {
      v = Double.parseDouble(t.getAsString());
    } catch (NumberFormatException | UnsupportedOperationException e) {
      v = Double.NaN;
    }
    if (!(v > 0 && v < 1)) {
      throw new IOException(
          "Solr collection '"
              + solr.collection()
              + "': user property "
              + THRESHOLD_PROPERTY
              + " is '"
              + t
              + "', not a number between 0 and 1");
    }
    return Confidence.DEFAULT.withThreshold(v);
  }

  @Override
  public TermReader terms() {
    return terms;
  }

  @Override
  public int size() {
    return size;
  }

  /** 1 or 2: whether the collection has more than one skill name is all routing asks. */
  @Override
  public int distinctNames() {
    return distinctNames;
  }

  @Override
  public Background background() {
    return background;
  }

  @Override
  public IndexedSkill skill(int doc) {
    return stored(doc).skill;
  }

  @Override
  public List<Matched.Candidate> candidates(int doc) {
    return stored(doc).candidates();
  }

  private Stored stored(int doc) {
    Stored s = docs.get(doc);
    if (s == null) {
      throw new IllegalStateException("document " + doc + " was not fetched from Solr");
    }
    return s;
  }

  @Override
  public Ranked rank(String query, QueryTerms qt, List<Fields.Weighted> fields, int k) {
    Map<String, Set<String>> asked = new LinkedHashMap<>();
    for (String f : WORD_FIELDS) {
      asked.computeIfAbsent(f, x -> new LinkedHashSet<>()).addAll(qt.words());
    }
    StringBuilder q = new StringBuilder();
    for (Fields.Weighted f : fields) {
      if (f.boost() <= 0) {
        continue;
      }
      for (var e : qt.byField().get(f.field()).entrySet()) {
        q.append(q.length() == 0 ? "" : " ")
            .append(f.field())
            .append(":\"")
            .append(escape(e.getKey()))
            .append("\"^")
            .append(f.boost() * e.getValue());
        asked.computeIfAbsent(f.field(), x -> new LinkedHashSet<>()).add(e.getKey());
      }
    }
    Map<String, Set<String>> dfAsked = new LinkedHashMap<>();
    asked.forEach((f, ts) -> dfAsked.computeIfAbsent(f, x -> new LinkedHashSet<>()).addAll(ts));
    for (String f : DF_FIELDS) {
      dfAsked.computeIfAbsent(f, x -> new LinkedHashSet<>()).addAll(qt.words());
    }
    try {
      List<Hit> hits =
          q.length() == 0
              ? new ArrayList<>()
              : select(
                  q.toString(),
                  k,
                  asked,
                  List.of(Map.entry("sort", "score desc," + SolrDocuments.ORD + " asc")));
      OptionalInt invoked = invoked(query);
      if (invoked.isPresent() && hits.stream().noneMatch(h -> h.doc == invoked.getAsInt())) {
        hits.addAll(select(SolrDocuments.ORD + ":" + invoked.getAsInt(), 1, asked, List.of()));
      }
      ScoreDoc[] sd = hits.stream().map(h -> new ScoreDoc(h.doc, h.score)).toArray(ScoreDoc[]::new);
      if (invoked.isPresent()) {
        sd = RoutingSource.invokedFirst(sd, invoked.getAsInt());
      }
      int[] order = Arrays.stream(sd).mapToInt(h -> h.doc).toArray();
      return new Ranked(sd, invoked.isPresent(), hitTerms(order, hits, asked, docFreqs(dfAsked)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public OptionalInt docNamed(String name) {
    try {
      JsonObject r =
          solr.query(
              "/select",
              List.of(
                  Map.entry("q", Fields.DISPLAY_NAME + ":\"" + escape(name) + "\""),
                  Map.entry("fl", SolrDocuments.ORD),
                  Map.entry("rows", "1"),
                  Map.entry("sort", SolrDocuments.ORD + " asc")));
      JsonArray d = r.getAsJsonObject("response").getAsJsonArray("docs");
      return d.isEmpty()
          ? OptionalInt.empty()
          : OptionalInt.of(d.get(0).getAsJsonObject().get(SolrDocuments.ORD).getAsInt());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public HitTerms hitTerms(int[] docs, Collection<String> terms, Collection<String> fields) {
    Map<String, Set<String>> asked = new LinkedHashMap<>();
    for (String f : fields) {
      asked.put(f, new LinkedHashSet<>(terms));
    }
    for (String f : DF_FIELDS) {
      asked.computeIfAbsent(f, x -> new LinkedHashSet<>()).addAll(terms);
    }
    try {
      String q =
          SolrDocuments.ORD
              + ":("
              + Arrays.stream(docs).mapToObj(Integer::toString).collect(Collectors.joining(" "))
              + ")";
      List<Hit> hits = select(q, docs.length, asked, List.of());
      return hitTerms(docs, hits, asked, docFreqs(asked));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Solr's per-field scores are not asked for: a collection's route explains confidence, not
   * fields.
   */
  @Override
  public Map<String, Double> contributions(QueryTerms qt, List<Fields.Weighted> fields, int doc) {
    return Map.of();
  }

  /** A document of a response: its place, score and which (field, term) pairs it holds. */
  private record Hit(int doc, float score, Set<HitTerms.Key> holds) {}

  private List<Hit> select(
      String q, int rows, Map<String, Set<String>> asked, List<Map.Entry<String, String>> more)
      throws IOException {
    List<HitTerms.Key> keys = new ArrayList<>();
    StringBuilder fl = new StringBuilder(STORED).append(",score");
    asked.forEach(
        (f, ts) -> {
          for (String t : ts) {
            fl.append(",t")
                .append(keys.size())
                .append(":termfreq(")
                .append(f)
                .append(",'")
                .append(escape(t))
                .append("')");
            keys.add(new HitTerms.Key(f, t));
          }
        });
    List<Map.Entry<String, String>> params =
        new ArrayList<>(
            List.of(
                Map.entry("q", q),
                Map.entry("defType", "lucene"),
                Map.entry("q.op", "OR"),
                Map.entry("rows", Integer.toString(rows)),
                Map.entry("fl", fl.toString())));
    params.addAll(more);
    JsonObject r = solr.query("/select", params);
    List<Hit> out = new ArrayList<>();
    for (JsonElement e : r.getAsJsonObject("response").getAsJsonArray("docs")) {
      JsonObject d = e.getAsJsonObject();
      int ord = d.get(SolrDocuments.ORD).getAsInt();
      docs.put(
          ord,
          new Stored(
              new IndexedSkill(
                  new SkillId(d.get(Fields.ID).getAsString()),
                  d.get(Fields.DISPLAY_NAME).getAsString(),
                  string(d, Fields.SOURCE),
                  string(d, SolrDocuments.DESCRIPTION_TEXT),
                  strings(d, Fields.PHRASE),
                  strings(d, Fields.KEYWORD),
                  strings(d, Fields.HEADING),
                  strings(d, Fields.NOT_FOR))));
      Set<HitTerms.Key> holds = new HashSet<>();
      for (int i = 0; i < keys.size(); i++) {
        JsonElement tf = d.get("t" + i);
        if (tf != null && tf.getAsDouble() > 0) {
          holds.add(keys.get(i));
        }
      }
      out.add(new Hit(ord, d.has("score") ? d.get("score").getAsFloat() : 0f, holds));
    }
    return out;
  }

  /** Documents per (field, term), summed over the shards. */
  private Map<HitTerms.Key, Integer> docFreqs(Map<String, Set<String>> asked) throws IOException {
    Set<String> all = new LinkedHashSet<>();
    asked.values().forEach(all::addAll);
    Map<HitTerms.Key, Integer> out = new HashMap<>();
    if (all.isEmpty()) {
      return out;
    }
    List<Map.Entry<String, String>> params = new ArrayList<>();
    asked.keySet().forEach(f -> params.add(Map.entry("terms.fl", f)));
    params.add(Map.entry("terms.list", String.join(",", all)));
    params.add(Map.entry("terms.limit", "-1"));
    JsonObject r = solr.query("/terms", params);
    JsonObject byField = r.getAsJsonObject("terms");
    for (String f : asked.keySet()) {
      JsonElement list = byField == null ? null : byField.get(f);
      if (list == null) {
        continue;
      }
      // json.nl=flat: [term, count, term, count, …]; or an object {term: count}
      if (list.isJsonArray()) {
        JsonArray a = list.getAsJsonArray();
        for (int i = 0; i + 1 < a.size(); i += 2) {
          out.put(new HitTerms.Key(f, a.get(i).getAsString()), a.get(i + 1).getAsInt());
        }
      } else {
        list.getAsJsonObject()
            .entrySet()
            .forEach(e -> out.put(new HitTerms.Key(f, e.getKey()), e.getValue().getAsInt()));
      }
    }
    return out;
  }

  private static HitTerms hitTerms(
      int[] order, List<Hit> hits, Map<String, Set<String>> asked, Map<HitTerms.Key, Integer> df) {
    Map<Integer, Hit> byDoc = new HashMap<>();
    hits.forEach(h -> byDoc.putIfAbsent(h.doc, h));
    Map<HitTerms.Key, HitTerms.Entry> known = new HashMap<>();
    Set<HitTerms.Key> keys = new LinkedHashSet<>(df.keySet());
    asked.forEach((f, ts) -> ts.forEach(t -> keys.add(new HitTerms.Key(f, t))));
    for (HitTerms.Key key : keys) {
      boolean[] in = new boolean[order.length];
      for (int i = 0; i < order.length; i++) {
        Hit h = byDoc.get(order[i]);
        in[i] = h != null && h.holds.contains(key);
      }
      known.put(key, new HitTerms.Entry(df.getOrDefault(key, 0), in));
    }
    return HitTerms.given(order, known);
  }

  /**
   * The skill the query calls by name ({@link Invocation}), looked up among the names made of the
   * words around "skill" and of a leading /command: the same answer as an {@link Invocation} of all
   * the collection's names.
   */
  private OptionalInt invoked(String query) throws IOException {
    Set<String> keys = nameKeys(query);
    if (keys.isEmpty()) {
      return OptionalInt.empty();
    }
    String q =
        SolrDocuments.NAME_KEY
            + ":("
            + keys.stream().map(k -> "\"" + escape(k) + "\"").collect(Collectors.joining(" OR "))
            + ")";
    // each name's first skill: copies of a skill share a name, and the first one is called
    JsonObject r =
        solr.query(
            "/select",
            List.of(
                Map.entry("q", q),
                Map.entry("rows", "0"),
                Map.entry(
                    "json.facet",
                    "{k:{type:terms,field:"
                        + SolrDocuments.NAME_KEY
                        + ",limit:-1,facet:{o:\"min("
                        + SolrDocuments.ORD
                        + ")\"}}}")));
    record Named(String key, int ord) {}
    List<Named> found = new ArrayList<>();
    JsonObject facets = r.getAsJsonObject("facets");
    if (facets != null && facets.has("k")) {
      for (JsonElement b : facets.getAsJsonObject("k").getAsJsonArray("buckets")) {
        JsonObject o = b.getAsJsonObject();
        found.add(new Named(o.get("val").getAsString(), o.get("o").getAsInt()));
      }
    }
    found.sort(Comparator.comparingInt(Named::ord));
    List<String> names = found.stream().map(Named::key).toList();
    List<Integer> ords = found.stream().map(Named::ord).toList();
    OptionalInt i = new Invocation(names).find(query);
    return i.isPresent() ? OptionalInt.of(ords.get(i.getAsInt())) : OptionalInt.empty();
  }

  /** Every name key {@link Invocation#find} could look up in {@code query}. */
  static Set<String> nameKeys(String query) {
    Set<String> keys = new LinkedHashSet<>();
    String trimmed = query.strip();
    if (trimmed.startsWith("/")) {
      int end = 1;
      while (end < trimmed.length() && trimmed.charAt(end) > ' ') {
        end++;
      }
      String command = trimmed.substring(1, end);
      keys.add(String.join(" ", Invocation.words(command.substring(command.lastIndexOf(':') + 1))));
    }
    List<String> w = Invocation.words(query);
    for (int j = 0; j < w.size(); j++) {
      if (!w.get(j).equals("skill")) {
        continue;
      }
      for (int n = 1; n <= Math.min(MAX_NAME_WORDS, j + 1); n++) {
        if (n <= j) {
          keys.add(String.join(" ", w.subList(j - n, j)));
        }
        keys.add(String.join(" ", w.subList(j - n + 1, j + 1)));
      }
    }
    keys.remove("");
    return keys;
  }

  private static String escape(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("'", "\\'");
  }

  private static String string(JsonObject d, String field) {
    JsonElement e = d.get(field);
    return e == null
        ? ""
        : e.isJsonArray() ? e.getAsJsonArray().get(0).getAsString() : e.getAsString();
  }

  private static List<String> strings(JsonObject d, String field) {
    JsonElement e = d.get(field);
    if (e == null) {
      return List.of();
    }
    if (!e.isJsonArray()) {
      return List.of(e.getAsString());
    }
    List<String> out = new ArrayList<>();
    e.getAsJsonArray().forEach(x -> out.add(x.getAsString()));
    return out;
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "solr collection %s (%d skills)", solr.collection(), size);
  }
}
