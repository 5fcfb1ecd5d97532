package dev.skillsite.content;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.skillsite.model.Catalog;
import dev.skillsite.model.Diagnostic;
import dev.skillsite.model.Skill;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A skill template (placeholder description, template folder) is reported and not published unless
 * asked.
 */
class PlaceholderSkillsTest {
  @TempDir Path content;

  private void skill(String dir, String name, String description) throws IOException {
    Path f = content.resolve(dir).resolve("SKILL.md");
    Files.createDirectories(f.getParent());
    String quoted = "\"" + description.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    Files.writeString(
        f,
        "---\nname: " + name + "\ndescription: " + quoted + "\n---\n# " + name + "\n",
        StandardCharsets.UTF_8);
  }

  @ParameterizedTest(name = "{0} / {1} -> {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "skills/template-skill | Replace with description of the skill and when Claude should use it. | true",
        "skills/pdf | TODO | true",
        "skills/pdf | TBD: describe it | true",
        "skills/pdf | Lorem ipsum dolor sit amet. | true",
        "skills/pdf | <description> | true",
        "skills/pdf | '[What this skill does and when to use it]' | true",
        "skills/pdf | Your skill description here. | true",
        "skills/template | Formats CSV files as Markdown tables. | true",
        "skills/_template | Formats CSV files as Markdown tables. | true",
        "skills/pdf | Fills PDF forms. Use when the user asks to \"fill a form\". | false",
        "skills/templates | Search and deploy services from the template marketplace. | false",
        "skills/notion-template-business | Builds Notion templates to sell. | false",
        "skills/todo-list | Keeps a todo list in TODO.md. Use when the user asks to \"add a todo\". | false",
        "skills/pdf | Replaces text in PDF files. | false",
      })
  void placeholdersAreToldFromSkills(String dir, String description, boolean placeholder)
      throws IOException {
    skill(dir, "some-skill", description);
    Catalog c = new ContentLoader().load(content);
    List<Diagnostic> found =
        c.diagnostics().stream().filter(d -> d.code().equals(PlaceholderSkills.CODE)).toList();
    assertEquals(placeholder ? 0 : 1, c.skills().size(), found::toString);
    assertEquals(placeholder ? 1 : 0, found.size());
  }

  @Test
  void theWarningNamesTheFileAndLineAndThePlaceholderIsNotPublished() throws IOException {
    skill(
        "skills/template-skill",
        "template-skill",
        "Replace with description of the skill and when Claude should" + " use it.");
    skill("skills/csv", "csv", "Formats CSV files as Markdown tables.");
    Catalog c = new ContentLoader().load(content);
    assertEquals(List.of("csv"), c.skills().stream().map(Skill::name).toList());
    assertEquals(List.of("skills/template-skill/SKILL.md"), c.skippedSources());
    assertEquals(
        List.of(
            "skills/template-skill/SKILL.md:3:1: warning: description 'Replace with description of the"
                + " skill and when Claude shoul…' is a template's placeholder: the skill is not published (hint: write what"
                + " the skill does and when to use it, or set publish_placeholders: true in skillsite.yaml to publish it"
                + " anyway)"),
        c.diagnostics().stream().map(Diagnostic::format).toList());
  }

  @Test
  void theConfigCanPublishThemAnyway() throws IOException {
    skill("skills/template", "template", "Replace with description of the skill.");
    Files.writeString(
        content.resolve("skillsite.yaml"), "publish_placeholders: true\n", StandardCharsets.UTF_8);
    Catalog c = new ContentLoader().load(content);
    assertEquals(List.of("template"), c.skills().stream().map(Skill::name).toList());
    assertEquals(List.of(), c.diagnostics());
  }
}
