package dev.skillsite.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skillsite.site.SiteGenerator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Skill content is hostile: known XSS shapes go through every field a collection controls, and a
 * jsoup walk of every page written finds no executable markup from content.
 */
class UntrustedContentTest {
  /** Shapes after the OWASP filter-evasion list, written for this test. */
  static final List<String> VECTORS =
      List.of(
          "<script>alert(1)</script>",
          "<img src=x onerror=alert(2)>",
          "<svg/onload=alert(3)>",
          "<iframe src=\"javascript:alert(4)\"></iframe>",
          "<a href=\"javascript:alert(5)\">x</a>",
          "<a href=\"jav&#x09;ascript:alert(6)\">x</a>",
          "<a href=\" &#14;  javascript:alert(7)\">x</a>",
          "<IMG SRC=JaVaScRiPt:alert(8)>",
          "<body onload=alert(9)>",
          "<object data=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxMCk8L3NjcmlwdD4=\"></object>",
          "<div style=\"width: expression(alert(11))\">x</div>",
          "<div style=\"background:url(javascript:alert(12))\">x</div>",
          "<a href=\"vbscript:msgbox(13)\">x</a>",
          "<a href=\"data:text/html,<script>alert(14)</script>\">x</a>",
          "\"><script>alert(15)</script>",
          "'><img src=x onerror=alert(16)>",
          "<math><mtext><table><mglyph><style><img src=x onerror=alert(17)>",
          "<form action=\"javascript:alert(18)\"><button>go</button></form>",
          "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(19)\">",
          "<base href=\"javascript:alert(20)//\">",
          "<embed src=\"javascript:alert(21)\">",
          "<details open ontoggle=alert(22)>",
          "</textarea><script>alert(23)</script>",
          "{{ 7*7 }}{% raw %}<script>alert(24)</script>");

  private static final Pattern BAD_URL =
      Pattern.compile(
          "^\\s*(javascript|vbscript|data:text/html|data:application)", Pattern.CASE_INSENSITIVE);

  @TempDir Path tmp;

