package dev.skillsite.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skillsite.content.ContentLoader;
import dev.skillsite.model.Catalog;
import dev.skillsite.model.Skill;
import dev.skillsite.output.OutputLock;
import dev.skillsite.site.ListPatch;
import dev.skillsite.site.ListState;
import dev.skillsite.site.SiteGenerator;
import dev.skillsite.testing.TestSkills;
import dev.skillsite.testing.Trees;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link CardPatch}: after an edit of one skill's card or catalog entry, the list pages and data
 * files it stages into an empty folder, laid over the old site, make every list page and data file
 * the clean build of the edited content makes, byte for byte; the files it does not stage are equal
 * already (so the state missed nothing), every file that still differs is another part's (the
 * skill's own pages and files, the search export and index, the discovery index, the build cache);
 * and what it cannot patch is refused with the reason. Rows: what is edited (a {@code SKILL.md}
 * line replaced), then "patch" or "refused: part of the reason".
 */
class CardPatchSpecTest {
  private static final Path ANTHROPIC = Path.of("../shared/corpora/anthropic");
  private static final Path LARGE = Path.of("../shared/corpora/large");

  /** Files another part of a patch build makes (PatchBuild, the routing seam, health). */
  private static final Pattern OTHERS =
      Pattern.compile(
          "(skills/[^/]+/.*|search/.*|\\.well-known/.*|\\.skillsite-cache/.*|health/.*)");

  /** The list pages and data files: every one must equal the clean build's. */
  private static final Pattern LISTS =
      Pattern.compile(
          "(index\\.html|page_\\d+\\.html|collections/.*|skills/index\\.html|skills/page_\\d+\\.html"
              + "|triggers/.*|skills\\.json|skills-json/.*|assets/catalog.*|llms.*|sitemap.*"
              + "|audit.*)");

  /** The list state's delta (site.ListState). */
  private static final String DELTA = ".skillsite-cache/patch/list-delta.tab";

  @TempDir Path tmp;

  private record Row(String what, String skillMd, String from, String to, String expect) {}

  @Test
  void anthropic() throws IOException {
    run(
        ANTHROPIC,
        List.of(
            new Row(
                "a description's first sentence",
                "skills/canvas-design/SKILL.md",
                "Create beautiful visual art in .png and .pdf documents using design philosophy.",
                "Create striking visual art in .png and .pdf files from a design philosophy.",
                "patch"),
            new Row(
                "the same description again",
                "skills/canvas-design/SKILL.md",
                "Create striking visual art",
                "Make striking visual art",
                "patch"),
            new Row(
                "a license (skills.json only)",
                "skills/canvas-design/SKILL.md",
                "license: Complete terms in LICENSE.txt",
                "license: Complete terms in the LICENSE.txt file",
                "patch"),
            new Row(
                "a name",
                "skills/webapp-testing/SKILL.md",
                "name: webapp-testing",
                "name: webapp-tester",
                "refused: renamed"),
            new Row(
                "a trigger phrase added (a row inserted, the counts on page 1 of each)",
                "skills/canvas-design/SKILL.md",
                "or other static piece.",
                "or other static piece, or to \"make a mural sketch\".",
                "patch"),
            new Row(
                "the added phrase removed again (a row deleted)",
                "skills/canvas-design/SKILL.md",
                ", or to \"make a mural sketch\".",
                ".",
                "patch"),
            new Row(
                "a trigger phrase reworded (the trigger index's row moves, its count stays)",
                "skills/slack-gif-creator/SKILL.md",
                "like \"make me a GIF of X doing Y for Slack.\"",
                "like \"make me a Slack GIF of X doing Y.\"",
                "patch"),
            new Row(
                "the same phrase reworded again (through the list delta)",
                "skills/slack-gif-creator/SKILL.md",
                "\"make me a Slack GIF of X doing Y.\"",
                "\"make a GIF for Slack\"",
                "patch"),
            new Row(
                "a phrase reworded under another letter (one page: its letter links made again)",
                "skills/slack-gif-creator/SKILL.md",
                "\"make a GIF for Slack\"",
                "\"Slack GIF of X\"",
                "patch")));
  }

