package dev.skillsite.site;

import dev.skillsite.model.SkillId;

/**
 * A skill shown as related on another skill's page.
 *
 * @param reason a short reason, shown on the card ("declared in skillsite.yaml", "shares:
 *     GenServer, ETS")
 * @param declared whether an author declared it (else it was computed from content)
 */
public record RelatedSkill(SkillId id, String reason, boolean declared) {}
