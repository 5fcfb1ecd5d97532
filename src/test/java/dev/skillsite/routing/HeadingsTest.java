package dev.skillsite.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class HeadingsTest {
  @Test
  void atxHeadingsOutsideFencesWithEmphasisAndClosingHashesRemoved() {
    String md =
        String.join(
            "\n",
            "# Title",
            "Some prose with a # in it.",
            "   ## **Bold** section ##",
            "    #### indented four: code, not a heading",
            "#hashtag is not a heading",
            "```bash",
            "# a shell comment",
            "~~~",
            "## still inside the backtick fence",
            "```",
            "### After `code`",
            "~~~~",
            "# inside a tilde fence",
            "```",
            "~~~~",
            "#",
            "###### Six\r",
            "####### Seven is too many");
    assertEquals(List.of("Title", "Bold section", "After code", "Six"), Headings.of(md));
  }

  @Test
  void anUnclosedFenceHidesTheRest() {
    assertEquals(List.of("Before"), Headings.of("## Before\n````\n## hidden\n```\n## hidden too"));
  }

  @Test
  void emptyAndHeadinglessBodies() {
    assertEquals(List.of(), Headings.of(""));
    assertEquals(List.of(), Headings.of("just text\n\nmore text\n"));
  }
}
