package dev.skillsite.content;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.skillsite.model.SkillId;
import org.junit.jupiter.api.Test;

class SlugsTest {
  @Test
  void namesBecomeValidSkillIds() {
    assertEquals("seo-optimizer", Slugs.of("SEO Optimizer"));
    assertEquals("foo-bar", Slugs.of("Foo_Bar"));
    assertEquals("cafe-creme", Slugs.of("Café Crème"));
    assertEquals("v1.2-notes", Slugs.of("v1.2 notes"));
    assertEquals("a-b", Slugs.of("--a..b--"));
    assertEquals("a-b", Slugs.of("a.-b"));
    assertEquals("tools-co", Slugs.of("Tools & Co"));
    for (String s : new String[] {"SEO Optimizer", "a..b", ".x.", "Ünïcödé", "x__y"}) {
      new SkillId(Slugs.of(s));
    }
  }

  @Test
  void textWithoutLettersOrDigitsFallsBack() {
    assertEquals("", Slugs.of("日本語"));
    assertEquals("skill", Slugs.of("---", "skill"));
  }
}
