package dev.skillsite.audit;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One row of the {@link RuleTable}: what to look for, how bad it is, why, and what a safe version
 * is. A text rule matches {@link #match} on a line of a file (after joining continued lines, and
 * again on the text decoded and unobfuscated); {@link #near} must then match within {@link #window}
 * lines, {@link #unless} must not match on the line; {@link #lower} on the window marks a benign
 * look-alike (one severity down), {@link #raise} a dangerous variant (danger). A detector rule
 * ({@link #detector}) is found by code in {@link Detectors}.
 *
 * @param keywords lower-case strings one of which the text must contain for {@link #match} to be
 *     tried (a cheap filter; every positive example must contain one)
 * @param files kinds of file the rule reads ({@code markdown}, {@code code}, {@code data}, {@code
 *     svg}, {@code html}); empty for all
 * @param hiddenOnly whether the match counts only inside text a reader does not see (HTML comments,
 *     hidden elements)
 * @param described on a finding's excerpt, a pattern whose first group names a service (telegram,
 *     slack…): a finding at the rule's own severity is one step down when the skill's description
 *     names that service, i.e. the skill is about it
 */
public record AuditRule(
    String id,
    AuditSeverity severity,
    AuditCategory category,
    String title,
    String why,
    String safe,
    Optional<Pattern> match,
    Optional<Pattern> near,
    int window,
    Optional<Pattern> unless,
    Optional<Pattern> lower,
    Optional<Pattern> raise,
    Optional<Pattern> described,
    List<String> keywords,
    Set<String> files,
    boolean hiddenOnly,
    Optional<String> detector,
    Examples examples) {
  public AuditRule {
    keywords = List.copyOf(keywords);
    files = Set.copyOf(files);
  }

  /** Why it matters, then the safe version: the sentence every finding of this rule carries. */
  public String message() {
    return why + " " + safe;
  }

  public boolean reads(String fileKind) {
    return files.isEmpty() || files.contains(fileKind);
  }

  /**
   * The rule's examples, each the text of one file ({@code path:: text} names the file, else it is
   * the body of a SKILL.md).
   *
   * @param positive texts it must find at the rule's own severity
   * @param negative texts it must not find at all
   * @param lowered texts it must find one severity down (benign look-alikes)
   * @param raised texts it must find at danger
   */
  public record Examples(
      List<String> positive, List<String> negative, List<String> lowered, List<String> raised) {
    public Examples {
      positive = List.copyOf(positive);
      negative = List.copyOf(negative);
      lowered = List.copyOf(lowered);
      raised = List.copyOf(raised);
    }
  }
}
