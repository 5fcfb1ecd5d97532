package dev.skillsite.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skillsite.model.Diagnostic;
import dev.skillsite.site.SiteGenerator;
import dev.skillsite.testing.TestSkills;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The classes of a hostile battery (issue 26), each in a collection beside a good skill: one bad
 * skill is that skill's diagnostic, never the build's failure, and the good skill is published.
 */
class HostileCollectionTest {
  @TempDir Path tmp;

  @Test
  void aHugeBodyIsShownAsPlainTextWithAWarningAndTheRestIsRendered() throws IOException {
    Path content = good();
    TestSkills.write(
        content, "huge", "Use when testing the Markdown budget.", "`code` *em* ".repeat(750_000));
    BuildResult result = build(content);
    assertTrue(result.published());
    assertEquals(
        List.of(
            "skills/huge/SKILL.md:5:1: warning: Markdown of 8.6 Mi characters is over the 8 Mi"
                + " characters one document may render; shown as plain text, cut at 256 Ki characters (hint: split it into"
                + " reference files)"),
        lines(result, "markdown-budget"));
    String huge = page("huge");
    assertTrue(huge.contains("<pre># huge\n\n`code` *em* `code`"), "shown as text");
    assertFalse(huge.contains("<code>code</code>"), "not rendered");
    assertTrue(huge.length() < 400_000, "cut: " + huge.length());
    assertTrue(page("good").contains("<code>rendered</code>"));
  }

  @Test
  void valuesThatAreNotTextAreTheirSkillsErrors() throws IOException {
    Path content = good();
    write(
        content,
        "b/SKILL.md",
        "---\nname: \"a\\ud800b\"\ndescription: Use when testing surrogates.\n---\nx\n");
    write(
        content,
        "c/SKILL.md",
        "---\nname: c\ndescription: \"Use when \\0 testing NUL.\"\n---\nx\n");
    write(
        content,
        "e/SKILL.md",
        "---\nname: \"\\e[2K\\rbuilt fine\"\ndescription: Use when testing ESC.\n---\nx\n");
    BuildResult result = build(content);
    assertTrue(result.published());
    assertEquals(
        List.of(
            "b/SKILL.md:2:7: error: YAML value holds U+D800, a lone surrogate, which is not text (hint: remove the escape)",
            "c/SKILL.md:3:14: error: YAML value holds U+0000, a control character, which is not text (hint: remove the"
                + " escape)",
            "e/SKILL.md:2:7: error: YAML value holds U+001B, a control character, which is not text (hint: remove the"
                + " escape)"),
        lines(result, "not-text"));
    assertTrue(page("good").contains("still published"));
  }

  @Test
  void aSkillNamedLikeAGeneratedPageIsPublishedUnderAnotherId() throws IOException {
    Path content = good();
    write(
        content,
        "a/SKILL.md",
        "---\nname: INDEX.HTML\ndescription: Use when testing reserved names.\n---\nx\n");
    write(
        content,
        "b/SKILL.md",
        "---\nname: Index.html\ndescription: Use when testing reserved names.\n---\nx\n");
    BuildResult result = build(content);
    assertTrue(result.published());
    assertEquals(
        List.of(
            "a/SKILL.md:2:1: warning: name 'INDEX.HTML' gives the id 'index.html', which names a page the site generates"
                + " (skills/index.html); published as 'content-index.html'",
            "b/SKILL.md:2:1: warning: name 'Index.html' gives the id 'index.html', which names a page the site generates"
                + " (skills/index.html); published as 'b-index.html'"),
        lines(result, "reserved-name"));
    assertTrue(
        Files.readString(out().resolve("skills/index.html")).contains("good"),
        "the skill list is kept");
    assertTrue(Files.isRegularFile(out().resolve("skills/b-index.html/index.html")));
  }

