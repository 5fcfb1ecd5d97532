package dev.skillsite.markdown;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skillsite.model.SkillId;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hostile shapes of Markdown render in bounded time, without a stack overflow, to sanitized HTML.
 */
class HostileMarkdownTest {
  private final MarkdownRenderer renderer = new MarkdownRenderer();

  @ParameterizedTest
  @ValueSource(strings = {"> ", "- ", "1. ", "* ", "  - "})
  void tenThousandDeepBlocks(String marker) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 10_000; i++) {
      sb.append(marker);
    }
    sb.append("deep <script>alert(1)</script>\n");
    assertRenders(sb.toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"*", "_", "[", "**", "~~", "<span>", "`"})
  void tenThousandOpenInlines(String opener) {
    assertRenders(opener.repeat(10_000) + "x" + "\n");
  }

  @ParameterizedTest
  @ValueSource(ints = {20_000})
  void manyLinesAndLinks(int lines) {
    assertRenders("- [x](#a) Oban <b>b</b>\n".repeat(lines));
  }

  private void assertRenders(String markdown) {
    assertTimeoutPreemptively(
        Duration.ofSeconds(60),
        () -> {
          SourceDocument doc = new SourceDocument("s/SKILL.md", new SkillId("s"), "s", markdown, 1);
          String html =
              renderer
                  .render(renderer.parse(doc), new FakeTargets(), MentionIndex.none())
                  .html()
                  .html();
          HtmlSanitizerTest.assertNoExecutableMarkup(html);
          assertTrue(html.length() > 0);
        });
  }
}
