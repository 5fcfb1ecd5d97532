package dev.skillsite.routing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A query analyzed for every searched field: each field's terms with their weights (1 for what the
 * user typed, {@link Synonyms#WEIGHT} for synonyms), plus the plain word terms used by {@link
 * Confidence}.
 */
record QueryTerms(Map<String, Map<String, Float>> byField, List<String> words) {
  /** Queries longer than this many distinct terms per field are cut (long pasted prompts). */
  static final int MAX_TERMS_PER_FIELD = 48;

  static QueryTerms of(
      String query, TermReader index, Synonyms synonyms, List<Fields.Weighted> fields) {
    String synText = synonyms.expand(query);
    Map<String, Map<String, Float>> byField = new LinkedHashMap<>();
    List<String> words = limit(index.terms(Fields.DESCRIPTION, query));
    Map<String, Map<String, Float>> byChain = new HashMap<>();
    for (Fields.Weighted f : fields) {
      Map<String, Float> terms =
          byChain.computeIfAbsent(
              Analysis.chainOf(f.field()), c -> analyze(f.field(), query, synText, index));
      byField.put(f.field(), terms);
    }
    return new QueryTerms(byField, words);
  }

  private static Map<String, Float> analyze(
      String field, String query, String synText, TermReader index) {
    Map<String, Float> terms = new LinkedHashMap<>();
    for (String t : limit(index.terms(field, query))) {
      terms.put(t, 1f);
    }
    if (!synText.isEmpty()) {
      for (String t : limit(index.terms(field, synText))) {
        terms.putIfAbsent(t, Synonyms.WEIGHT);
      }
    }
    return Map.copyOf(terms);
  }

  private static List<String> limit(List<String> terms) {
    return terms.size() <= MAX_TERMS_PER_FIELD
        ? terms
        : new ArrayList<>(terms.subList(0, MAX_TERMS_PER_FIELD));
  }
}
