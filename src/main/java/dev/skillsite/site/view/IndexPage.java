package dev.skillsite.site.view;

import dev.skillsite.site.RelationGraph;
import java.util.List;

/**
 * One page of the home page: the collections and the graph (on its first page), the skills of this
 * page and the count of all skills.
 *
 * @param collections the collections the first page shows: all of them, or past {@code
 *     ListPages.HOME_COLLECTIONS} the largest, A–Z
 * @param collectionCount how many collections the site has
 * @param allCollections the paged list of every collection ({@code ""} when {@code collections}
 *     holds them all)
 */
public record IndexPage(
    List<LinkView> collections,
    List<SkillCard> skills,
    int triggerCount,
    RelationGraph.Graph graph,
    int total,
    int collectionCount,
    String allCollections) {
  public IndexPage {
    collections = List.copyOf(collections);
    skills = List.copyOf(skills);
  }

  /** Every skill on one page, without a related-skills graph. */
  public IndexPage(List<LinkView> collections, List<SkillCard> skills, int triggerCount) {
    this(
        collections,
        skills,
        triggerCount,
        RelationGraph.Graph.none(),
        skills.size(),
        collections.size(),
        "");
  }

  /** This page showing {@code n} triggers (page 1; the other pages show none). */
  public IndexPage withTriggerCount(int n) {
    return new IndexPage(collections, skills, n, graph, total, collectionCount, allCollections);
  }

  public IndexPage withGraph(RelationGraph.Graph g) {
    return new IndexPage(
        collections, skills, triggerCount, g, total, collectionCount, allCollections);
  }
}
