package dev.skillsite.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RegexTopLevelTest {
  private static RegexTopLevel top(String regex) {
    return RegexTopLevel.of(regex).orElseThrow();
  }

  private static List<String> groups(String regex) {
    RegexTopLevel t = top(regex);
    return t.groups().stream().map(t::text).toList();
  }

  @Test
  void barsInsideGroupsClassesOrEscapesDoNotCut() {
    assertEquals(List.of("a(?:b|c)", "[|x]d", "e\\|f"), top("a(?:b|c)|[|x]d|e\\|f").alternatives());
    assertEquals(List.of("abc"), top("abc").alternatives());
    assertEquals(List.of("", "a", ""), top("|a|").alternatives());
  }

  @Test
  void aLeadingCloseBracketIsAMemberOfTheClass() {
    assertEquals(List.of("[]|(]x", "y"), top("[]|(]x|y").alternatives());
    assertEquals(List.of("[^]|)]x", "y"), top("[^]|)]x|y").alternatives());
  }

  @Test
  void onlyTopLevelGroupsAreListed() {
    assertEquals(List.of("(?:a|(b))", "(c)", "([)]|d)"), groups("\\((?:a|(b))x(c)+\\)([)]|d)"));
    assertEquals(List.of(), groups("\\(a\\)[()]"));
  }

  @Test
  void unclosedGroupsAndClassesHaveNoTopLevel() {
    assertEquals(Optional.empty(), RegexTopLevel.of("(a|b"));
    assertEquals(Optional.empty(), RegexTopLevel.of("a)|(b"));
    assertEquals(Optional.empty(), RegexTopLevel.of("[a|b"));
    assertTrue(RegexTopLevel.of("\\[a|b").isPresent());
  }
}
