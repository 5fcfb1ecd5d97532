package dev.skillsite.routing;

import dev.skillsite.model.SkillId;

/**
 * A computed related skill, with a short human reason such as {@code both cover GenServer,
 * supervision and ETS}.
 */
public record Similar(SkillId id, double score, String reason) {}
