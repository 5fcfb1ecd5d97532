package dev.skillsite.content;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class HeadingTitleTest {
  @Test
  void firstAtxHeadingWithoutClosingHashes() {
    assertEquals(
        Optional.of("API reference"), HeadingTitle.of("intro\n\n## API reference ##\n# Later\n"));
  }

  @Test
  void closingHashesNeedASpaceAndHostileLinesAreFast() {
    assertEquals(Optional.of("C#"), HeadingTitle.of("# C#\n"));
    assertEquals(Optional.of("Title"), HeadingTitle.of("#\t Title \t###  \n"));
    assertEquals(Optional.empty(), HeadingTitle.of("####### seven\n    # code\n"));
    String hostile = "# " + " ".repeat(200_000) + "x" + " ".repeat(200_000) + "#";
    assertEquals(Optional.of("x"), HeadingTitle.of(hostile));
  }

  @Test
  void skipsFrontmatterAndFencedCode() {
    assertEquals(
        Optional.of("Real"),
        HeadingTitle.of("---\ntitle: x\n---\n```md\n# Fake\n```\n~~~\n# Fake\n~~~\n# Real\n"));
  }

  @Test
  void setextHeadingsAndNone() {
    assertEquals(Optional.of("Title"), HeadingTitle.of("Title\n=====\n"));
    assertEquals(Optional.of("Sub"), HeadingTitle.of("Sub\n---\n"));
    assertEquals(Optional.empty(), HeadingTitle.of("#hashtag is not a heading\n\n- list\n"));
  }
}
