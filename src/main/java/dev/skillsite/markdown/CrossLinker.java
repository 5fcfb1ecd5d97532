package dev.skillsite.markdown;

import dev.skillsite.model.SkillId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Heading;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.Text;

/**
 * Links the first mention of each other skill in a document (its name or a keyword it owns, as a
 * whole word) to that skill's page. Works on Text nodes outside links, images and headings; code is
 * never text.
 */
final class CrossLinker {
  private final MentionFinder finder;
  private final LinkTargets targets;
  private final Consumer<String> hrefs;

  /**
   * @param hrefs told each href it links to
   */
  CrossLinker(MentionIndex index, LinkTargets targets, Consumer<String> hrefs) {
    this.finder = new MentionFinder(index);
    this.targets = targets;
    this.hrefs = hrefs;
  }

  /** Links mentions in {@code root}; returns the skills linked, in order of first mention. */
  Set<SkillId> link(Node root, SourceDocument doc) {
    Set<SkillId> linked = new LinkedHashSet<>();
    for (Text text : linkableTexts(root)) {
      linkIn(text, doc, linked);
    }
    return linked;
  }

  private static List<Text> linkableTexts(Node root) {
    List<Text> texts = new ArrayList<>();
    root.accept(
        new AbstractVisitor() {
          @Override
          public void visit(Text text) {
            texts.add(text);
          }

          @Override
          public void visit(Link link) {}

          @Override
          public void visit(Image image) {}

          @Override
          public void visit(Heading heading) {}
        });
    return texts;
  }

  private void linkIn(Text text, SourceDocument doc, Set<SkillId> linked) {
    String s = text.getLiteral();
    for (MentionFinder.Mention m : finder.find(s)) {
      if (m.id().equals(doc.skill()) || linked.contains(m.id())) {
        continue;
      }
      linked.add(m.id());
      String href = targets.skill(doc.path(), m.id());
      hrefs.accept(href);
      Link link = new Link(href, null);
      link.appendChild(new Text(m.term()));
      Text after = new Text(s.substring(m.end()));
      text.setLiteral(s.substring(0, m.start()));
      text.insertAfter(link);
      link.insertAfter(after);
      if (text.getLiteral().isEmpty()) {
        text.unlink();
      }
      if (after.getLiteral().isEmpty()) {
        after.unlink();
      } else {
        linkIn(after, doc, linked);
      }
      return;
    }
  }
}