  /**
   * A trigger index of about ten pages (30 skills, 200 quoted phrases each, "task 0000" to "task
   * 5999": pages cut at natural cuts past 500 rows): a phrase reworded inside its page, added,
   * removed, reworded far (a delete in one page and an insert in another), each patched and the
   * lists the clean build's; and what the windows cannot take, the whole index split again
   * (TriggerIndexPatch.whole): a row of the first page's range changed (named by every page's
   * pager), a new letter (linked from every page), 700 rows added at once (more pages: their count
   * and numbers are on every page; the pages past the old count added) and removed again (fewer:
   * the pages past the new count deleted, the sitemap without them), each the clean build's.
   */
  @Test
  void aTriggerIndexOfTenPages() throws IOException {
    Path gen = tmp.resolve("gen");
    TestSkills.synthetic(gen, 30, 6000);
    StringBuilder many = new StringBuilder("\"task 2507\"");
    for (int i = 0; i < 700; i++) {
      many.append(String.format(", \"task 2507 %03d\"", i));
    }
    run(
        gen,
        List.of(
            new Row(
                "a phrase reworded inside its page",
                "skills/s10/SKILL.md",
                "\"task 2500\"",
                "\"task 2500a\"",
                "patch"),
            new Row(
                "a phrase added",
                "skills/s05/SKILL.md",
                "\"task 3005\"",
                "\"task 3005\", \"task 3005b\"",
                "patch"),
            new Row("a phrase removed", "skills/s05/SKILL.md", "\"task 4205\", ", "", "patch"),
            new Row(
                "a phrase reworded far (a row deleted on one page, inserted pages away)",
                "skills/s20/SKILL.md",
                "\"task 1220\"",
                "\"task 4420a\"",
                "patch"),
            new Row(
                "the first row reworded (the first page's range, in every pager: split whole)",
                "skills/s00/SKILL.md",
                "\"task 0000\"",
                "\"task 0000a\"",
                "patch"),
            new Row(
                "a phrase under a new letter (the letter links of every page: split whole)",
                "skills/s11/SKILL.md",
                "\"task 3011\"",
                "\"zebra 3011\"",
                "patch"),
            new Row(
                "700 phrases added (more pages: split whole, pages added)",
                "skills/s17/SKILL.md",
                "\"task 2507\"",
                many.toString(),
                "patch, pages added"),
            new Row(
                "the 700 phrases removed again (fewer pages: split whole, pages deleted)",
                "skills/s17/SKILL.md",
                many.toString(),
                "\"task 2507\"",
                "patch, pages deleted"),
            new Row(
                "a phrase reworded inside its page again (after the count moved twice)",
                "skills/s10/SKILL.md",
                "\"task 2500a\"",
                "\"task 2500b\"",
                "patch")));
  }

  /**
   * A trigger index whose second page starts with rows under "#" (led by a digit) and goes on under
   * a letter: the page shows its "#" group last, yet its range (the pager title on its neighbours)
   * runs from its first row to its last in the index's order. A phrase added pages away changes the
   * count on page 1, whose pager names page 2: the title is the clean build's (at 10x a patch once
   * named page 2 by its first letter row and its last "#" row).
   */
  @Test
  void aTriggerPageOfDigitAndLetterRowsKeepsItsRange() throws IOException {
    Path gen = tmp.resolve("gen");
    for (int s = 0; s < 30; s++) {
      StringBuilder d = new StringBuilder("Synthetic skill " + s + ". Use when the user asks");
      for (int i = s; i < 4000; i += 30) {
        d.append(i == s ? " " : ", ")
            .append(String.format(i < 900 ? "\"0 task %04d\"" : "\"task %04d\"", i));
      }
      Path md = gen.resolve(String.format("skills/s%02d/SKILL.md", s));
      Files.createDirectories(md.getParent());
      Files.writeString(
          md,
          String.format("---\nname: s%02d\ndescription: %s.\n---\n# S%02d\n\nA body.\n", s, d, s));
    }
    run(
        gen,
        List.of(
            new Row(
                "a phrase added pages after the mixed page (page 1's count and pager)",
                "skills/s05/SKILL.md",
                "\"task 3005\"",
                "\"task 3005\", \"task 3005b\"",
                "patch")));
  }