  @Test
  void specialFilesAndFoldersWhereFilesShouldBeAreNamed() throws IOException, InterruptedException {
    Path content = good();
    Files.createDirectories(content.resolve("d"));
    mkfifo(content.resolve("d/SKILL.md"));
    Files.createDirectories(content.resolve("e/SKILL.md"));
    mkfifo(content.resolve("skills/good/notes.md"));
    try (var socket =
        java.nio.channels.ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
      socket.bind(java.net.UnixDomainSocketAddress.of(content.resolve("skills/good/sock.md")));
      Files.createDirectories(content.resolve("skillsite.yaml"));
      BuildResult result = build(content);
      assertTrue(result.published());
      assertEquals(
          List.of(
              "d/SKILL.md:1:1: warning: SKILL.md is a special file (FIFO, socket or device), not a regular file; it is"
                  + " not read",
              "e/SKILL.md:1:1: warning: SKILL.md is a folder, not a file; no skill is loaded from it",
              "skills/good/notes.md:1:1: warning: notes.md is a special file (FIFO, socket or device), not a regular"
                  + " file; it is not read",
              "skills/good/sock.md:1:1: warning: sock.md is a special file (FIFO, socket or device), not a regular file;"
                  + " it is not read",
              "skillsite.yaml:1:1: warning: skillsite.yaml is a folder, not a regular file; the defaults are used"),
          lines(result, "not-a-file"));
    }
  }

  @Test
  void llmsTxtCarriesTextAndTheConfiguredBaseUrlIsCheckedEverywhere() throws IOException {
    Path content = good();
    write(content, "skillsite.yaml", "title: <b>T</b>\nbase_url: \"javascript:alert(1)//\"\n");
    write(
        content,
        "x/SKILL.md",
        "---\nname: x\ndescription: \"Use when <script>alert(1)</script> or"
            + " [click](data:text/html,<script>alert(2)</script>) or <data:text/html,x> `code`\"\n---\nx\n");
    BuildResult result = build(content);
    assertEquals(
        List.of(
            "skillsite.yaml:2:11: warning: base_url must be an absolute http:// or https:// URL; it is"
                + " ignored"),
        lines(result, "invalid-base-url"));
    String llms = Files.readString(out().resolve("llms.txt"), StandardCharsets.UTF_8);
    assertTrue(llms.startsWith("# T\n"), llms);
    assertTrue(
        llms.contains(
            "- [x](skills/x/): Use when or \\[click\\](data:text/html, ) or \\`code\\`\n"),
        llms);
    assertFalse(llms.contains("javascript:") || llms.contains("<"), llms);
    String index =
        Files.readString(
            out().resolve(".well-known/agent-skills/index.json"), StandardCharsets.UTF_8);
    assertFalse(index.contains("javascript:"), index);
  }

  @Test
  void aLinkedFileOfATypeAServerRunsIsNotCopied() throws IOException {
    Path content = good();
    write(
        content,
        "skills/x/SKILL.md",
        "---\nname: x\ndescription: Use when testing server-side files.\n---\n"
            + "[run](evil.php) [img](evil.php.png) [ok](notes.txt)\n");
    write(content, "skills/x/evil.php", "<?php system($_GET['c']); ?>");
    write(content, "skills/x/evil.php.png", "<?php system($_GET['c']); ?>");
    write(content, "skills/x/notes.txt", "fine");
    BuildResult result = build(content);
    assertTrue(result.published());
    assertTrue(Files.isRegularFile(out().resolve("skills/x/files/notes.txt")));
    try (var walk = Files.walk(out())) {
      List<String> php =
          walk.map(p -> p.getFileName().toString()).filter(n -> n.contains(".php")).toList();
      assertEquals(List.of(), php, "no server-side file in the site");
    }
    assertTrue(
        result.diagnostics().stream()
            .anyMatch(
                d ->
                    d.pos().path().equals("skills/x/SKILL.md") && d.message().contains("evil.php")),
        result.diagnostics().toString());
  }

  @Test
  void aFileUrlAsTheConfiguredBaseUrlReachesNoOutput() throws IOException {
    Path content = good();
    write(content, "skillsite.yaml", "base_url: \"file:///home/user/.ssh/\"\n");
    BuildResult result = build(content);
    assertEquals(1, lines(result, "invalid-base-url").size(), result.diagnostics().toString());
    try (var walk = Files.walk(out())) {
      for (Path f : walk.filter(Files::isRegularFile).toList()) {
        String name = f.getFileName().toString();
        if (name.endsWith(".json")
            || name.endsWith(".txt")
            || name.endsWith(".xml")
            || name.endsWith(".html")) {
          assertFalse(Files.readString(f, StandardCharsets.UTF_8).contains(".ssh"), f.toString());
        }
      }
    }
  }

