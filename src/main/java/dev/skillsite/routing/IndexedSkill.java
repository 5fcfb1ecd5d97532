package dev.skillsite.routing;

import dev.skillsite.model.SkillId;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.lucene.document.Document;

/**
 * The stored part of one indexed skill, held in memory beside the index for reasons and
 * explanations.
 */
record IndexedSkill(
    SkillId id,
    String name,
    String source,
    String description,
    List<String> phrases,
    List<String> keywords,
    List<String> headings,
    List<String> notFor) {
  IndexedSkill {
    phrases = List.copyOf(phrases);
    keywords = List.copyOf(keywords);
    headings = List.copyOf(headings);
    notFor = List.copyOf(notFor);
  }

  /** The stored part of a routing document ({@link SkillDocument#of}). */
  static IndexedSkill of(Document d) {
    return new IndexedSkill(
        new SkillId(d.get(Fields.ID)),
        d.get(Fields.DISPLAY_NAME),
        d.get(Fields.SOURCE),
        Optional.ofNullable(d.get(Fields.DESCRIPTION)).orElse(""),
        Arrays.asList(d.getValues(Fields.PHRASE)),
        Arrays.asList(d.getValues(Fields.KEYWORD)),
        Arrays.asList(d.getValues(Fields.HEADING)),
        Arrays.asList(d.getValues(Fields.NOT_FOR)));
  }
}
