package dev.skillsite.site;

import dev.skillsite.markdown.RenderedDocument;
import dev.skillsite.model.Diagnostic;
import dev.skillsite.model.Reference;
import dev.skillsite.model.Skill;
import dev.skillsite.model.SkillId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** A skill with its body and references rendered. */
record RenderedSkill(Skill skill, RenderedDocument body, List<RenderedReference> references) {
  RenderedSkill {
    references = List.copyOf(references);
  }

  record RenderedReference(Reference reference, RenderedDocument doc) {}

  /** The skills its body and references mention. */
  Set<SkillId> mentions() {
    Set<SkillId> all = new LinkedHashSet<>(body.mentions());
    references.forEach(r -> all.addAll(r.doc().mentions()));
    return all;
  }

  List<Diagnostic> diagnostics() {
    List<Diagnostic> all = new ArrayList<>(body.diagnostics());
    references.forEach(r -> all.addAll(r.doc().diagnostics()));
    return all;
  }
}
