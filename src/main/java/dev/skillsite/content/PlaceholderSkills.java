package dev.skillsite.content;

import dev.skillsite.model.Diagnostic;
import dev.skillsite.model.SourcePos;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Tells a skill scaffold from a skill: a description that is still the template's text ("Replace
 * with description of the skill…", "TODO", "Lorem ipsum", "&lt;description&gt;"), or a folder named
 * as a template is ({@code template}, {@code template-skill}, {@code skill-template}, {@code
 * _template}). Such a skill is reported as {@code placeholder-skill} and not published, unless
 * skillsite.yaml says {@code publish_placeholders: true}. A real skill about templates ({@code
 * templates/}, {@code notion-template-business}) is not one. Stateless.
 */
final class PlaceholderSkills {
  static final String CODE = "placeholder-skill";
  private static final Pattern PLACEHOLDER_TEXT =
      Pattern.compile(
          "^(replace (this|me|with)\\b|todo\\b|tbd\\b|fixme\\b|lorem ipsum|insert (a |the )?description|"
              + "(add |write )?(a |your )?(skill )?description (goes )?here|your (skill'?s? )?description\\b)");
  private static final Pattern WRAPPED =
      Pattern.compile("^(<[^<>]*>|\\[[^\\[\\]]*]|\\{\\{[^{}]*}})$");
  private static final Set<String> TEMPLATE_FOLDERS =
      Set.of(
          "template",
          "_template",
          "template-skill",
          "skill-template",
          "skill_template",
          "template_skill");

  private PlaceholderSkills() {}

  /**
   * Why {@code draft} is a placeholder, as a warning at its description, or empty when it is a real
   * skill.
   */
  static Optional<Diagnostic> check(SkillDraft draft) {
    String description = draft.header().description().strip();
    String lower = description.toLowerCase(Locale.ROOT);
    String folder =
        draft.dir().substring(draft.dir().lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
    SourcePos at =
        draft
            .frontmatter()
            .keyPositions()
            .getOrDefault("description", SourcePos.of(draft.source()));
    String hint =
        " (hint: write what the skill does and when to use it, or set publish_placeholders: true in"
            + " skillsite.yaml to publish it anyway)";
    if (PLACEHOLDER_TEXT.matcher(lower).find() || WRAPPED.matcher(description).matches()) {
      return Optional.of(
          Diagnostic.warning(
              at,
              CODE,
              "description '"
                  + clip(description)
                  + "' is a template's placeholder: the skill is not published"
                  + hint));
    }
    if (TEMPLATE_FOLDERS.contains(folder)) {
      return Optional.of(
          Diagnostic.warning(
              SourcePos.of(draft.source()),
              CODE,
              "folder '" + folder + "' is a skill template: the skill is not published" + hint));
    }
    return Optional.empty();
  }

  private static String clip(String s) {
    return s.length() <= 60 ? s : s.substring(0, 59) + "…";
  }
}
