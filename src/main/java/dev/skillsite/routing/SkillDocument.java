package dev.skillsite.routing;

import dev.skillsite.model.Skill;
import dev.skillsite.model.Triggers;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KeywordField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.TextField;

/** Turns one skill into the Lucene document of the routing index (see {@link Fields}). */
final class SkillDocument {
  /** Bodies can be long; the start says what the skill is about and keeps the build fast. */
  static final int MAX_BODY_CHARS = 12_000;

  private SkillDocument() {}

  static Document of(Skill skill) {
    Triggers t = skill.triggers();
    List<String> headings = Headings.of(skill.body());
    String name = nameWords(skill.name());
    Document doc = new Document();
    doc.add(new KeywordField(Fields.ID, skill.id().value(), Field.Store.YES));
    doc.add(new StoredField(Fields.DISPLAY_NAME, skill.name()));
    doc.add(new StoredField(Fields.SOURCE, skill.source()));
    doc.add(new TextField(Fields.NAME, name, Field.Store.NO));
    doc.add(new StoredField(Fields.DESCRIPTION, skill.description()));
    String positive = positiveDescription(skill.description(), t);
    doc.add(new TextField(Fields.DESCRIPTION, positive, Field.Store.NO));
    // phrases and keywords are searched through the description, light and shingle fields (a separate
    // boost for them did not help ranking); they are stored for "matched" and indexed for "where it matched"
    for (String p : t.phrases()) {
      doc.add(new TextField(Fields.PHRASE, p, Field.Store.YES));
    }
    for (String k : t.keywords()) {
      doc.add(new TextField(Fields.KEYWORD, k, Field.Store.YES));
    }
    for (String h : headings) {
      doc.add(new TextField(Fields.HEADING, h, Field.Store.YES));
    }
    for (String n : t.notFor()) {
      doc.add(new TextField(Fields.NOT_FOR, n, Field.Store.YES));
    }
    String body = skill.body().length() > MAX_BODY_CHARS ? skill.body().substring(0, MAX_BODY_CHARS) : skill.body();
    doc.add(new TextField(Fields.BODY, body, Field.Store.NO));
    List<String> surface = new ArrayList<>();
    surface.add(name);
    surface.add(positive);
    surface.addAll(t.phrases());
    surface.addAll(t.keywords());
    String surfaceText = String.join("\n", surface);
    doc.add(new TextField(Fields.LIGHT, surfaceText, Field.Store.NO));
    for (String s : surface) {
      doc.add(new TextField(Fields.SHINGLE, s, Field.Store.NO));
    }
    for (String h : headings) {
      doc.add(new TextField(Fields.SHINGLE, h, Field.Store.NO));
    }
    doc.add(new TextField(Fields.ALL,
        surfaceText + "\n" + String.join("\n", headings) + "\n" + String.join("\n", t.notFor()), Field.Store.NO));
    return doc;
  }

  /**
   * The description without its "Not for …" clauses: words a skill says it is not for must not attract
   * requests to it (they count against it instead, see {@link Confidence}).
   */
  static String positiveDescription(String description, Triggers t) {
    String out = description.replaceAll("\\s+", " ");
    for (String n : t.notFor()) {
      out = out.replace(n, " ");
    }
    return out;
  }

  /** {@code ecto-thinking} → {@code ecto thinking}. */
  static String nameWords(String name) {
    return name.replace('-', ' ').replace('_', ' ');
  }
}
