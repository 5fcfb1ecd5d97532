package dev.skillsite.check;

import dev.skillsite.model.SkillId;
import java.util.Optional;

/**
 * One trigger of a skill that does not clearly route to it.
 *
 * @param owner the skill whose description lists the trigger
 * @param rival the skill it routes to first, or the runner-up within the margin
 * @param trigger the phrase or keyword, as the description writes it
 * @param ownerScore the owner's score for it, when the owner is among the hits
 * @param rivalScore the rival's score
 * @param ambiguous true when the owner wins by less than the margin; false when the rival wins
 */
public record Collision(
    SkillId owner,
    SkillId rival,
    String trigger,
    Optional<Double> ownerScore,
    double rivalScore,
    boolean ambiguous) {}