  @Test
  void relatedSkillsChangedUnderTheHomePagesGraphAreRefused() throws IOException {
    Path content = tmp.resolve("content");
    Trees.copy(ANTHROPIC, content);
    Path site = tmp.resolve("site");
    build(content, site);
    Catalog catalog = new ContentLoader().load(content);
    Skill one = catalog.skills().get(0);
    Skill two = catalog.skills().get(1);
    Path staging = tmp.resolve("staging");
    Files.createDirectories(staging);
    ListPatch.Outcome out =
        new CardPatch(Optional.empty())
            .stage(site, catalog.config(), Map.of(), Map.of(one.id(), List.of(two.id())), staging);
    ListPatch.Refused r = assertInstanceOf(ListPatch.Refused.class, out);
    assertTrue(r.reason().contains("graph"), r.reason());
    assertEquals(List.of(), files(staging));
  }

  @Test
  @Tag("corpus")
  void large() throws IOException {
    run(
        LARGE,
        List.of(
            new Row(
                "a description's first sentence shorter (its A–Z page ends at a natural cut, not"
                    + " at its budget: it keeps its cards)",
                "cli-tool/components/skills/database/database-architect/SKILL.md",
                "description: ",
                "description: Designs quokka-proof schemas. ",
                "patch"),
            new Row(
                "a word before a description",
                "cli-tool/components/skills/database/database-architect/SKILL.md",
                "description: ",
                "description: Quokka ",
                "patch"),
            new Row(
                "a description's first sentence, another collection",
                ".claude-plugin/skills/owasp-security/SKILL.md",
                "description: ",
                "description: Numbat ",
                "patch")));
    relatedChanged(tmp.resolve("content"), tmp.resolve("site"));
  }

