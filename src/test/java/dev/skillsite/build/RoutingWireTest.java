package dev.skillsite.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skillsite.check.RouteProbe;
import dev.skillsite.check.RouterProbe;
import dev.skillsite.content.ContentLoader;
import dev.skillsite.model.ContentPaths;
import dev.skillsite.model.SkillId;
import dev.skillsite.output.AtomicSiteWriter;
import dev.skillsite.output.OutputLocation;
import dev.skillsite.output.OutputLock;
import dev.skillsite.routing.RoutingIndex;
import dev.skillsite.site.SiteGenerator;
import dev.skillsite.testing.SiteFingerprint;
import dev.skillsite.testing.Trees;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The routing seam as a patch build drives it ({@link RoutingWire}), on copies of {@code medium}
 * and {@code anthropic}: after a SKILL.md body edit (one word replaced by another, so the
 * collection's statistics stay), the staged export files published over the site make its search
 * export byte for byte the one a clean build of the edited content writes; every trigger ranked
 * again ranks as on the clean build's index; when the seam says the health shows nothing new, the
 * clean build's health pages and the other skills' pages are the ones published. A patch published
 * but not committed (killed between the journal and the commit) is seen by the next patch, which
 * falls back, and a whole build records a state that patches again. A patch build of a SKILL.md
 * body edit runs the seam and stops at the pages side's Markdown refusal, the state rolled back.
 */
class RoutingWireTest {
  private static final Path MEDIUM = Path.of("../shared/corpora/medium");
  private static final Path ANTHROPIC = Path.of("../shared/corpora/anthropic");

  /** A word of the body replaced: long enough to be a content word, not in a link. */
  private static final Pattern WORD = Pattern.compile("(?<![\\w/.(\\[-])([a-z]{8,})(?![\\w/.-])");

  @TempDir Path tmp;

  @Test
  void bodyEditsOnMediumPatchTheSearchExportAsACleanBuildWritesIt() throws IOException {
    editsInSequence(MEDIUM, 3);
  }

  @Test
  void bodyEditsOnAnthropicPatchTheSearchExportAsACleanBuildWritesIt() throws IOException {
    editsInSequence(ANTHROPIC, 2);
  }

  private void editsInSequence(Path corpus, int edits) throws IOException {
    Path content = tmp.resolve("content");
    Trees.copy(corpus, content);
    Path out = tmp.resolve("site");
    build(content, out);
    List<String> sources = sources(content);
    int patched = 0;
    int healthSame = 0;
    int sinceWhole = 0;
    for (int e = 0; e < edits; e++) {
      // spread over the collection; each edit another skill (the published SKILL.md copy is the
      // pages side's to update)
      String source = sources.get((e * 7 + 3) % sources.size());
      Path file = content.resolve(source);
      String before = Files.readString(file);
      Optional<String> edited = swapWord(before, "zebrafishing");
      if (edited.isEmpty()) {
        continue;
      }
      Files.writeString(file, edited.get());
      Path clean = tmp.resolve("clean-" + e);
      build(content, clean);
      String key = key(content, out);
      RoutingSeam.Change change = change(content, out, key, source);
      assertTrue(change.routingChanged(), source);
      try (RoutingSeam.Outcome o = new RoutingWire().patch(out, key, List.of(change))) {
        if (o.patched().isEmpty()) {
          // a refusal is always correct; only these reasons are expected for a word swap
          assertTrue(
              o.cannot().contains("average length") || o.cannot().contains("chunk count"),
              o.cannot());
          build(content, out); // the fallback: a whole build, which records again
          sinceWhole = 0;
          continue;
        }
        RoutingSeam.Patched p = o.patched().get();
        patched++;
        assertTrue(p.similarMayChange().contains(change.id()), source);
        assertRankingsAreTheCleanBuilds(p, clean, source);
        publish(content, out, p);
        o.commit();
        assertEquals(
            List.of(),
            SiteFingerprint.differences(
                under(SiteFingerprint.of(clean), "search/", "search/lucene/"),
                under(SiteFingerprint.of(out), "search/", "search/lucene/")),
            source + ": the search export");
        if (p.health().isEmpty()) {
          healthSame++;
          assertEquals(
              List.of(),
              SiteFingerprint.differences(
                  under(SiteFingerprint.of(clean), "health/", "-"),
                  under(SiteFingerprint.of(out), "health/", "-")),
              source + ": the health pages");
          assertHealthSectionsSame(clean, out, source);
        } else {
          assertTrue(p.health().get().contains("routing health"), p.health().get());
        }
        sinceWhole++;
        assertEquals(
            sinceWhole + "\n",
            Files.readString(out.resolve(RoutingWire.PUBLISHED)),
            "the published generation");
      }
    }
    assertTrue(patched > 0, "no edit was patched");
    System.out.printf(
        "%s: %d of %d edits patched, health the same for %d%n", corpus, patched, edits, healthSame);
  }

  @Test
  void aPatchPublishedButNotCommittedIsSeenAndTheNextWholeBuildPatchesAgain() throws IOException {
    Path content = tmp.resolve("content");
    Trees.copy(MEDIUM, content);
    Path out = tmp.resolve("site");
    build(content, out);
    List<String> sources = sources(content);
    String first = firstSwappable(content, sources, 0);
    String second = firstSwappable(content, sources, sources.indexOf(first) + 1);
    edit(content, first);
    String key = key(content, out);
    // closed without publishing: nothing happened, the same patch runs again
    try (RoutingSeam.Outcome o =
        new RoutingWire().patch(out, key, List.of(change(content, out, key, first)))) {
      assertTrue(o.patched().isPresent(), o.cannot());
    }
    try (RoutingSeam.Outcome o =
        new RoutingWire().patch(out, key, List.of(change(content, out, key, first)))) {
      assertTrue(o.patched().isPresent(), o.cannot());
      RoutingSeam.Patched p = o.patched().get();
      try (AtomicSiteWriter w = AtomicSiteWriter.begin(OutputLocation.check(out, content))) {
        List<String> staged = stage(w, p);
        assertThrows(IOException.class, () -> w.patch(staged, p.exportDeleted(), 1)); // killed
      }
      // no commit: the outcome is closed, the state rolled back
    }
    try (AtomicSiteWriter w = AtomicSiteWriter.begin(OutputLocation.check(out, content))) {
      // the next build's writer finishes the killed journal: the site is one patch ahead
    }
    assertEquals("1\n", Files.readString(out.resolve(RoutingWire.PUBLISHED)));
    edit(content, second);
    try (RoutingSeam.Outcome o =
        new RoutingWire().patch(out, key, List.of(change(content, out, key, second)))) {
      assertFalse(o.patched().isPresent());
      assertTrue(o.cannot().contains("killed"), o.cannot());
    }
    build(content, out); // the fallback records again
    assertEquals("0\n", Files.readString(out.resolve(RoutingWire.PUBLISHED)));
    String third = firstSwappable(content, sources, sources.indexOf(second) + 1);
    edit(content, third);
    try (RoutingSeam.Outcome o =
        new RoutingWire().patch(out, key, List.of(change(content, out, key, third)))) {
      assertTrue(o.patched().isPresent(), o.cannot());
    }
  }

  /**
   * {@code PatchBuild.run} with a SKILL.md body edit inside the routing window: the seam patches
   * routing and the export, the related lists that may change are made again ({@code
   * RelatedPatch}), the patch is published and the routing state committed (marker 1); the site is
   * the clean build's but for the index caches a routing patch leaves to the next whole build.
   */
  @Test
  void aPatchBuildOfABodyEditPatchesRoutingAndRelatedLists() throws IOException {
    Path content = tmp.resolve("content");
    Trees.copy(MEDIUM, content);
    Path out = tmp.resolve("site");
    build(content, out);
    List<String> sources = sources(content);
    String source = firstSwappable(content, sources, 0);
    edit(content, source);
    PatchBuild patch =
        new PatchBuild(
            () -> new BuildPipeline(new SiteGenerator(Optional.empty()), Progress.NONE),
            Optional.empty(),
            OutputLock.Policy.build());
    Path marker = out.resolve(RoutingWire.PUBLISHED);
    BuildResult r =
        patch.run(
            new BuildOptions(content, out, Optional.empty(), true, true),
            Optional.of(List.of(content.resolve(source))));
    assertTrue(r.patch().taken(), r.patch().toString());
    assertTrue(r.patch().steps().contains("related ("), r.patch().steps());
    assertEquals("1\n", Files.readString(marker));
    Path clean = tmp.resolve("clean");
    build(content, clean);
    assertEquals(
        List.of(),
        SiteFingerprint.differences(
            SiteFingerprint.ofPatched(clean), SiteFingerprint.ofPatched(out)));
  }

  // --- helpers

  /** Each ranking asked again is the clean build's index's, in the health stage's form. */
  private void assertRankingsAreTheCleanBuilds(RoutingSeam.Patched p, Path clean, String at)
      throws IOException {
    try (RoutingIndex index = RoutingIndex.open(clean.resolve(BuildPipeline.LUCENE_DIR));
        RouterProbe probe = RouterProbe.sharing(index)) {
      for (Map.Entry<String, List<SkillId>> e : p.rankings().entrySet()) {
        List<SkillId> fresh =
            probe.rank(e.getKey()).stream()
                .sorted(
                    java.util.Comparator.comparingDouble((RouteProbe.Ranked r) -> -r.score())
                        .thenComparing(RouteProbe.Ranked::id))
                .map(RouteProbe.Ranked::id)
                .toList();
        assertEquals(fresh, e.getValue(), at + ": \"" + e.getKey() + "\"");
      }
    }
  }

  /** Every skill page's routing health section, the clean build's and the published one. */
  private static void assertHealthSectionsSame(Path clean, Path out, String at) throws IOException {
    Map<String, String> a = healthSections(clean);
    Map<String, String> b = healthSections(out);
    assertEquals(a.keySet(), b.keySet(), at);
    for (String page : a.keySet()) {
      assertEquals(a.get(page), b.get(page), at + ": the health section of " + page);
    }
  }

  private static Map<String, String> healthSections(Path site) throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> pages = Files.list(site.resolve("skills"))) {
      for (Path dir : pages.sorted().toList()) {
        Path page = dir.resolve("index.html");
        if (Files.isRegularFile(page)) {
          String html = Files.readString(page);
          int from = html.indexOf("<section class=\"skill-health\"");
          out.put(
              dir.getFileName().toString(),
              from < 0 ? "" : html.substring(from, html.indexOf("</section>", from)));
        }
      }
    }
    return out;
  }

  private static SortedMap<String, String> under(
      SortedMap<String, String> all, String prefix, String except) {
    SortedMap<String, String> out = new TreeMap<>();
    all.forEach(
        (k, v) -> {
          if (k.startsWith(prefix) && !k.startsWith(except)) {
            out.put(k, v);
          }
        });
    return out;
  }

  static List<String> stage(AtomicSiteWriter w, RoutingSeam.Patched p) throws IOException {
    List<String> staged = new ArrayList<>();
    for (Map.Entry<String, byte[]> f : p.exportFiles().entrySet()) {
      Path at = w.staging().resolve(f.getKey());
      Files.createDirectories(at.getParent());
      Files.write(at, f.getValue());
      staged.add(f.getKey());
    }
    return staged;
  }

  private static void publish(Path content, Path out, RoutingSeam.Patched p) throws IOException {
    try (AtomicSiteWriter w = AtomicSiteWriter.begin(OutputLocation.check(out, content))) {
      w.patch(stage(w, p), p.exportDeleted(), -1);
    }
  }

  private static String key(Path content, Path out) throws IOException {
    return PatchState.key(
        SiteGenerator.identityOf(Optional.empty()),
        new BuildOptions(content, out, Optional.empty(), true, true));
  }

  /** The change a patch build makes of an edited SKILL.md, from the state the last build wrote. */
  static RoutingSeam.Change change(Path content, Path out, String key, String source)
      throws IOException {
    PatchState.Opened opened = PatchState.open(out, key);
    try (PatchState state = opened.state().orElseThrow(() -> new AssertionError(opened.why()))) {
      PatchState.SkillRecord r = state.skillIn(ContentPaths.parent(source)).orElseThrow();
      ContentLoader.Reloaded now =
          new ContentLoader()
              .read(
                  content.toRealPath(),
                  r.id(),
                  r.source(),
                  r.collectionId(),
                  r.references(),
                  r.declaredRelated())
              .orElseThrow();
      return new RoutingSeam.Change(
          r.id(),
          r.routing(),
          RoutingIndex.skillDigests(List.of(now.skill())).get(0),
          now.skill(),
          now.diagnostics());
    }
  }

  private static void build(Path content, Path out) throws IOException {
    BuildResult r =
        new BuildPipeline(new SiteGenerator(Optional.empty()), Progress.NONE)
            .run(new BuildOptions(content, out, Optional.empty(), true, true));
    assertTrue(r.published());
    assertTrue(Files.isRegularFile(out.resolve(RoutingWire.PUBLISHED)), "the state is recorded");
  }

  private static List<String> sources(Path content) throws IOException {
    try (Stream<Path> all = Files.walk(content)) {
      return all.filter(p -> p.getFileName().toString().equals("SKILL.md"))
          .map(p -> content.relativize(p).toString().replace('\\', '/'))
          .sorted()
          .toList();
    }
  }

  private static String firstSwappable(Path content, List<String> sources, int from)
      throws IOException {
    for (int i = from; i < sources.size(); i++) {
      if (swapWord(Files.readString(content.resolve(sources.get(i))), "zebrafishing").isPresent()) {
        return sources.get(i);
      }
    }
    throw new AssertionError("no SKILL.md with a word to swap after " + from);
  }

  private static void edit(Path content, String source) throws IOException {
    Path file = content.resolve(source);
    Files.writeString(
        file,
        swapWord(Files.readString(file), "zebrafishing").orElseThrow(),
        StandardCharsets.UTF_8);
  }

  /**
   * {@code text} with the first long word of its body (past the frontmatter, in the indexed first
   * part, outside code and links) replaced by {@code with}: one word for one, so the length of
   * every field stays.
   */
  static Optional<String> swapWord(String text, String with) {
    int body = text.startsWith("---") ? text.indexOf("\n---", 3) : 0;
    if (body < 0) {
      return Optional.empty();
    }
    body = text.indexOf('\n', body + 1);
    int end = Math.min(text.length(), body + 4000);
    Matcher m = WORD.matcher(text).region(body, end);
    while (m.find()) {
      int lineStart = text.lastIndexOf('\n', m.start()) + 1;
      String line =
          text.substring(
              lineStart,
              text.indexOf('\n', m.start()) < 0 ? text.length() : text.indexOf('\n', m.start()));
      if (line.startsWith("#")
          || line.contains("`")
          || line.contains("](")
          || line.startsWith("    ")) {
        continue; // headings are indexed on their own; code and links are not plain words
      }
      return Optional.of(text.substring(0, m.start()) + with + text.substring(m.end()));
    }
    return Optional.empty();
  }
}
