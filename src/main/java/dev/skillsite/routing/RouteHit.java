package dev.skillsite.routing;

import dev.skillsite.model.SkillId;

/**
 * One ranked skill.
 *
 * @param score the BM25 sum over fields (see {@link Fields#SEARCHED})
 * @param confidence 0..1: how much of the query this skill explains (see {@link Confidence})
 * @param field where {@code matched} comes from ({@code phrase}, {@code keyword}, {@code name} or
 *     {@code heading}); when nothing matched, the field that contributed most ({@code description}
 *     or {@code body})
 * @param matched the trigger phrase, keyword, name or heading that best matches the query ({@code
 *     ""} if none)
 */
public record RouteHit(
    SkillId id, String name, double score, double confidence, String field, String matched) {}