  private void run(Path corpus, List<Row> rows) throws IOException {
    Path content = tmp.resolve("content");
    Trees.copy(corpus, content);
    FileTime hourAgo = FileTime.from(Instant.now().minus(1, ChronoUnit.HOURS));
    try (Stream<Path> all = Files.walk(content)) {
      for (Path p : all.toList()) {
        Files.setLastModifiedTime(p, hourAgo);
      }
    }
    Path site = tmp.resolve("site");
    build(content, site);
    java.util.Set<String> shownOn = new java.util.HashSet<>();
    int n = 0;
    for (Row row : rows) {
      n++;
      String at = row.what();
      Path md = content.resolve(row.skillMd());
      String text = Files.readString(md, StandardCharsets.UTF_8);
      assertTrue(text.contains(row.from()), at + ": the row's text is in " + md);
      Files.writeString(md, text.replaceFirst(Pattern.quote(row.from()), row.to()));
      Catalog catalog = new ContentLoader().load(content);
      Skill now =
          catalog.skills().stream()
              .filter(s -> s.source().equals(row.skillMd()))
              .findFirst()
              .orElseThrow();
      Path staging = tmp.resolve("staging-" + n);
      Files.createDirectories(staging);
      var threads = java.lang.management.ManagementFactory.getThreadMXBean();
      long cpu = threads.getCurrentThreadCpuTime();
      long wall = System.nanoTime();
      ListPatch.Outcome out =
          new CardPatch(Optional.empty())
              .stage(site, catalog.config(), Map.of(now.id(), now), Map.of(), staging);
      System.out.printf(
          "%s: stage %.1f ms CPU, %.1f ms wall%n",
          at, (threads.getCurrentThreadCpuTime() - cpu) / 1e6, (System.nanoTime() - wall) / 1e6);
      Path clean = tmp.resolve("clean-" + n);
      if (row.expect().startsWith("refused: ")) {
        ListPatch.Refused r = assertInstanceOf(ListPatch.Refused.class, out, at);
        assertTrue(
            r.reason().contains(row.expect().substring("refused: ".length())),
            at + ": " + r.reason());
        assertEquals(List.of(), files(staging), at + ": nothing staged");
        Files.writeString(md, text); // undone: the next row starts from the built site
        continue;
      }
      ListPatch.Staged staged =
          assertInstanceOf(
              ListPatch.Staged.class,
              out,
              () -> at + ": " + (out instanceof ListPatch.Refused r ? r.reason() : ""));
      assertEquals(files(staging), staged.paths(), at + ": the staged paths are the files");
      if (row.expect().endsWith("pages added")) {
        assertFalse(staged.added().isEmpty(), at + ": pages added");
        assertEquals(List.of(), staged.deleted(), at);
      } else if (row.expect().endsWith("pages deleted")) {
        assertFalse(staged.deleted().isEmpty(), at + ": pages deleted");
        assertEquals(List.of(), staged.added(), at);
      } else {
        assertEquals(List.of(), staged.added(), at + ": no page added");
        assertEquals(List.of(), staged.deleted(), at + ": no page deleted");
      }
      assertTrue(staged.paths().containsAll(staged.added()), at + ": the pages added staged");
      if (!staged.added().isEmpty() || !staged.deleted().isEmpty()) {
        // every trigger page made again (each pager names the count): folded into the pages'
        // table, not left in the delta for each later patch to copy
        assertTrue(
            staged.paths().contains(ListState.PAGES), at + ": the delta folded into the table");
      }
      if (Files.exists(staging.resolve(ListState.PAGES))) {
        try (dev.skillsite.cache.RecordTable d =
            dev.skillsite.cache.RecordTable.open(staging.resolve(DELTA)).orElseThrow()) {
          assertEquals(
              List.of(),
              d.keys().stream().filter(k -> k.startsWith("p:") || k.startsWith("t")).toList(),
              at + ": the delta after a fold holds only the skills' records");
        }
      }
      build(content, clean);
      Path before = site; // the state's skill records are not changed by a patch
      // the old site with the staged files laid over it
      for (String p : staged.paths()) {
        Path to = site.resolve(p);
        Files.createDirectories(to.getParent());
        Files.copy(staging.resolve(p), to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
      // the pages deleted, and the sitemap's URLs with those added and deleted (as PatchBuild does)
      for (String p : staged.deleted()) {
        Files.delete(site.resolve(p));
      }
      if (!staged.added().isEmpty() || !staged.deleted().isEmpty()) {
        dev.skillsite.site.SitemapPatch.Outcome sitemap =
            new dev.skillsite.site.SitemapPatch(catalog.config().baseUrl())
                .change(site, new TreeSet<>(staged.added()), new TreeSet<>(staged.deleted()));
        assertEquals(Optional.empty(), sitemap.refused(), at + ": the sitemap");
        for (var f : sitemap.files().entrySet()) {
          Files.writeString(site.resolve(f.getKey()), f.getValue(), StandardCharsets.UTF_8);
        }
      }
      List<String> listsDiffer = new ArrayList<>();
      List<String> othersDiffer = new ArrayList<>();
      TreeSet<String> all = new TreeSet<>(files(clean));
      all.addAll(files(site));
      for (String p : all) {
        if (same(site.resolve(p), clean.resolve(p))) {
          continue;
        }
        if (OTHERS.matcher(p).matches() && !LISTS.matcher(p).matches()) {
          othersDiffer.add(p);
        } else {
          listsDiffer.add(p);
        }
      }
      assertEquals(List.of(), listsDiffer, at + ": list pages and data files as the clean build's");
      // other skills' pages differ only where they show a patched skill's related card (its
      // summary): the other parts' files are not laid over, so earlier rows' differences stay
      shownOn.add(now.id().value());
      try (ListState state = ListState.open(before).orElseThrow()) {
        shownOn.addAll(state.skill(now.id()).orElseThrow().shownOn());
      }
      // the others: their routing health section (rankings) or similar skills changed (the health
      // and similar-skills parts of a patch build), printed
      List<String> notShowing = new ArrayList<>();
      for (String p : othersDiffer) {
        String[] parts = p.split("/");
        if (p.startsWith("skills/") && !shownOn.contains(parts[1])) {
          notShowing.add(p);
        }
      }
      System.out.printf(
          "%s: other skills' pages differing, not showing its card: %s%n", at, notShowing);
      assertFalse(staged.paths().isEmpty(), at + ": something staged");
      // the patched state holds the pages as the clean build's state does: every list page's
      // record, the pages' table folded or not
      try (ListState patched = ListState.open(site).orElseThrow();
          ListState fresh = ListState.open(clean).orElseThrow()) {
        for (String p : files(clean)) {
          if (p.endsWith(".html") && LISTS.matcher(p).matches() && fresh.samePage(fresh, p)) {
            // (a page the clean build recorded)
            assertTrue(fresh.samePage(patched, p), at + ": the state's record of " + p);
          }
        }
        assertTrue(fresh.sameSkill(patched, now.id()), at + ": the state's record of the skill");
      }
      System.out.printf(
          "%s / %s: %d staged %s; other parts' files differing: %d %s%n",
          corpus.getFileName(),
          at,
          staged.paths().size(),
          staged.paths(),
          othersDiffer.size(),
          othersDiffer);
      // the next row patches the patched site: its state is the last build's and the delta
      deleteTree(clean);
    }
  }

  /**
   * A skill's related skills changed (as wt-similar's lists would be given): its {@code
   * skills.json} entry is spliced and the skills it now shows, or no longer shows, record it in
   * {@code shownOn}.
   */
  private void relatedChanged(Path content, Path site) throws IOException {
    Catalog catalog = new ContentLoader().load(content);
    Skill y = catalog.skills().get(catalog.skills().size() / 2);
    Skill x =
        catalog.skills().stream().filter(s -> !s.id().equals(y.id())).findFirst().orElseThrow();
    List<String> before;
    try (ListState state = ListState.open(site).orElseThrow()) {
      before =
          catalog.skills().stream()
              .filter(s -> state.skill(s.id()).orElseThrow().shownOn().contains(y.id().value()))
              .map(s -> s.id().value())
              .toList();
    }
    Path staging = tmp.resolve("staging-related");
    Files.createDirectories(staging);
    ListPatch.Outcome out =
        new CardPatch(Optional.empty())
            .stage(site, catalog.config(), Map.of(), Map.of(y.id(), List.of(x.id())), staging);
    ListPatch.Staged staged = assertInstanceOf(ListPatch.Staged.class, out, out.toString());
    for (String p : staged.paths()) {
      Files.copy(
          staging.resolve(p), site.resolve(p), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    String json = Files.readString(site.resolve("skills.json"));
    com.google.gson.JsonArray all = com.google.gson.JsonParser.parseString(json).getAsJsonArray();
    for (var e : all) {
      var o = e.getAsJsonObject();
      if (o.get("id").getAsString().equals(y.id().value())) {
        assertEquals("[\"" + x.id() + "\"]", o.get("related").toString());
      }
    }
    try (ListState state = ListState.open(site).orElseThrow()) {
      assertTrue(state.skill(x.id()).orElseThrow().shownOn().contains(y.id().value()));
      for (String b : before) {
        if (!b.equals(x.id().value())) {
          assertFalse(
              state
                  .skill(new dev.skillsite.model.SkillId(b))
                  .orElseThrow()
                  .shownOn()
                  .contains(y.id().value()),
              b + " no longer shows " + y.id());
        }
      }
    }
    System.out.printf(
        "related of %s set to [%s]: %s staged; it showed on %s%n",
        y.id(), x.id(), staged.paths(), before);
  }

  private static void build(Path content, Path site) throws IOException {
    BuildResult r =
        new PatchBuild(
                () -> new BuildPipeline(new SiteGenerator(Optional.empty()), Progress.NONE),
                Optional.empty(),
                OutputLock.Policy.build())
            .run(new BuildOptions(content, site, Optional.empty(), true, true), Optional.empty());
    assertTrue(r.published());
  }

  private static boolean same(Path a, Path b) throws IOException {
    if (!Files.isRegularFile(a) || !Files.isRegularFile(b)) {
      return false;
    }
    return Arrays.equals(Files.readAllBytes(a), Files.readAllBytes(b));
  }

  private static List<String> files(Path root) throws IOException {
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    try (Stream<Path> all = Files.walk(root)) {
      return all.filter(Files::isRegularFile)
          .map(p -> root.relativize(p).toString().replace('\\', '/'))
          .sorted()
          .toList();
    }
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> all = Files.walk(root)) {
      for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
