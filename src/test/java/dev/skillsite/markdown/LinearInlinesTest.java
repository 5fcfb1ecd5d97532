package dev.skillsite.markdown;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.skillsite.testing.CorpusSkills;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The linear parsers for {@code <} and backtick runs make the tree commonmark's own parsers make:
 * on random text over the characters that matter, on the spec's shapes, and on every SKILL.md of a
 * real collection.
 */
class LinearInlinesTest {
  private static final String[] PIECES = {
    "<",
    ">",
    "`",
    "``",
    "```",
    "!",
    "-",
    "--",
    "?",
    "[",
    "]",
    "CDATA[",
    "a",
    "b1",
    " ",
    "\n",
    "\"",
    "'",
    "=",
    "/",
    "http:",
    "x@y.z",
    "\\",
    "&amp;",
    "**",
    "<!--",
    "-->",
    "<?",
    "?>",
    "<![CDATA[",
    "]]>",
    "<!DOCTYPE ",
    "</a>",
    "<a href=\"x\">",
    "<a ",
    "<b/>",
    "\n\n",
    "    ",
    "*",
    "(",
    ")"
  };
  private final Parser linear = LinearInlines.addTo(Parser.builder()).build();
  private final Parser plain = Parser.builder().build();
  private final HtmlRenderer html = HtmlRenderer.builder().build();

  @ParameterizedTest
  @ValueSource(
      strings = {
        "<http://foo.bar.baz>",
        "<MAILTO:FOO@BAR.BAZ>",
        "<foo@bar.example.com>",
        "<http://foo.bar/baz bim>",
        "<>",
        "< http://foo.bar >",
        "<m:abc>",
        "<foo.bar.baz>",
        "<a><bab><c2c>",
        "<a/><b2/>",
        "<a  /><b2\ndata=\"foo\" >",
        "<33> <__>",
        "<a h*#ref=\"hi\">",
        "<a href='bar'title=title>",
        "foo <!-- this is a --\ncomment - with hyphens -->",
        "foo <!--> foo -->\n\nfoo <!---> foo -->",
        "foo <?php echo $a; ?>",
        "foo <!ELEMENT br EMPTY>",
        "foo <![CDATA[>&<]]>",
        "<a href=\"\\\"\">",
        "`foo`",
        "`` foo ` bar ``",
        "` `` `",
        "`foo   bar \nbaz`",
        "``\nfoo\nbar  \nbaz\n``",
        "`foo\\`bar`",
        "``foo`bar``",
        "*foo`*`",
        "[not a `link](/foo`)",
        "`<a href=\"`\">`",
        "<a href=\"`\">`",
        "`<http://foo.bar.`baz>`",
        "<http://foo.bar.`baz>`",
        "```foo``",
        "`foo",
        "`foo``bar``",
        "\\`` x ``",
        "a `` ` `` b ``` c",
        "<a <a <a href=\"x\">y</a>",
        "<<<<>",
        "<!-- <!-- -->",
        "<? <? ?>"
      })
  void specShapesParseAsCommonmarkParsesThem(String markdown) {
    assertSame(markdown);
  }

  @Test
  void randomTextParsesAsCommonmarkParsesIt() {
    Random random = new Random(26);
    for (int i = 0; i < 3000; i++) {
      StringBuilder sb = new StringBuilder();
      int n = 1 + random.nextInt(40);
      for (int j = 0; j < n; j++) {
        sb.append(PIECES[random.nextInt(PIECES.length)]);
      }
      assertSame(sb.toString());
    }
  }

  @Test
  void aRealCollectionParsesAsCommonmarkParsesIt() throws IOException {
    List<Path> files = CorpusSkills.files(Path.of("../shared/corpora/anthropic"));
    for (Path f : files) {
      assertSame(Files.readString(f, StandardCharsets.UTF_8));
    }
  }

  private void assertSame(String markdown) {
    assertEquals(html.render(plain.parse(markdown)), html.render(linear.parse(markdown)), markdown);
  }
}
