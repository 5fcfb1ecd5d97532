package dev.skillsite.check;

import dev.skillsite.model.Skill;
import dev.skillsite.model.SkillId;
import dev.skillsite.model.Triggers;
import java.util.List;
import java.util.Map;

/** Skills made by hand for rule tests (and other packages' fixtures). */
public final class Skills {
  private Skills() {}

  public static Skill skill(
      String name, String description, List<String> phrases, List<String> keywords) {
    return new Skill(
        new SkillId(name),
        name,
        description,
        "skills/" + name + "/SKILL.md",
        "skills",
        Map.of("name", name, "description", description),
        "# " + name + "\n",
        5,
        List.of(),
        new Triggers(phrases, keywords, List.of(), List.of()),
        List.of());
  }
}
