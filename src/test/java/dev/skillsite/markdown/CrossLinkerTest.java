package dev.skillsite.markdown;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.skillsite.model.Reference;
import dev.skillsite.model.Skill;
import dev.skillsite.model.SkillId;
import dev.skillsite.model.Triggers;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

class CrossLinkerTest {
  private final MarkdownRenderer renderer = new MarkdownRenderer();
  private final MentionIndex index =
      MentionIndex.of(
          List.of(
              skill("otp-thinking", "GenServer", "Supervisor", "Task"),
              skill("oban-thinking", "Oban", "Oban Pro", "Task"),
              skill("phoenix-thinking", "LiveView", "Phoenix")));

  private static Skill skill(String name, String... keywords) {
    return new Skill(
        new SkillId(name),
        name,
        "d",
        "skills/" + name + "/SKILL.md",
        "c",
        Map.of(),
        "",
        4,
        List.<Reference>of(),
        new Triggers(List.of(), List.of(keywords), List.of(), List.of()),
        List.of());
  }

  private RenderedDocument render(String markdown) {
    SourceDocument doc =
        new SourceDocument(
            "skills/otp-thinking/SKILL.md",
            new SkillId("otp-thinking"),
            "skills/otp-thinking",
            markdown,
            4);
    return renderer.render(renderer.parse(doc), new FakeTargets(), index);
  }

  private Document html(RenderedDocument doc) {
    return Jsoup.parseBodyFragment(doc.html().html());
  }

  @Test
  void firstMentionOfAnOwnedKeywordLinksToItsSkill() {
    RenderedDocument doc = render("Use Oban for jobs. Oban again. LiveView too.");
    Document d = html(doc);
    assertEquals(List.of("Oban", "LiveView"), d.select("a").eachText());
    assertEquals(
        List.of("../oban-thinking/index.html", "../phoenix-thinking/index.html"),
        d.select("a").eachAttr("href"));
    assertEquals(
        Set.of(new SkillId("oban-thinking"), new SkillId("phoenix-thinking")), doc.mentions());
    assertEquals("Use Oban for jobs. Oban again. LiveView too.", d.text());
  }

  @Test
  void skillNamesLinkAndLongestTermWins() {
    Document d = html(render("Try oban-thinking, then Oban Pro."));
    assertEquals(List.of("oban-thinking"), d.select("a").eachText());
    Document pro = html(render("Oban Pro is paid."));
    assertEquals(List.of("Oban Pro"), pro.select("a").eachText());
  }

  @Test
  void lettersBeyondAsciiAreWordCharacters() {
    // "ÜberOban" and "Obanß" are one word each (no mention); "—" and "→" separate words
    Document d = html(render("ÜberOban, Obanß, 東京Oban; then—LiveView→done."));
    assertEquals(List.of("LiveView"), d.select("a").eachText());
  }

  @Test
  void sharedKeywordsSelfMentionsAndPartialWordsDoNotLink() {
    Document d =
        html(render("A Task, a GenServer, otp-thinking, Obanish, non-Oban, Phoenix.Endpoint."));
    assertEquals(List.of(), d.select("a").eachText());
  }

  @Test
  void codeLinksAndHeadingsAreLeftAlone() {
    Document d =
        html(
            render(
                "# Oban\n\n`Oban.insert` and [Oban docs](https://hexdocs.pm/oban)\n\n"
                    + "```\nOban\n```\n\nthen LiveView"));
    assertEquals(List.of("Oban docs", "LiveView"), d.select("a").eachText());
  }

  @Test
  void plainWordsAndSingleWordNamesAreNotDistinctive() {
    MentionIndex index =
        MentionIndex.of(
            List.of(skill("search", "workflows", "Oban"), skill("phoenix-thinking", "LiveView")));
    SourceDocument doc =
        new SourceDocument(
            "skills/x/SKILL.md",
            new SkillId("x"),
            "skills/x",
            "search the workflows with Oban and LiveView",
            1);
    Document d = html(renderer.render(renderer.parse(doc), new FakeTargets(), index));
    assertEquals(List.of("Oban", "LiveView"), d.select("a").eachText());
  }

  @Test
  void termsManySkillsUseInPassingAreDropped() {
    MentionIndex common = index.withoutCommon(Map.of("Oban", 11, "LiveView", 10), 100);
    Document d =
        html(
            renderer.render(
                renderer.parse(
                    new SourceDocument(
                        "skills/otp-thinking/SKILL.md",
                        new SkillId("otp-thinking"),
                        "skills/otp-thinking",
                        "Oban and LiveView",
                        1)),
                new FakeTargets(),
                common));
    assertEquals(List.of("LiveView"), d.select("a").eachText());
  }

  @Test
  void mentionedTermsAreFoundInProseNotInHeadingsOrCode() {
    String markdown =
        String.join(
            "\n",
            "# Oban",
            "",
            "Use Oban Pro, `LiveView` and oban-thinking.",
            "  ```elixir",
            "  Phoenix.PubSub.broadcast(Oban)",
            "  ```",
            "~~~~",
            "``` not a close: a longer fence is open",
            "LiveView in a tilde fence",
            "~~~~",
            "A ``span with ` LiveView`` and an unclosed ` before Phoenix.");
    assertEquals(
        Set.of("Oban Pro", "Phoenix", "oban-thinking"), renderer.mentionedTerms(markdown, index));
  }
}
