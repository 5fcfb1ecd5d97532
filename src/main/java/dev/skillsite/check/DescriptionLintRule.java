package dev.skillsite.check;

import dev.skillsite.model.Diagnostic;
import dev.skillsite.model.Skill;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lints what the agent sees of a skill before it is loaded: its description (and Claude Code's
 * {@code when_to_use}).
 *
 * <ul>
 *   <li>{@code listing-too-long}: description plus when_to_use over {@value #LISTING_LIMIT}
 *       characters, where Claude Code cuts the listing entry.
 *   <li>{@code use-case-late}: a description longer than {@value #FRONT} characters whose first
 *       {@value #FRONT} hold neither a complete first sentence nor a trigger cue ("Use when", "when
 *       the user", a quoted phrase): a truncated listing would lose what the skill is for.
 *   <li>{@code first-person}: "I can", "I will", "my", … outside quoted user phrases: descriptions
 *       are read by the agent and should speak in the third person.
 *   <li>{@code vague-description}: a description that opens on "helps with" / "assists with".
 *   <li>{@code not-for-unknown-skill}: a "Not for … use X skill" clause naming a skill not in the
 *       catalog.
 * </ul>
 */
final class DescriptionLintRule implements Rule {
  static final int LISTING_LIMIT = 1536;
  static final int FRONT = 250;

  /**
   * User phrases in double, curly or single quotes (a single quote next to a letter is an
   * apostrophe).
   */
  private static final Pattern QUOTED =
      Pattern.compile(
          "\"[^\"\\n]*\"|“[^”\\n]*”|‘[^’\\n]*’|(?<![\\p{L}\\p{N}])'[^'\\n]*'(?![\\p{L}\\p{N}])");

  private static final Pattern FIRST_PERSON =
      Pattern.compile(
          "\\b(?:I (?:can|will|am|help|have|do|would|could|should)|I'(?:ll|m|ve|d)|[Mm]y|[Mm]e|[Mm]yself)\\b");

  /** The description itself opening on "helps with" (not "when the user wants help with"). */
  private static final Pattern VAGUE =
      Pattern.compile(
          "(?i)^(?:this skill |a skill (?:that |to )|skill (?:that |to ))?(?:helps?|assists?)(?: you| users?| the user)? with\\b");

  private static final Pattern SENTENCE_END = Pattern.compile("[.!?](?:\\s|$)");
  private static final Pattern CUE =
      Pattern.compile(
          "(?i)\\buse (?:this (?:skill )?|it )?(?:when|for|whenever|if)\\b|\\bwhen (?:the )?user\\b"
              + "|\\bshould be used\\b|\\btrigger(?:s|ed)? (?:on|when|for)\\b|\"[^\"\\n]{2,}\"");

  /**
   * "`name` skill", "name-with-hyphens skill", "use `name-with-hyphens`": the forms that name a
   * skill.
   */
  private static final Pattern SKILL_REF =
      Pattern.compile(
          "`([a-z0-9]+(?:-[a-z0-9]+)*)`\\s+skill\\b|\\b([a-z0-9]+(?:-[a-z0-9]+)+)\\s+skill\\b"
              + "|\\b(?:[Uu]se|[Ss]ee|[Tt]ry|[Pp]refer)\\s+(?:the\\s+)?`([a-z0-9]+(?:-[a-z0-9]+)+)`");

  @Override
  public List<Diagnostic> check(CheckContext context) {
    Set<String> names = new TreeSet<>();
    context.catalog().skills().forEach(s -> names.add(s.name()));
    List<Diagnostic> out = new ArrayList<>();
    for (Skill skill : context.catalog().skills()) {
      lint(context.locator(), skill, names, out);
    }
    return out;
  }

  static void lint(SourceLocator at, Skill skill, Set<String> names, List<Diagnostic> out) {
    String description = skill.description().strip();
    String whenToUse = skill.stringKey("when_to_use").orElse("");
    int listing = length(description) + (whenToUse.isEmpty() ? 0 : 1 + length(whenToUse.strip()));
    if (listing > LISTING_LIMIT) {
      out.add(
          Diagnostic.warning(
              at.key(skill, "description"),
              "listing-too-long",
              "description"
                  + (whenToUse.isEmpty() ? "" : " and when_to_use")
                  + " take "
                  + listing
                  + " characters; Claude Code cuts the listing at "
                  + LISTING_LIMIT));
    }
    if (length(description) > FRONT && !useCaseUpFront(description)) {
      out.add(
          Diagnostic.warning(
              at.key(skill, "description"),
              "use-case-late",
              "the first "
                  + FRONT
                  + " characters of the description hold no complete sentence and no"
                  + " 'Use when' clause; say what the skill is for first"));
    }
    String unquoted = QUOTED.matcher(description).replaceAll("\"\"");
    Matcher person = FIRST_PERSON.matcher(unquoted);
    if (person.find()) {
      out.add(
          Diagnostic.warning(
              at.text(skill, person.group()),
              "first-person",
              "description speaks in the first person ('"
                  + person.group()
                  + "'); write it in the third person"));
    }
    Matcher vague = VAGUE.matcher(unquoted);
    if (vague.find()) {
      out.add(
          Diagnostic.warning(
              at.text(skill, vague.group()),
              "vague-description",
              "description opens with '"
                  + vague.group()
                  + " …', which says neither what the skill does nor"
                  + " when to use it"));
    }
    for (String clause : skill.triggers().notFor()) {
      Matcher ref = SKILL_REF.matcher(clause);
      while (ref.find()) {
        String named =
            ref.group(1) != null
                ? ref.group(1)
                : ref.group(2) != null ? ref.group(2) : ref.group(3);
        if (!names.contains(named)) {
          out.add(
              Diagnostic.warning(
                  at.text(skill, named),
                  "not-for-unknown-skill",
                  "'Not for' clause names the skill '"
                      + named
                      + "', which is not in this collection"));
        }
      }
    }
  }

  static boolean useCaseUpFront(String description) {
    String front = description.substring(0, description.offsetByCodePoints(0, FRONT));
    return SENTENCE_END.matcher(front).find() || CUE.matcher(front).find();
  }

  private static int length(String s) {
    return s.codePointCount(0, s.length());
  }
}
