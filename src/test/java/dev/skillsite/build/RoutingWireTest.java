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
  private static final Path ELIXIR = Path.of("../shared/corpora/elixir");

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
    java.util.Set<SkillId> overridden = new java.util.TreeSet<>();
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
          overridden.clear();
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
          overridden.addAll(p.healthPatch().sections().keySet());
          overridden.add(change.id()); // its page is the pages side's: compared as a model
          assertHealthSectionsSame(clean, out, overridden, source);
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
    assertACleanBuilds(content, out, tmp.resolve("clean"), "");
  }

  /**
   * A body edit that moves a collision's printed scores (a word of the owner's listed trigger taken
   * out of its body: the rival still wins, the owner's score moves): the seam renders the health
   * pages holding the pair again and gives both skills' sections; published, the health pages are
   * byte for byte the clean build's, the sections the clean build's.
   */
  @Test
  void aBodyEditThatMovesAShownScorePatchesTheHealthPages() throws IOException {
    Path content = tmp.resolve("content");
    Trees.copy(ELIXIR, content); // listed phrases that collide (medium's skills list none)
    Path out = tmp.resolve("site");
    build(content, out);
    int tried = 0;
    for (Candidate c : collisionRows(out, content)) {
      if (tried++ >= 40) {
        break;
      }
      Path file = content.resolve(c.source());
      String before = Files.readString(file);
      Optional<String> edited = dropWord(before, c.word());
      if (edited.isEmpty()) {
        continue;
      }
      Files.writeString(file, edited.get(), StandardCharsets.UTF_8);
      String key = key(content, out);
      RoutingSeam.Change change = change(content, out, key, c.source());
      try (RoutingSeam.Outcome o = new RoutingWire().patch(out, key, List.of(change))) {
        if (o.patched().isEmpty()
            || o.patched().get().health().isPresent()
            || o.patched().get().healthPatch().sections().isEmpty()) {
          Files.writeString(file, before, StandardCharsets.UTF_8); // rolled back: the next one
          System.out.printf(
              "%s: %s%n",
              c,
              o.patched().isEmpty()
                  ? o.cannot()
                  : o.patched().get().health().orElse("no health change"));
          continue;
        }
        RoutingSeam.Patched p = o.patched().get();
        // the pages show who wins and a margin: a page is rendered again when one moves, else
        // only its record takes the new scores (the clean build's pages are compared below)
        assertTrue(
            dev.skillsite.check.RoutingHealthView.SCORE_BUCKETS
                || p.healthPatch().files().keySet().stream().anyMatch(f -> f.startsWith("health/")),
            p.healthPatch().files().keySet().toString());
        Path clean = tmp.resolve("clean");
        build(content, clean);
        publish(content, out, p);
        o.commit();
        assertEquals(
            List.of(),
            SiteFingerprint.differences(
                under(SiteFingerprint.of(clean), "health/", "-"),
                under(SiteFingerprint.of(out), "health/", "-")),
            c + ": the health pages");
        java.util.Set<SkillId> models =
            new java.util.TreeSet<>(p.healthPatch().sections().keySet());
        models.add(change.id());
        assertHealthSectionsSame(clean, out, models, c.toString());
        System.out.printf(
            "%s: health patched after %d tries, %d section(s), files %s%n",
            c, tried, models.size(), p.healthPatch().files().keySet());
        return;
      }
    }
    throw new AssertionError("no edit among " + tried + " moved a shown score only");
  }

  @Test
  void aDescriptionEditWithTheSameTriggersPatchesTheListingTotal() throws IOException {
    Path content = tmp.resolve("content");
    Trees.copy(MEDIUM, content); // over its listing budget: most skills come after the cut
    Path out = tmp.resolve("site");
    build(content, out);
    List<String> refused = new ArrayList<>();
    for (String source : describedSources(content)) {
      Path file = content.resolve(source);
      String before = Files.readString(file);
      // a word of the opening sentence: no quote, no list, no cue (the triggers mostly stay)
      Optional<String> edited = swapDescriptionWord(before, "zebrafishing");
      if (edited.isEmpty()) {
        continue;
      }
      Files.writeString(file, edited.get());
      String key = key(content, out);
      RoutingSeam.Change change = change(content, out, key, source);
      RoutingWire wire = new RoutingWire();
      try (RoutingSeam.Outcome o = wire.patch(out, key, List.of(change))) {
        if (o.patched().isEmpty() || o.patched().get().health().isPresent()) {
          refused.add(
              source
                  + ": "
                  + (o.patched().isEmpty() ? o.cannot() : o.patched().get().health().get()));
          Files.writeString(file, before, StandardCharsets.UTF_8);
          if (refused.size() >= 30) {
            break;
          }
          continue;
        }
        RoutingSeam.Patched p = o.patched().get();
        assertTrue(
            p.healthPatch().files().containsKey("health/index.html"),
            "the listing total is on page 1: " + p.healthPatch().files().keySet());
        Path clean = tmp.resolve("clean");
        build(content, clean);
        publish(content, out, p);
        o.commit();
        assertEquals(
            List.of(),
            SiteFingerprint.differences(
                under(SiteFingerprint.of(clean), "health/", "-"),
                under(SiteFingerprint.of(out), "health/", "-")),
            source + ": the health pages");
        assertHealthSectionsSame(clean, out, java.util.Set.of(change.id()), source);
        System.out.printf(
            "%s: health patched after %d refusals %s, health side %.1f ms CPU%n",
            source, refused.size(), refused, wire.healthCpu() / 1e6);
        return;
      }
    }
    throw new AssertionError("no description edit patched the health side: " + refused);
  }

  @Test
  void aDescriptionEditBeforeCollidingPhrasesPlacesTheirFindingsAgain() throws IOException {
    Path content = tmp.resolve("content");
    Trees.copy(ELIXIR, content); // listed phrases that collide, within the listing budget
    Path out = tmp.resolve("site");
    build(content, out);
    List<String> refused = new ArrayList<>();
    for (String source : sources(content)) {
      Path file = content.resolve(source);
      String before = Files.readString(file);
      int at = before.indexOf("description: This skill should be used when");
      if (at < 0) {
        continue;
      }
      // a mark before the cue: no word, the same triggers, every finding two columns on
      at += "description: ".length();
      Files.writeString(file, before.substring(0, at) + "~ " + before.substring(at));
      String key = key(content, out);
      RoutingSeam.Change change = change(content, out, key, source);
      RoutingWire wire = new RoutingWire();
      try (RoutingSeam.Outcome o = wire.patch(out, key, List.of(change))) {
        if (o.patched().isEmpty()
            || o.patched().get().health().isPresent()
            || !o.patched().get().healthPatch().sections().containsKey(change.id())) {
          refused.add(
              source
                  + ": "
                  + (o.patched().isEmpty()
                      ? o.cannot()
                      : o.patched().get().health().orElse("no section moved")));
          Files.writeString(file, before, StandardCharsets.UTF_8);
          continue;
        }
        RoutingSeam.Patched p = o.patched().get();
        Path clean = tmp.resolve("clean");
        build(content, clean);
        publish(content, out, p);
        o.commit();
        assertEquals(
            List.of(),
            SiteFingerprint.differences(
                under(SiteFingerprint.of(clean), "health/", "-"),
                under(SiteFingerprint.of(out), "health/", "-")),
            source + ": the health pages");
        assertHealthSectionsSame(clean, out, java.util.Set.of(change.id()), source);
        System.out.printf(
            "%s: findings placed again, health side %.1f ms CPU%n", source, wire.healthCpu() / 1e6);
        return;
      }
    }
    throw new AssertionError("no description edit placed its findings again: " + refused);
  }

  @Test
  void aDescriptionEditThatChangesItsLintIsRefused() throws IOException {
    Path content = tmp.resolve("content");
    Trees.copy(MEDIUM, content);
    Path out = tmp.resolve("site");
    build(content, out);
    int tried = 0;
    for (String source : describedSources(content)) {
      Path file = content.resolve(source);
      String before = Files.readString(file);
      Optional<String> edited = swapDescriptionWord(before, "myself");
      if (edited.isEmpty() || tried++ >= 10) {
        continue;
      }
      // first person: a new description finding (the triggers mostly stay)
      Files.writeString(file, edited.get());
      String key = key(content, out);
      RoutingSeam.Change change = change(content, out, key, source);
      try (RoutingSeam.Outcome o = new RoutingWire().patch(out, key, List.of(change))) {
        String why =
            o.patched().isEmpty()
                ? o.cannot()
                : o.patched().get().health().orElse("patched: a wrong patch");
        Files.writeString(file, before, StandardCharsets.UTF_8);
        if (why.contains("triggers changed") || why.contains("statistics")) {
          continue;
        }
        assertTrue(why.contains("description lint"), source + ": " + why);
        return;
      }
    }
    throw new AssertionError("no description edit kept its triggers");
  }

  /** SKILL.md files whose description is one plain line with a "Use when" clause, ending in ".". */
  private static List<String> describedSources(Path content) throws IOException {
    Pattern line = Pattern.compile("(?m)^description: [^>|\"'].*[Uu]se when.*\\.$");
    List<String> out = new ArrayList<>();
    for (String s : sources(content)) {
      if (line.matcher(Files.readString(content.resolve(s))).find()) {
        out.add(s);
      }
    }
    return out;
  }

  /**
   * The text with the first word of 6+ letters of its description's opening (before its "Use when")
   * replaced: one token for one, so the routing field's length stays.
   */
  private static Optional<String> swapDescriptionWord(String text, String word) {
    Matcher m =
        Pattern.compile("(?m)^(description: )([^>|\"'].*?)([Uu]se when.*\\.)$").matcher(text);
    assertTrue(m.find());
    Matcher w = Pattern.compile("(?<![\\w'\"-])[a-z]{6,}(?![\\w'\"-])").matcher(m.group(2));
    if (!w.find()) {
      return Optional.empty();
    }
    int at = m.start(2) + w.start();
    String by = w.group().length() == word.length() ? word + "s" : word; // the length moves
    return Optional.of(text.substring(0, at) + by + text.substring(m.start(2) + w.end()));
  }

  /** A listed trigger of {@code source}'s skill that collides, and a word of it in its body. */
  record Candidate(String source, String trigger, String word) {}

  /**
   * The collision rows of the health report ({@code health/*.html}) whose owner's SKILL.md body
   * holds a word of the trigger.
   */
  static List<Candidate> collisionRows(Path site, Path content) throws IOException {
    List<Candidate> out = new ArrayList<>();
    Pattern article =
        Pattern.compile("<article class=\"card health-pair\">(.*?)</article>", Pattern.DOTALL);
    Pattern link = Pattern.compile("<a href=\"\\.\\./skills/([^/\"]+)/index\\.html\">([^<]*)</a>");
    Pattern row =
        Pattern.compile(
            "<tr><td><span class=\"chip\">([^<]*)</span></td><td>([^<]*)</td><td>[^<]*</td>"
                + "<td>[^<]*</td><td>collision</td></tr>");
    Map<String, String> sources = new TreeMap<>();
    for (String s : sources(content)) {
      sources.put(Path.of(s).getParent().getFileName().toString(), s);
    }
    try (Stream<Path> pages = Files.list(site.resolve("health"))) {
      for (Path page : pages.sorted().toList()) {
        Matcher a = article.matcher(Files.readString(page));
        while (a.find()) {
          Map<String, String> ids = new TreeMap<>();
          Matcher l = link.matcher(a.group(1));
          while (l.find()) {
            ids.put(l.group(2), l.group(1));
          }
          Matcher r = row.matcher(a.group(1));
          while (r.find()) {
            String id = ids.get(r.group(2));
            String source = id == null ? null : sources.get(id);
            if (source == null) {
              continue;
            }
            String body = Files.readString(content.resolve(source));
            for (String w : r.group(1).toLowerCase(java.util.Locale.ROOT).split("[^a-z]+")) {
              if (w.length() >= 5 && dropWord(body, w).isPresent()) {
                out.add(new Candidate(source, r.group(1), w));
                break;
              }
            }
          }
        }
      }
    }
    return out;
  }

  /**
   * {@code text} with the first body occurrence of {@code word} (a whole word, any case, on a plain
   * line) replaced by {@code zebrafishing}: one token for one.
   */
  private static Optional<String> dropWord(String text, String word) {
    int body = text.startsWith("---") ? text.indexOf("\n---", 3) : 0;
    if (body < 0) {
      return Optional.empty();
    }
    body = text.indexOf('\n', body + 1);
    int end = Math.min(text.length(), body + 4000);
    Matcher m =
        Pattern.compile("(?i)(?<![\\w/.(\\[-])" + Pattern.quote(word) + "(?![\\w/.-])")
            .matcher(text)
            .region(Math.max(body, 0), end);
    while (m.find()) {
      int lineStart = text.lastIndexOf('\n', m.start()) + 1;
      int lineEnd = text.indexOf('\n', m.start());
      String line = text.substring(lineStart, lineEnd < 0 ? text.length() : lineEnd);
      if (line.startsWith("#")
          || line.contains("`")
          || line.contains("](")
          || line.startsWith("    ")) {
        continue;
      }
      return Optional.of(text.substring(0, m.start()) + "zebrafishing" + text.substring(m.end()));
    }
    return Optional.empty();
  }

  // --- helpers

  /** Each ranking asked again is the clean build's index's, in the health stage's form. */
  static void assertRankingsAreTheCleanBuilds(RoutingSeam.Patched p, Path clean, String at)
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

  /**
   * Every skill page's routing health section, the clean build's and the published one; for the
   * skills in {@code models} (whose pages the pages side makes again with a patched section), the
   * section a patch gave them (the health state's delta, else the last build's record) against the
   * clean build's record.
   */
  static void assertHealthSectionsSame(
      Path clean, Path out, java.util.Set<SkillId> models, String at) throws IOException {
    Map<String, String> a = healthSections(clean);
    Map<String, String> b = healthSections(out);
    assertEquals(a.keySet(), b.keySet(), at);
    for (String page : a.keySet()) {
      if (!models.contains(new SkillId(page))) {
        assertEquals(a.get(page), b.get(page), at + ": the health section of " + page);
      }
    }
    try (dev.skillsite.site.SkillPagesPatch.State want =
            dev.skillsite.site.SkillPagesPatch.State.open(clean).orElseThrow();
        dev.skillsite.site.SkillPagesPatch.State was =
            dev.skillsite.site.SkillPagesPatch.State.open(out).orElseThrow();
        dev.skillsite.site.HealthState health =
            dev.skillsite.site.HealthState.open(out).orElseThrow()) {
      for (SkillId id : models) {
        Optional<List<dev.skillsite.check.RoutingHealthView.SkillHealth>> now =
            health.patchedSection(id).or(() -> uncheckedHealth(was, id));
        assertEquals(want.health(id), now, at + ": the patched health section of " + id);
      }
    }
  }

  private static Optional<List<dev.skillsite.check.RoutingHealthView.SkillHealth>> uncheckedHealth(
      dev.skillsite.site.SkillPagesPatch.State s, SkillId id) {
    try {
      return s.health(id);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
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

  static SortedMap<String, String> under(
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
    Map<String, byte[]> files = new java.util.LinkedHashMap<>(p.exportFiles());
    files.putAll(p.healthPatch().files());
    for (Map.Entry<String, byte[]> f : files.entrySet()) {
      Path at = w.staging().resolve(f.getKey());
      Files.createDirectories(at.getParent());
      Files.write(at, f.getValue());
      staged.add(f.getKey());
    }
    return staged;
  }

  static void publish(Path content, Path out, RoutingSeam.Patched p) throws IOException {
    try (AtomicSiteWriter w = AtomicSiteWriter.begin(OutputLocation.check(out, content))) {
      w.patch(stage(w, p), p.exportDeleted(), -1);
    }
  }

  static String key(Path content, Path out) throws IOException {
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
          now.diagnostics(),
          Optional.of(content.toRealPath()));
    }
  }

  /** A clean build of {@code content} into {@code clean} equals {@code site}, patched. */
  static void assertACleanBuilds(Path content, Path site, Path clean, String at)
      throws IOException {
    build(content, clean);
    assertEquals(
        List.of(),
        SiteFingerprint.differences(
            SiteFingerprint.ofPatched(clean), SiteFingerprint.ofPatched(site)),
        at);
  }

  static void build(Path content, Path out) throws IOException {
    BuildResult r =
        new BuildPipeline(new SiteGenerator(Optional.empty()), Progress.NONE)
            .run(new BuildOptions(content, out, Optional.empty(), true, true));
    assertTrue(r.published());
    assertTrue(Files.isRegularFile(out.resolve(RoutingWire.PUBLISHED)), "the state is recorded");
  }

  static List<String> sources(Path content) throws IOException {
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
