package dev.skillsite.check;

import dev.skillsite.model.Diagnostic;
import dev.skillsite.model.Skill;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What a claude.ai upload rejects beyond the specification: XML tags in {@code name} or {@code
 * description}, and the reserved words "anthropic" and "claude" in a name. Runs only for {@link
 * Target#CLAUDE_AI}.
 */
final class ClaudeAiUploadRule implements Rule {
  private static final Pattern XML_TAG = Pattern.compile("</?[A-Za-z][\\w:.-]*(?:\\s[^<>]*)?/?>");
  private static final List<String> RESERVED = List.of("anthropic", "claude");

  @Override
  public List<Diagnostic> check(CheckContext context) {
    if (context.options().target() != Target.CLAUDE_AI) {
      return List.of();
    }
    List<Diagnostic> out = new ArrayList<>();
    for (Skill skill : context.catalog().skills()) {
      var tag = XML_TAG.matcher(skill.name());
      if (tag.find()) {
        out.add(
            Diagnostic.error(
                context.locator().key(skill, "name"),
                "xml-tag-in-name",
                "name contains the XML tag " + tag.group() + " (claude.ai uploads reject this)"));
      }
      tag = XML_TAG.matcher(skill.description());
      if (tag.find()) {
        out.add(
            Diagnostic.error(
                context.locator().text(skill, tag.group()),
                "xml-tag-in-description",
                "description contains the XML tag "
                    + tag.group()
                    + " (claude.ai uploads reject this)"));
      }
      String name = skill.name().toLowerCase(Locale.ROOT);
      for (String word : RESERVED) {
        if (name.contains(word)) {
          out.add(
              Diagnostic.error(
                  context.locator().key(skill, "name"),
                  "reserved-word-in-name",
                  "name '"
                      + skill.name()
                      + "' contains the reserved word '"
                      + word
                      + "' (claude.ai uploads reject this)"));
        }
      }
    }
    return out;
  }
}