  @Test
  void noExecutableMarkupFromContentReachesAnyPage() throws IOException {
    Path content = hostileCollection();
    Path out = tmp.resolve("site");
    BuildResult result =
        new BuildPipeline(new SiteGenerator(Optional.empty()), Progress.NONE)
            .run(
                new BuildOptions(
                    content,
                    out,
                    Optional.of("https://example.org/a\"><script>alert(25)</script>/"),
                    true));
    assertTrue(result.skills() >= 2, result.summary());

    List<String> findings = new ArrayList<>();
    try (Stream<Path> files = Files.walk(out)) {
      for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        String rel = out.relativize(f).toString();
        if (rel.endsWith(".html")) {
          findings.addAll(scanHtml(rel, Jsoup.parse(Files.readString(f, StandardCharsets.UTF_8))));
        } else if (rel.endsWith(".js") && rel.startsWith("assets/catalog")) {
          String js = Files.readString(f, StandardCharsets.UTF_8);
          if (js.contains("</script") || js.contains("<script")) {
            findings.add(rel + ": raw <script in data file");
          }
        }
      }
    }
    assertEquals(List.of(), findings);
    String page = Jsoup.parse(Files.readString(out.resolve("skills/hostile/index.html"))).text();
    assertTrue(
        page.contains("<img src=x onerror=alert(2)>"), "the vectors reach the page, as text");
  }

  private static List<String> scanHtml(String rel, Document doc) {
    List<String> bad = new ArrayList<>();
    for (Element e : doc.getAllElements()) {
      String tag = e.tagName().toLowerCase(Locale.ROOT);
      switch (tag) {
        case "script" -> {
          if (!e.hasAttr("src") || !e.data().isBlank() || !ownAsset(e.attr("src"))) {
            bad.add(rel + ": script " + e.outerHtml());
          }
        }
        case "iframe", "object", "embed", "frame", "frameset", "applet", "base" ->
            bad.add(rel + ": " + tag);
        case "meta" -> {
          if (e.attr("http-equiv").equalsIgnoreCase("refresh")) {
            bad.add(rel + ": meta refresh");
          }
        }
        default -> {}
      }
      for (Attribute a : e.attributes()) {
        String name = a.getKey().toLowerCase(Locale.ROOT);
        String value = a.getValue();
        if (name.startsWith("on")) {
          bad.add(rel + ": " + tag + " " + name);
        }
        if ((name.equals("href")
                || name.equals("src")
                || name.equals("action")
                || name.equals("formaction")
                || name.equals("data")
                || name.equals("xlink:href"))
            && BAD_URL.matcher(value).find()) {
          bad.add(rel + ": " + tag + " " + name + "=" + value);
        }
        if (name.equals("style")
            && value.toLowerCase(Locale.ROOT).matches(".*(expression|javascript|url\\().*")) {
          bad.add(rel + ": style " + value);
        }
      }
    }
    return bad;
  }

  /** Our own scripts live in the site's assets folder, linked relatively. */
  private static boolean ownAsset(String src) {
    return src.matches("(\\.\\./)*assets/[a-z0-9.-]+\\.js(\\?v=[0-9a-f]{10})?");
  }

  private Path hostileCollection() throws IOException {
    Path root = tmp.resolve("content");
    String all = String.join(" ", VECTORS);
    String quoted =
        VECTORS.stream()
            .map(v -> "\"" + v.replace("\"", "'") + "\"")
            .reduce((a, b) -> a + ", " + b)
            .orElseThrow();
    write(
        root.resolve("skillsite.yaml"),
        yaml("title", all)
            + yaml("description", all)
            + "repository:\n"
            + yaml("  url", "javascript:alert(26)")
            + yaml("  branch", all)
            + yaml("install", "curl {repo} " + all)
            + "upstream:\n"
            + yaml("  name", all)
            + yaml("  url", "javascript:alert(27)")
            + yaml("  license", all));
    write(
        root.resolve(".claude-plugin/marketplace.json"),
        "{\"name\": "
            + json(all)
            + ", \"metadata\": {"
            + "\"description\": "
            + json(all)
            + ", \"homepage\": \"javascript:alert(28)\"}, \"plugins\": [{\"name\": "
            + json(all)
            + ", \"source\": \"./skills\", \"description\": "
            + json(all)
            + ", \"category\": "
            + json(all)
            + ", \"keywords\": ["
            + json(VECTORS.get(0))
            + "], \"homepage\": \"javascript:alert(29)\"}]}");
    write(
        root.resolve("skills/hostile/SKILL.md"),
        "---\n"
            + yaml("name", "hostile")
            + yaml("description", "Use when the user asks to " + quoted + ", or mentions " + all)
            + yaml("license", all)
            + "allowed-tools:\n"
            + VECTORS.stream().map(v -> "  - " + yamlScalar(v) + "\n").reduce("", String::concat)
            + "metadata:\n"
            + yaml("  author", all)
            + yaml("  homepage", "javascript:alert(30)")
            + "---\n# Body\n\n"
            + markdownWithVectors()
            + "\nSee [the reference](references/evil.md) and [out](../../../etc/passwd).\n");
    write(
        root.resolve("skills/hostile/references/evil.md"),
        "# " + all + "\n\n" + markdownWithVectors());
    write(
        root.resolve("skills/" + "bad-name/SKILL.md"),
        "---\n" + yaml("name", all) + yaml("description", all) + "---\n" + markdownWithVectors());
    return root;
  }

  private static String markdownWithVectors() {
    StringBuilder md = new StringBuilder();
    for (String v : VECTORS) {
      md.append(v).append("\n\n").append("inline ").append(v).append(" text\n\n");
    }
    md.append(
        "[click](javascript:alert(31)) ![img](javascript:alert(32)) <javascript:alert(33)>\n\n");
    md.append("[ref]: vbscript:alert(34)\n\n[ref]\n\n");
    md.append("```html\n<script>alert(35)</script>\n```\n");
    return md.toString();
  }

  private static String yaml(String key, String value) {
    return key + ": " + yamlScalar(value) + "\n";
  }

  private static String yamlScalar(String value) {
    return "'" + value.replace("'", "''") + "'";
  }

  private static String json(String s) {
    return new com.google.gson.Gson().toJson(s);
  }

  private static void write(Path p, String s) throws IOException {
    Files.createDirectories(p.getParent());
    Files.writeString(p, s, StandardCharsets.UTF_8);
  }
}
