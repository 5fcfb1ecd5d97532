package dev.skillsite.routing;

import dev.skillsite.model.Skill;
import dev.skillsite.model.Triggers;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.KeywordField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexOptions;

/** Turns one skill into the Lucene document of the routing index (see {@link Fields}). */
final class SkillDocument {
  /**
   * Analyzed text with term frequencies and length norms (what BM25 reads) but no positions: no
   * query here is a phrase or span query, and positions were a fifth of the index and of its
   * writing.
   */
  static final FieldType TEXT = noPositions(TextField.TYPE_NOT_STORED);

  static final FieldType STORED_TEXT = noPositions(TextField.TYPE_STORED);

  /** Bodies can be long; the start says what the skill is about and keeps the build fast. */
  static final int MAX_BODY_CHARS = 12_000;

  private SkillDocument() {}

  private static FieldType noPositions(FieldType base) {
    FieldType t = new FieldType(base);
    t.setIndexOptions(IndexOptions.DOCS_AND_FREQS);
    t.freeze();
    return t;
  }

  /** A Markdown link's destination: {@code ](…)}, up to the first closing parenthesis or space. */
  private static final Pattern LINK_TARGET =
      Pattern.compile("\\]\\(<?[^)\\s>]*>?(\\s+(\"[^\"]*\"|'[^']*'))?\\)");

  /**
   * The body without the destinations of its Markdown links: a reader sees the link's text, not its
   * address, and the words of an address (a host, an organisation, a path: {@code
   * github.com/vercel-labs/…}) say nothing about what the skill does.
   */
  static String withoutLinkTargets(String body) {
    return body.indexOf("](") < 0 ? body : LINK_TARGET.matcher(body).replaceAll("]");
  }

  static Document of(Skill skill) {
    Triggers t = skill.triggers();
    List<String> headings = Headings.of(skill.body());
    String name = nameWords(skill.name());
    Document doc = new Document();
    doc.add(new KeywordField(Fields.ID, skill.id().value(), Field.Store.YES));
    doc.add(new StoredField(Fields.DISPLAY_NAME, skill.name()));
    doc.add(new StoredField(Fields.SOURCE, skill.source()));
    doc.add(new Field(Fields.NAME, name, TEXT));
    doc.add(new StoredField(Fields.DESCRIPTION, skill.description()));
    String positive = positiveDescription(skill.description(), t);
    doc.add(new Field(Fields.DESCRIPTION, positive, TEXT));
    // phrases and keywords are searched through the description, light and shingle fields (a
    // separate
    // boost for them did not help ranking); they are stored for "matched" and indexed for "where it
    // matched"
    for (String p : t.phrases()) {
      doc.add(new Field(Fields.PHRASE, p, STORED_TEXT));
    }
    for (String k : t.keywords()) {
      doc.add(new Field(Fields.KEYWORD, k, STORED_TEXT));
    }
    for (String h : headings) {
      doc.add(new Field(Fields.HEADING, h, STORED_TEXT));
    }
    for (String n : t.notFor()) {
      doc.add(new Field(Fields.NOT_FOR, n, STORED_TEXT));
    }
    String body =
        skill.body().length() > MAX_BODY_CHARS
            ? skill.body().substring(0, MAX_BODY_CHARS)
            : skill.body();
    doc.add(new Field(Fields.BODY, withoutLinkTargets(body), TEXT));
    List<String> surface = new ArrayList<>();
    surface.add(name);
    surface.add(positive);
    surface.addAll(t.phrases());
    surface.addAll(t.keywords());
    String surfaceText = String.join("\n", surface);
    doc.add(new Field(Fields.LIGHT, surfaceText, TEXT));
    for (String s : surface) {
      doc.add(new Field(Fields.SHINGLE, s, TEXT));
    }
    for (String h : headings) {
      doc.add(new Field(Fields.SHINGLE, h, TEXT));
    }
    doc.add(
        new Field(
            Fields.ALL,
            surfaceText + "\n" + String.join("\n", headings) + "\n" + String.join("\n", t.notFor()),
            TEXT));
    return doc;
  }

  /**
   * The description without its "Not for …" clauses: words a skill says it is not for must not
   * attract requests to it (they count against it instead, see {@link Confidence}).
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
