package dev.skillsite.routing;

import dev.skillsite.model.SkillId;

/** A computed related skill, with a short human reason such as {@code shares: genserver, supervision, ets}. */
public record Similar(SkillId id, double score, String reason) {}