  @Test
  void nulCharactersInMarkdownNeverReachTheSite() throws IOException {
    Path content = good();
    write(
        content,
        "skills/x/SKILL.md",
        "---\nname: x\ndescription: Use when testing NUL in Markdown.\n---\n# Title \0 here\n\n"
            + "Body a\0b `c\0d` [l\0](ref.md)\n\n<div title=\"\0\">x\0</div>\n");
    write(content, "skills/x/ref.md", "# Ref \0 title\n\ntext\0\n");
    BuildResult result = build(content);
    assertTrue(result.published());
    try (var walk = Files.walk(out())) {
      for (Path f : walk.filter(Files::isRegularFile).toList()) {
        String name = f.getFileName().toString();
        if (!name.endsWith(".md")
            && !name.endsWith(".gz")
            && !f.toString().contains("/search/")
            && !f.toString().contains(dev.skillsite.cache.BuildCache.FOLDER)) {
          byte[] bytes = Files.readAllBytes(f);
          for (byte b : bytes) {
            assertTrue(b != 0, "NUL in " + f);
          }
        }
      }
    }
    assertTrue(page("x").contains("Body a\ufffdb"), "replaced as CommonMark says");
  }

  @Test
  void aLinkToAFileThatIsNoRegularFileSaysWhatItIs() throws IOException, InterruptedException {
    Path content = good();
    write(
        content,
        "skills/x/SKILL.md",
        "---\nname: x\ndescription: Use when testing links to special files.\n---\n"
            + "[fifo](pipe.txt) [link](link.txt) [dir](folder) [png](big.txt)\n");
    mkfifo(content.resolve("skills/x/pipe.txt"));
    Files.writeString(tmp.resolve("secret.txt"), "secret");
    Files.createSymbolicLink(content.resolve("skills/x/link.txt"), tmp.resolve("secret.txt"));
    Files.createDirectories(content.resolve("skills/x/folder"));
    write(content, "skills/x/big.txt", "fine");
    BuildResult result = build(content); // the FIFO is never opened: a read would block for ever
    assertTrue(result.published());
    assertEquals(
        List.of(
            "skills/x/SKILL.md:5:1: warning: link to a file that is not published (a FIFO, socket or"
                + " device, not a regular file; it is never opened): pipe.txt",
            "skills/x/SKILL.md:5:18: warning: link to a file that is not published (a symbolic"
                + " link, which is not followed): link.txt",
            "skills/x/SKILL.md:5:35: warning: link to a file that is not published (a folder):"
                + " folder"),
        lines(result, "link-unpublished"));
    assertTrue(Files.isRegularFile(out().resolve("skills/x/files/big.txt")));
  }

  static void mkfifo(Path path) throws IOException, InterruptedException {
    assertEquals(0, new ProcessBuilder("mkfifo", path.toString()).inheritIO().start().waitFor());
  }

  static void write(Path content, String rel, String text) throws IOException {
    Path f = content.resolve(rel);
    Files.createDirectories(f.getParent());
    Files.writeString(f, text, StandardCharsets.UTF_8);
  }

  Path good() throws IOException {
    Path content = tmp.resolve("content");
    TestSkills.write(
        content,
        "good",
        "Use when checking that good skills are still published.",
        "Some `rendered` text.");
    return content;
  }

  BuildResult build(Path content) throws IOException {
    return new BuildPipeline(new SiteGenerator(Optional.empty()), Progress.NONE)
        .run(new BuildOptions(content, out(), Optional.empty(), true));
  }

  Path out() {
    return tmp.resolve("site");
  }

  String page(String skill) throws IOException {
    return Files.readString(
        out().resolve("skills/" + skill + "/index.html"), StandardCharsets.UTF_8);
  }

  static List<String> lines(BuildResult result, String code) {
    return result.diagnostics().stream()
        .filter(d -> d.code().equals(code))
        .map(Diagnostic::format)
        .toList();
  }
}
