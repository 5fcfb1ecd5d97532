package dev.skillsite.check;

import dev.skillsite.markdown.SourceDocument;
import dev.skillsite.model.Reference;
import dev.skillsite.model.Skill;
import java.util.ArrayList;
import java.util.List;

/** The Markdown documents of a skill: its body, then its reference files, as content-root paths. */
final class SkillDocuments {
  private SkillDocuments() {}

  static List<SourceDocument> of(Skill skill) {
    List<SourceDocument> docs = new ArrayList<>();
    docs.add(
        new SourceDocument(
            skill.source(), skill.id(), skill.dir(), skill.body(), skill.bodyLine()));
    for (Reference ref : skill.references()) {
      docs.add(new SourceDocument(skill.contentPath(ref), skill.id(), skill.dir(), ref.text(), 1));
    }
    return docs;
  }
}
