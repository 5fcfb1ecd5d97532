package dev.skillsite.site.view;

import dev.skillsite.check.RoutingHealthView;
import java.util.List;

/**
 * A skill's page. Absent strings are {@code ""}.
 *
 * @param summary one sentence on what the skill does ({@code dev.skillsite.site.SkillSummary})
 * @param install how to install the skill, per agent
 * @param sourceUrl the SKILL.md in its repository
 * @param rawHref the copy of the SKILL.md beside the page
 * @param health the skill's routing health (nearest rivals, its findings) for {@code
 *     partials/skill-health.peb}: zero or one, none when the build did not check routing
 * @param audit the skill's audit badge and findings ({@code partials/skill-audit.peb})
 * @param useWhen the short requests of its "Use when" clauses
 * @param fallback the sentence of what it does that stands in as its trigger when it has no "Use
 *     when" clause
 * @param nameOnly whether {@code disable-model-invocation: true}: the agent never picks it, a user
 *     calls it by name
 * @param mentionedByMore how many more skills mention it than {@code mentionedBy} lists (a page
 *     lists a bounded number, so that a skill a whole registry mentions keeps a page of a page's
 *     size)
 */
public record SkillPage(
    String id,
    String name,
    String description,
    List<String> phrases,
    List<String> keywords,
    List<String> useWhen,
    List<String> notFor,
    InstallView install,
    String sourceUrl,
    String sourcePath,
    String rawHref,
    String license,
    String allowedTools,
    List<MetaEntry> metadata,
    LinkView collection,
    HtmlBlock body,
    List<LinkView> references,
    List<RelatedCard> related,
    List<LinkView> mentionedBy,
    List<RoutingHealthView.SkillHealth> health,
    String summary,
    SkillAuditView audit,
    String fallback,
    boolean nameOnly,
    int mentionedByMore) {
  public SkillPage {
    phrases = List.copyOf(phrases);
    keywords = List.copyOf(keywords);
    useWhen = List.copyOf(useWhen);
    notFor = List.copyOf(notFor);
    metadata = List.copyOf(metadata);
    references = List.copyOf(references);
    related = List.copyOf(related);
    mentionedBy = List.copyOf(mentionedBy);
    health = List.copyOf(health);
  }
}
