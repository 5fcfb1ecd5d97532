package dev.skillsite.site;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class InboundLinksTest {
  private static final Set<String> SKILLS = Set.of("a", "a/b", "c", "");

  private static List<String> reached(String asker, String target) {
    return InboundLinks.reached(asker, target, SKILLS::contains);
  }

  @Test
  void aTargetInTheAskersOwnFolderReachesNothing() {
    assertEquals(List.of(), reached("c", "c/references/x.md"));
    assertEquals(List.of(), reached("c", "c"));
    assertEquals(List.of(), reached("a/b", "a/b/notes/y.md"));
  }

  @Test
  void aTargetInAnotherFolderNamesEverySkillFolderAboveIt() {
    assertEquals(List.of("c", ""), reached("a", "c/references/x.md"));
    assertEquals(List.of("a", ""), reached("c", "a/SKILL.md"));
    assertEquals(List.of(""), reached("c", "docs/other.md"));
  }

  @Test
  void nestedSkillsNameBothFolders() {
    // a nested skill's files are another skill's to its parent, and the parent's to it
    assertEquals(List.of("a/b", "a", ""), reached("a", "a/b/refs/y.md"));
    assertEquals(List.of("a", ""), reached("a/b", "a/references/x.md"));
  }

  @Test
  void withoutARootSkillAPathOutsideEverySkillReachesNothing() {
    Set<String> skills = Set.of("a", "c");
    assertEquals(List.of(), InboundLinks.reached("a", "docs/x.md", skills::contains));
    assertEquals(List.of("c"), InboundLinks.reached("a", "c", skills::contains));
  }
}
