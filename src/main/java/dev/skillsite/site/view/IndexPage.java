package dev.skillsite.site.view;

import dev.skillsite.site.RelationGraph;
import java.util.List;

/** The home page: collections and every skill. */
public record IndexPage(
    List<LinkView> collections,
    List<SkillCard> skills,
    int triggerCount,
    RelationGraph.Graph graph) {
  public IndexPage {
    collections = List.copyOf(collections);
    skills = List.copyOf(skills);
  }

  /** Without a related-skills graph. */
  public IndexPage(List<LinkView> collections, List<SkillCard> skills, int triggerCount) {
    this(collections, skills, triggerCount, RelationGraph.Graph.none());
  }

  public IndexPage withGraph(RelationGraph.Graph g) {
    return new IndexPage(collections, skills, triggerCount, g);
  }
}
