package dev.skillsite.check;

import dev.skillsite.markdown.SourceDocument;
import dev.skillsite.model.ContentPaths;
import dev.skillsite.model.Diagnostic;
import dev.skillsite.model.Skill;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * References nested more than one level deep: a Markdown file of a skill that SKILL.md does not
 * link to directly, only through another reference. Agents read such files partially or not at all;
 * the specification asks for references one level deep.
 */
final class ReferenceDepthRule implements Rule {
  private final MarkdownScan scan;

  ReferenceDepthRule(MarkdownScan scan) {
    this.scan = scan;
  }

  @Override
  public List<Diagnostic> check(CheckContext context) {
    return context.catalog().skills().parallelStream().flatMap(s -> check(s).stream()).toList();
  }

  private List<Diagnostic> check(Skill skill) {
    Map<String, List<MarkdownScan.LinkAt>> links = new LinkedHashMap<>();
    for (SourceDocument doc : SkillDocuments.of(skill)) {
      links.put(doc.path(), scan.scan(doc).links());
    }
    Map<String, Integer> depth = new HashMap<>();
    Map<String, Edge> via = new HashMap<>();
    depth.put(skill.source(), 0);
    Deque<String> queue = new ArrayDeque<>(List.of(skill.source()));
    while (!queue.isEmpty()) {
      String from = queue.removeFirst();
      for (MarkdownScan.LinkAt link : links.get(from)) {
        Optional<String> to =
            MarkdownScan.resolve(ContentPaths.parent(from), link.destination())
                .filter(links::containsKey);
        if (to.isPresent() && !depth.containsKey(to.get())) {
          depth.put(to.get(), depth.get(from) + 1);
          via.put(to.get(), new Edge(from, link));
          queue.addLast(to.get());
        }
      }
    }
    List<Diagnostic> out = new ArrayList<>();
    for (String doc : links.keySet()) {
      int d = depth.getOrDefault(doc, 0);
      if (d >= 2) {
        Edge e = via.get(doc);
        out.add(
            Diagnostic.warning(
                e.link().pos(),
                "reference-too-deep",
                "'"
                    + relative(skill, doc)
                    + "' is "
                    + d
                    + " links away from SKILL.md (through '"
                    + relative(skill, e.from())
                    + "'); link it from SKILL.md so that agents read it whole"));
      }
    }
    return out;
  }

  private static String relative(Skill skill, String path) {
    return skill.dir().isEmpty() ? path : path.substring(skill.dir().length() + 1);
  }

  private record Edge(String from, MarkdownScan.LinkAt link) {}
}
