package dev.skillsite.routing;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.skillsite.model.Skill;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexableField;

/**
 * The routing index's documents as Solr JSON documents (fields of the exported schema, see {@code
 * dev/skillsite/solr/configset/schema.xml}): the same analyzed fields as {@link SkillDocument},
 * plus {@value #ORD} (the skill's place in the collection, which breaks ties of score as a local
 * index does), {@value #NAME_KEY} (the name's words, to find a skill called by name) and {@value
 * #DESCRIPTION_TEXT} (the whole description, stored: the indexed one leaves out its "Not for"
 * clauses).
 */
public final class SolrDocuments {
  static final String ORD = "ord";
  static final String NAME_KEY = "name_key";
  static final String DESCRIPTION_TEXT = "description_text";

  private SolrDocuments() {}

  /** Skill {@code ord} of the collection (its triggers extracted) as one Solr document. */
  public static JsonObject of(Skill skill, int ord) {
    Document doc = SkillDocument.of(skill);
    Map<String, JsonArray> values = new LinkedHashMap<>();
    for (IndexableField f : doc.getFields()) {
      String name = f.name();
      if (name.equals(Fields.DESCRIPTION) && f.fieldType().indexOptions() == IndexOptions.NONE) {
        name = DESCRIPTION_TEXT;
      }
      values.computeIfAbsent(name, n -> new JsonArray()).add(f.stringValue());
    }
    JsonObject out = new JsonObject();
    values.forEach(
        (name, v) -> {
          if (v.size() == 1 && !MULTI_VALUED.contains(name)) {
            out.add(name, v.get(0));
          } else {
            out.add(name, v);
          }
        });
    out.addProperty(ORD, ord);
    out.addProperty(NAME_KEY, nameKey(skill.name()));
    return out;
  }

  /** The fields that may hold several values (declared multiValued in the schema). */
  static final List<String> MULTI_VALUED =
      List.of(Fields.PHRASE, Fields.KEYWORD, Fields.HEADING, Fields.NOT_FOR, Fields.SHINGLE);

  /**
   * The words of a name as {@link Invocation} compares them: {@code PDF_Tools} → {@code pdf tools}.
   */
  static String nameKey(String name) {
    return String.join(" ", Invocation.words(name));
  }
}
