package dev.skillsite.content;

import dev.skillsite.model.Diagnostic;
import dev.skillsite.model.SourcePos;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Works out {@code Skill.declaredRelated}: the skillsite.yaml {@code related[name]} entries
 * followed by frontmatter {@code metadata.related}, without repeats or the skill itself. {@code
 * metadata.related} is a string of names separated by commas or spaces, as the Agent Skills
 * specification wants metadata values to be strings; the YAML list older collections use is read
 * too ({@link SkillValidator} lints it). A declared name that is no loaded skill gives a warning
 * where it is written. Stateless.
 */
final class DeclaredRelations {
  private static final Pattern SEPARATORS = Pattern.compile("[\\s,\\[\\]]+");

  /**
   * @param drafts every loaded skill
   * @return related names by source
   */
  Map<String, List<String>> resolve(
      List<SkillDraft> drafts,
      List<SiteSettings.Relation> configured,
      List<Diagnostic> diagnostics) {
    Set<String> names = new java.util.HashSet<>();
    drafts.forEach(d -> names.add(d.name()));
    Set<String> reportedFrom = new java.util.HashSet<>();
    for (SiteSettings.Relation r : configured) {
      if (!names.contains(r.from())) {
        if (reportedFrom.add(r.from())) {
          diagnostics.add(unknown(r.fromPos(), r.from()));
        }
      } else if (!names.contains(r.to())) {
        diagnostics.add(unknown(r.toPos(), r.to()));
      }
    }
    Map<String, List<String>> result = new java.util.HashMap<>();
    for (SkillDraft d : drafts) {
      Set<String> related = new LinkedHashSet<>();
      configured.stream().filter(r -> r.from().equals(d.name())).forEach(r -> related.add(r.to()));
      SourcePos metaPos = d.frontmatter().valuePos("metadata.related");
      if (metaPos == null) {
        metaPos = SourcePos.of(d.source());
      }
      for (String name : metadataRelated(d)) {
        related.add(name);
        if (!names.contains(name)) {
          diagnostics.add(unknown(metaPos, name));
        }
      }
      related.remove(d.name());
      related.retainAll(names);
      result.put(d.source(), new ArrayList<>(related));
    }
    return result;
  }

  private static List<String> metadataRelated(SkillDraft d) {
    if (d.frontmatter().values().get("metadata") instanceof Map<?, ?> meta) {
      Object related = meta.get("related");
      if (related instanceof List<?> list) {
        return list.stream()
            .filter(String.class::isInstance)
            .map(String.class::cast)
            .map(String::strip)
            .toList();
      }
      if (related instanceof String s) {
        return names(s);
      }
    }
    return List.of();
  }

  /** The names in a {@code related} string: separated by commas or spaces, brackets ignored. */
  static List<String> names(String related) {
    return Arrays.stream(SEPARATORS.split(related.strip())).filter(n -> !n.isEmpty()).toList();
  }

  private static Diagnostic unknown(SourcePos pos, String name) {
    return Diagnostic.warning(
        pos, "unknown-related-skill", "related skill '" + name + "' is not a skill here");
  }
}
