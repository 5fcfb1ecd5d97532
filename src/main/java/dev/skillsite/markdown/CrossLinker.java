package dev.skillsite.markdown;

import dev.skillsite.model.SkillId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Heading;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.Text;

/**
 * Links the first mention of each other skill in a document (its name or a keyword it owns, as a whole
 * word) to that skill's page. Works on Text nodes outside links, images and headings; code is never text.
 */
final class CrossLinker {
  private final MentionIndex index;
  private final LinkTargets targets;
  private final Consumer<String> hrefs;

  /** @param hrefs told each href it links to */
  CrossLinker(MentionIndex index, LinkTargets targets, Consumer<String> hrefs) {
    this.index = index;
    this.targets = targets;
    this.hrefs = hrefs;
  }

  /** Links mentions in {@code root}; returns the skills linked, in order of first mention. */
  Set<SkillId> link(Node root, SourceDocument doc) {
    Set<SkillId> linked = new LinkedHashSet<>();
    if (index.maxWords() == 0) {
      return linked;
    }
    List<Text> texts = new ArrayList<>();
    root.accept(new AbstractVisitor() {
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
    for (Text text : texts) {
      linkIn(text, doc, linked);
    }
    return linked;
  }

  private void linkIn(Text text, SourceDocument doc, Set<SkillId> linked) {
    String s = text.getLiteral();
    List<int[]> words = words(s);
    for (int i = 0; i < words.size(); i++) {
      Optional<Match> match = longestAt(s, words, i);
      if (match.isEmpty()) {
        continue;
      }
      Match m = match.get();
      if (m.id().equals(doc.skill()) || linked.contains(m.id())) {
        i = m.lastWord();
        continue;
      }
      linked.add(m.id());
      String href = targets.skill(doc.path(), m.id());
      hrefs.accept(href);
      Link link = new Link(href, null);
      link.appendChild(new Text(s.substring(m.start(), m.end())));
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

  private Optional<Match> longestAt(String s, List<int[]> words, int first) {
    int start = words.get(first)[0];
    if (start > 0 && s.charAt(start - 1) == '-' || !index.startsTerm(s.substring(start, words.get(first)[1]))) {
      return Optional.empty();
    }
    int last = Math.min(words.size() - 1, first + index.maxWords() - 1);
    for (int j = last; j >= first; j--) {
      int end = words.get(j)[1];
      if (end < s.length() && joinsNextWord(s, end)) {
        continue;
      }
      Optional<SkillId> id = index.lookup(s.substring(start, end));
      if (id.isPresent()) {
        return Optional.of(new Match(id.get(), start, end, j));
      }
    }
    return Optional.empty();
  }

  private static boolean joinsNextWord(String s, int end) {
    char c = s.charAt(end);
    return (c == '-' || c == '.') && end + 1 < s.length() && MentionIndex.isWordChar(s.charAt(end + 1));
  }

  private static List<int[]> words(String s) {
    List<int[]> words = new ArrayList<>();
    int i = 0;
    while (i < s.length()) {
      if (!MentionIndex.isWordChar(s.charAt(i))) {
        i++;
        continue;
      }
      int start = i;
      while (i < s.length() && MentionIndex.isWordChar(s.charAt(i))) {
        i++;
      }
      words.add(new int[] {start, i});
    }
    return words;
  }

  private record Match(SkillId id, int start, int end, int lastWord) {}
}
