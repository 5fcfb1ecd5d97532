package dev.skillsite.markdown;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skillsite.model.SkillId;
import java.util.List;
import java.util.Locale;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HtmlSanitizerTest {
  private static final List<String> FORBIDDEN_TAGS =
      List.of(
          "script", "iframe", "object", "embed", "form", "style", "svg", "math", "link", "meta",
          "base");

  private final MarkdownRenderer renderer = new MarkdownRenderer();

  /** Markdown and raw-HTML shapes of known XSS vectors (after the OWASP filter-evasion list). */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "<script>alert(1)</script>",
        "<SCRIPT SRC=x.js></SCRIPT>",
        "<img src=x onerror=alert(1)>",
        "<img src=\"images/a.png\" onerror=\"alert(1)\">",
        "<a href=\"javascript:alert(1)\">x</a>",
        "<a href=\"JaVaScRiPt:alert(1)\">x</a>",
        "<a href=\"jav&#x09;ascript:alert(1)\">x</a>",
        "<a href=\"&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)\">x</a>",
        "<a href=\" javascript:alert(1)\">x</a>",
        "<a href=\"vbscript:msgbox(1)\">x</a>",
        "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">x</a>",
        "[x](javascript:alert(1))",
        "[x](jav&#x09;ascript:alert(1))",
        "[x](JAVASCRIPT:alert(1))",
        "[x](data:text/html,<script>alert(1)</script>)",
        "[x](vbscript:msgbox)",
        "![x](javascript:alert(1))",
        "<javascript:alert(1)>",
        "<iframe src=\"https://evil.example\"></iframe>",
        "<svg onload=alert(1)>",
        "<svg><script>alert(1)</script></svg>",
        "<div style=\"width: expression(alert(1))\">x</div>",
        "<p style=\"background:url(javascript:alert(1))\">x</p>",
        "<object data=\"x.swf\"></object><embed src=\"x.swf\">",
        "<form action=\"https://evil.example\"><input name=q><button>go</button></form>",
        "<details open ontoggle=alert(1)>x</details>",
        "<body onload=alert(1)>",
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
        "<a href=\"#\" onclick=\"alert(1)\">x</a>",
        "<style>body{background:red}</style>",
        "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
        "<base href=\"javascript:alert(1)//\">",
        "<input type=\"image\" src=\"x\" onfocus=\"alert(1)\" autofocus>",
        "<!--<img src=\"--><img src=x onerror=alert(1)//\">",
        "<<SCRIPT>alert(\"XSS\");//\\<</SCRIPT>",
        "<img src=\"http://evil.example/track.png\">",
        "<a href=\"javascript&colon;alert(1)\">x</a>",
      })
  void noExecutableMarkupSurvives(String vector) {
    SourceDocument doc =
        new SourceDocument("s/SKILL.md", new SkillId("s"), "s", "text\n\n" + vector + "\n", 1);
    String html =
        renderer.render(renderer.parse(doc), new FakeTargets(), MentionIndex.none()).html().html();
    assertNoExecutableMarkup(html);
  }

  /**
   * Fails when any element is a script-capable tag, has an event handler or style, or a dangerous
   * URL.
   */
  static void assertNoExecutableMarkup(String html) {
    Document d = Jsoup.parseBodyFragment(html);
    for (Element e : d.body().getAllElements()) {
      assertFalse(
          FORBIDDEN_TAGS.contains(e.normalName()),
          () -> "forbidden <" + e.normalName() + "> in " + html);
      for (Attribute a : e.attributes()) {
        String key = a.getKey().toLowerCase(Locale.ROOT);
        assertFalse(key.startsWith("on"), () -> "event handler " + key + " in " + html);
        assertFalse(key.equals("style"), () -> "style attribute in " + html);
        String value = a.getValue().replaceAll("[\\s\\x00-\\x1f]", "").toLowerCase(Locale.ROOT);
        assertFalse(
            value.startsWith("javascript:")
                || value.startsWith("vbscript:")
                || value.startsWith("data:"),
            () -> "dangerous URL " + a + " in " + html);
        if (key.equals("src")) {
          assertFalse(
              value.contains(":") || value.startsWith("//"),
              () -> "remote src " + a + " in " + html);
        }
      }
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "<kbd>Ctrl</kbd>",
        "<details><summary>More</summary>hidden</details>",
        "H<sub>2</sub>O"
      })
  void harmlessRawHtmlIsKept(String markup) {
    SourceDocument doc = new SourceDocument("s/SKILL.md", new SkillId("s"), "s", markup + "\n", 1);
    String html =
        renderer.render(renderer.parse(doc), new FakeTargets(), MentionIndex.none()).html().html();
    assertTrue(html.contains(markup), html);
  }

  @ParameterizedTest
  @ValueSource(strings = {"[in page](#x)", "[rel](../a/index.html)"})
  void relativeAndAnchorLinksKeepTheirHref(String markdown) {
    String html =
        new HtmlSanitizer()
            .clean(
                "<a href=\""
                    + markdown.substring(markdown.indexOf('(') + 1, markdown.length() - 1)
                    + "\">x</a>")
            .html();
    assertEquals(
        markdown.substring(markdown.indexOf('(') + 1, markdown.length() - 1),
        Jsoup.parseBodyFragment(html).selectFirst("a").attr("href"));
  }
}
