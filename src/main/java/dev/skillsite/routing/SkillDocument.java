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
  static final int MAX_BODY_CHARS = Integer.getInteger("skillsite.maxBody", 12_000);

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
    doc.add(new TextField(Fields.DESCRIPTION, skill.description(), Field.Store.YES));
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
      doc.add(new StoredField(Fields.NOT_FOR, n));
    }
    String body = skill.body().length() > MAX_BODY_CHARS ? skill.body().substring(0, MAX_BODY_CHARS) : skill.body();
    doc.add(new TextField(Fields.BODY, body, Field.Store.NO));
    List<String> surface = new ArrayList<>();
    surface.add(name);
    surface.add(skill.description());
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
    doc.add(new TextField(Fields.ALL, surfaceText + "\n" + String.join("\n", headings), Field.Store.NO));
    return doc;
  }

  /** {@code ecto-thinking} → {@code ecto thinking}. */
  static String nameWords(String name) {
    return name.replace('-', ' ').replace('_', ' ');
  }
}
