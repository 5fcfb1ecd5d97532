package dev.skillsite.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skillsite.cache.BuildCache;
import dev.skillsite.cache.RecordTable;
import dev.skillsite.model.Skill;
import dev.skillsite.testing.SiteFingerprint;
import dev.skillsite.testing.Trees;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A SKILL.md edit that changes the skill's triggers (a quoted phrase reworded, split in two, two
 * merged into one; its {@code when_to_use} reworded), through the routing seam ({@link
 * RoutingWire}) on a copy of {@code elixir} (listed phrases, some colliding): every edit the seam
 * patches is published and must leave the health report ({@code health/}) byte for byte, every
 * skill's health section, every ranking asked and the health probes' records (read through the
 * patch's delta) what a clean build of the edited content has. A trigger that gains or loses a
 * collision is refused with its reason (pair rows are not inserted or deleted yet). Only the
 * routing and health side: the pages side (trigger index, skill page's triggers) is wt-tpages'.
 */
class RoutingWireTriggerTest {
  private static final Path ELIXIR = Path.of("../shared/corpora/elixir");

  private static final Pattern PHRASE = Pattern.compile("\"([^\"\\n]+)\"");

  @TempDir Path tmp;

  /** The {@code k}-th variant of an edit of a SKILL.md's text; empty when it has none. */
  private interface Edit {
    Optional<String> apply(String text, int k);
  }

  /** What a run of edits did. */
  private record Run(List<String> patched, List<String> refused) {}

  /**
   * Which patched edits a test counts: the skill before and after, and how many collision rows and
   * pairs the health report gained (a clean build's against the site before the patch).
   */
  private interface Counts {
    boolean test(Skill was, Skill now, int rows, int pairs);
  }

  @Test
  void aReworderedPhraseIsPatched() throws IOException {
    Run r =
        run(
            content(false),
            (text, k) -> phrase(text, k).flatMap(m -> lastWord(text, m, "zebrafish")),
            (was, now, rows, pairs) ->
                was.triggers().all().size() == now.triggers().all().size()
                    && !was.triggers().all().equals(now.triggers().all()),
            1);
    assertEquals(1, r.patched().size(), "no reworded phrase patched: " + r.refused());
  }

  @Test
  void aPhraseSplitInTwoGainsATriggerAndPatchesTheCount() throws IOException {
    Run r =
        run(
            content(false),
            (text, k) ->
                phrase(text, k)
                    .filter(m -> m.group(1).lastIndexOf(' ') > 0)
                    .map(
                        m -> {
                          String p = m.group(1);
                          int at = p.lastIndexOf(' ');
                          String by =
                              "\"" + p.substring(0, at) + "\", \"" + p.substring(at + 1) + "\"";
                          return text.substring(0, m.start()) + by + text.substring(m.end());
                        }),
            (was, now, rows, pairs) -> now.triggers().all().size() > was.triggers().all().size(),
            1);
    assertEquals(1, r.patched().size(), "no split phrase patched: " + r.refused());
  }

  @Test
  void twoPhrasesMergedLoseATriggerAndPatchTheCount() throws IOException {
    Pattern two = Pattern.compile("\"([^\"\\n]+)\", \"([^\"\\n]+)\"");
    Run r =
        run(
            content(false),
            (text, k) -> {
              Matcher m = two.matcher(description(text));
              int offset = text.indexOf(description(text));
              for (int i = 0; m.find(); i++) {
                if (i == k) {
                  return Optional.of(
                      text.substring(0, offset + m.start())
                          + "\""
                          + m.group(1)
                          + " "
                          + m.group(2)
                          + "\""
                          + text.substring(offset + m.end()));
                }
              }
              return Optional.empty();
            },
            (was, now, rows, pairs) -> now.triggers().all().size() < was.triggers().all().size(),
            1);
    assertEquals(1, r.patched().size(), "no merged phrases patched: " + r.refused());
  }

  @Test
  void aWhenToUseEditIsPatchedWithItsListingEntry() throws IOException {
    Run r =
        run(
            content(true),
            (text, k) ->
                k > 0 || !text.contains(" toolkit for")
                    ? Optional.empty()
                    : Optional.of(text.replaceFirst(" toolkit for", " zebrafish for")),
            (was, now, rows, pairs) ->
                !was.stringKey("when_to_use").equals(now.stringKey("when_to_use")),
            1);
    assertEquals(1, r.patched().size(), "no when_to_use edit patched: " + r.refused());
  }

  @Test
  void aPhraseCopiedFromAnotherSkillGainsACollisionRowAndIsPatched() throws IOException {
    Run r = run(content(false), copied(), (was, now, rows, pairs) -> rows > 0, 1);
    assertEquals(1, r.patched().size(), "no copied phrase gained a patched row: " + r.refused());
  }

  @Test
  void aCollidingPhraseReworderedLosesItsRowAndIsPatched() throws IOException {
    Path content = content(false);
    Path pre = tmp.resolve("pre");
    RoutingWireTest.build(content, pre);
    Set<String> colliding = new TreeSet<>();
    RoutingWireTest.collisionRows(pre, content).forEach(c -> colliding.add(c.trigger()));
    assertTrue(!colliding.isEmpty(), "elixir has colliding phrases");
    Run r =
        run(
            content,
            (text, k) -> {
              List<Matcher> hits = new ArrayList<>();
              for (int i = 0; phrase(text, i).isPresent(); i++) {
                Matcher m = phrase(text, i).get();
                if (colliding.contains(m.group(1))) {
                  hits.add(m);
                }
              }
              return k < hits.size() ? lastWord(text, hits.get(k), "zebrafish") : Optional.empty();
            },
            (was, now, rows, pairs) -> rows < 0,
            1);
    assertEquals(1, r.patched().size(), "no colliding phrase's row deleted: " + r.refused());
  }

  @Test
  void anUnreachableSkillsTriggerEditPatchesItsEntry() throws IOException {
    // two skills that list only another skill's phrases (oban-thinking's): both unreachable
    Path content = content(false);
    Path oban = content.resolve("plugins/elixir/skills/oban-thinking/SKILL.md");
    List<String> phrases = new ArrayList<>();
    Matcher m = PHRASE.matcher(description(Files.readString(oban)));
    while (m.find()) {
      phrases.add(m.group(1));
    }
    for (int i = 0; i < 3; i++) {
      String name = List.of("zq-alpha", "zq-beta", "zq-gamma").get(i);
      Path dir = content.resolve("plugins/elixir/skills/" + name);
      Files.createDirectories(dir);
      Files.writeString(
          dir.resolve("SKILL.md"),
          "---\nname: "
              + name
              + "\ndescription: Use when the user says \""
              + phrases.get(3 * i)
              + "\", \""
              + phrases.get(3 * i + 1)
              + "\" or \""
              + phrases.get(3 * i + 2)
              + "\".\n---\n\n# "
              + name
              + "\n\nSee the other skills.\n");
    }
    Path pre = tmp.resolve("pre");
    RoutingWireTest.build(content, pre);
    Set<String> lost = unreachable(pre);
    lost.retainAll(List.of("zq-alpha", "zq-beta", "zq-gamma"));
    assertTrue(lost.size() >= 2, "two of the three are unreachable: " + lost);
    String stays = lost.iterator().next();
    Run r =
        run(
            content,
            (text, k) -> {
              String name = null;
              for (String n : lost) {
                if (text.contains("\nname: " + n + "\n")) {
                  name = n;
                }
              }
              if (name == null || k > 0) {
                return Optional.empty();
              }
              Matcher first = phrase(text, 0).orElseThrow();
              // the first: its first phrase another of oban-thinking's (it stays unreachable, its
              // entry and rows read otherwise); the others: a word no skill has (a trigger reaches
              // them)
              String other =
                  phrases.stream()
                      .filter(x -> !text.contains("\"" + x + "\""))
                      .findFirst()
                      .orElseThrow();
              return name.equals(stays)
                  ? Optional.of(
                      text.substring(0, first.start(1)) + other + text.substring(first.end(1)))
                  : lastWord(text, first, "zebrafish");
            },
            (was, now, rows, pairs) -> !was.triggers().equals(now.triggers()),
            2);
    // every trigger of an unreachable skill is ranked again (the routing side asks a changed
    // skill's own triggers), so both edits patch; run compares each with a clean build
    assertEquals(2, r.patched().size(), "an unreachable skill's edit refused: " + r.refused());
  }

  @Test
  void aReachableSkillThatLosesItsOnlyOwnTriggerIsInsertedUnreachable() throws IOException {
    // three skills listing two of oban-thinking's phrases and one phrase of their own (which
    // reaches them), and one listing only oban-thinking's (unreachable: the section is there;
    // the first edit inserts before it, the second between the two);
    // each edit replaces a skill's own phrase by another of oban-thinking's: it is unreachable
    // now, its entry inserted in id order among the others, its finding in its section
    Path content = content(false);
    Path oban = content.resolve("plugins/elixir/skills/oban-thinking/SKILL.md");
    List<String> phrases = new ArrayList<>();
    Matcher m = PHRASE.matcher(description(Files.readString(oban)));
    while (m.find()) {
      phrases.add(m.group(1));
    }
    List<String> names = List.of("zq-alpha", "zq-beta", "zq-gamma", "zq-lost");
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      List<String> three = name.equals("zq-lost") ? phrases.subList(6, 9) : phrases.subList(0, 3);
      Path dir = content.resolve("plugins/elixir/skills/" + name);
      Files.createDirectories(dir);
      // its own: another of oban-thinking's phrases with its last word made "zebrafish" (an
      // edit that puts the word back keeps every field's length: the routing side's statistics)
      String own =
          i > 2
              ? three.get(2)
              : phrases.get(3 + i).replaceAll("[A-Za-z]{3,}(?=[^A-Za-z]*$)", "zebrafish");
      Files.writeString(
          dir.resolve("SKILL.md"),
          "---\nname: "
              + name
              + "\ndescription: Use when the user says \""
              + three.get(0)
              + "\", \""
              + three.get(1)
              + "\" or \""
              + own
              + "\".\n---\n\n# "
              + name
              + "\n\nSee the other skills.\n");
    }
    Path pre = tmp.resolve("pre");
    RoutingWireTest.build(content, pre);
    Set<String> lost = unreachable(pre);
    assertTrue(lost.contains("zq-lost"), "unreachable: " + lost);
    assertTrue(lost.stream().noneMatch(n -> names.subList(0, 3).contains(n)), "reached: " + lost);
    Run r =
        run(
            content,
            (text, k) -> {
              int i = names.indexOf(text.replaceAll("(?s).*\nname: ([a-z-]+)\n.*", "$1"));
              if (k > 0 || i < 0 || i > 2) {
                return Optional.empty();
              }
              Matcher own = phrase(text, 2).orElseThrow();
              return Optional.of(
                  text.substring(0, own.start(1))
                      + phrases.get(3 + i)
                      + text.substring(own.end(1)));
            },
            (was, now, rows, pairs) -> lostMoved > 0,
            2);
    // run compares each patched edit with a clean build byte for byte (health pages, sections)
    assertEquals(2, r.patched().size(), "a skill gone unreachable refused: " + r.refused());
  }

  @Test
  void anUntouchedSkillWhoseLastTriggerAnotherTakesIsInsertedUnreachable() throws IOException {
    // zq-beta's one trigger is a phrase zq-alpha lists too; zq-alpha's second phrase makes its
    // document the longer, so zq-beta wins the phrase; zq-alpha's second phrase reworded to two
    // of the phrase's words (the same length: a small collection's averages stay), zq-alpha
    // takes the phrase: zq-beta, which no edit touched, is unreachable now (113×: blockrun-76's
    // trigger removed took blockrun-105's). With
    // RoutingWire.REACH_LOST its entry is inserted and its finding placed; without it, refused.
    Path content = content(false);
    String shared = "calibrate the zephyr gauges";
    String extra = "polish the quartz lanterns";
    Map<String, String> descriptions =
        Map.of(
            "zq-alpha",
            "Use when the user says \"" + shared + "\" or \"" + extra + "\".",
            "zq-beta",
            "Use when the user says \"" + shared + "\".");
    for (Map.Entry<String, String> e : descriptions.entrySet()) {
      Path dir = content.resolve("plugins/elixir/skills/" + e.getKey());
      Files.createDirectories(dir);
      Files.writeString(
          dir.resolve("SKILL.md"),
          "---\nname: "
              + e.getKey()
              + "\ndescription: "
              + e.getValue()
              + "\n---\n\n# "
              + e.getKey()
              + "\n\nSee the other skills"
              // zq-beta's body the longer by three words, zq-alpha's description by five
              + (e.getKey().equals("zq-beta") ? " beside bench logbook notes" : "")
              + ".\n");
    }
    // and one listing only oban-thinking's phrases: unreachable (the report's section is there)
    Path oban = content.resolve("plugins/elixir/skills/oban-thinking/SKILL.md");
    List<String> phrases = new ArrayList<>();
    Matcher m = PHRASE.matcher(description(Files.readString(oban)));
    while (m.find()) {
      phrases.add(m.group(1));
    }
    Path lostDir = content.resolve("plugins/elixir/skills/zq-lost");
    Files.createDirectories(lostDir);
    Files.writeString(
        lostDir.resolve("SKILL.md"),
        "---\nname: zq-lost\ndescription: Use when the user says \""
            + phrases.get(6)
            + "\" or \""
            + phrases.get(7)
            + "\".\n---\n\n# zq-lost\n\nSee the other skills.\n");
    Path pre = tmp.resolve("pre");
    RoutingWireTest.build(content, pre);
    assertTrue(unreachable(pre).contains("zq-lost"), "unreachable: " + unreachable(pre));
    assertTrue(!unreachable(pre).contains("zq-beta"), "zq-beta reached: " + unreachable(pre));
    Run r =
        run(
            content,
            (text, k) ->
                k > 0 || !text.contains("\nname: zq-alpha\n")
                    ? Optional.empty()
                    : Optional.of(text.replace(extra, "calibrate the zephyr lanterns")),
            (was, now, rows, pairs) -> lostMoved > 0,
            1);
    // run compares the patched edit with a clean build byte for byte (health pages, the sections
    // of every skill the patch gave one: zq-beta's with its unreachable finding)
    assertEquals(
        RoutingWire.REACH_LOST ? 1 : 0,
        r.patched().size(),
        "an untouched skill gone unreachable: " + r.refused());
    if (!RoutingWire.REACH_LOST) {
      assertTrue(
          r.refused().toString().contains("zq-beta is unreachable now"), r.refused().toString());
    }
  }

  @Test
  void anotherSkillsRowMovesToItsNewRivalAndIsPatched() throws IOException {
    // three replicas of ecto-thinking (the 10x corpus's copies: same description, another name):
    // a replica's reworded phrase hands another replica's row of it to a third skill
    Path content = content(false);
    String ecto = Files.readString(content.resolve("plugins/elixir/skills/ecto-thinking/SKILL.md"));
    List<String> names = List.of("zq-ecto-a", "zq-ecto-b", "zq-ecto-c");
    for (String name : names) {
      Path dir = content.resolve("plugins/elixir/skills/" + name);
      Files.createDirectories(dir);
      Files.writeString(
          dir.resolve("SKILL.md"), ecto.replace("name: ecto-thinking", "name: " + name));
    }
    Run r =
        run(
            content,
            (text, k) ->
                names.stream().noneMatch(n -> text.contains("\nname: " + n + "\n"))
                    ? Optional.empty()
                    : phrase(text, k).flatMap(m -> lastWord(text, m, "zebrafish")),
            (was, now, rows, pairs) ->
                moved.stream().anyMatch(x -> !x.startsWith(was.name() + "|")),
            2);
    assertEquals(2, r.patched().size(), "rows of another skill that come or go: " + r.refused());
  }

  @Test
  void anUnreachableSkillsRowMovesToAnotherRivalAndItsEntryIsMadeAgain() throws IOException {
    // four replicas of ecto-thinking named as the 10x copies are ("ecto-thinking-N": one wins
    // every phrase, the others are listed unreachable, each trigger taken by the winner); the
    // winner's reworded phrase hands that phrase to another replica: every other replica's row
    // of it moves to the new rival and its unreachable entry reads otherwise
    Path content = content(false);
    Path original = content.resolve("plugins/elixir/skills/ecto-thinking/SKILL.md");
    String ecto = Files.readString(original);
    List<String> names = List.of("ecto-thinking-1", "ecto-thinking-2", "ecto-thinking-3");
    for (String name : names) {
      Path dir = content.resolve("plugins/elixir/skills/" + name);
      Files.createDirectories(dir);
      Files.writeString(
          dir.resolve("SKILL.md"), ecto.replace("name: ecto-thinking", "name: " + name));
    }
    Path pre = tmp.resolve("pre");
    RoutingWireTest.build(content, pre);
    Set<String> lost = unreachable(pre);
    System.out.println("unreachable before: " + lost);
    Run r =
        run(
            content,
            (text, k) ->
                !text.contains("\nname: ecto-thinking")
                    ? Optional.empty()
                    : phrase(text, k).flatMap(m -> lastWord(text, m, "zebrafish")),
            (was, now, rows, pairs) -> {
              entriesMovedAll += entriesMoved;
              return true;
            },
            4);
    // before: ecto-thinking's edit was refused ("the routing health of ecto-thinking-2 changes:
    // trigger … ecto-thinking-1 → ecto-thinking (a collision or reachability moved)", then "wins
    // over an unreachable skill whose entry shows its description's words"); run compares each
    // patched edit with a clean build byte for byte (health pages, sections, rankings)
    assertEquals(4, r.patched().size(), "an unreachable owner's row that moves: " + r.refused());
    assertTrue(entriesMovedAll > 0, "no unreachable entry of an unchanged skill moved");
  }

  private int entriesMovedAll;

  /**
   * The collision rows (trigger, owner, rival, kind; not the scores) the last patch of {@link #run}
   * deleted or inserted.
   */
  private final Set<String> moved = new TreeSet<>();

  /**
   * How many unreachable entries of skills the last patch of {@link #run} did not change read
   * otherwise after it (a clean build's against the site before).
   */
  private int entriesMoved;

  /** How many skills the last patch of {@link #run} made unreachable, less those it reached. */
  private int lostMoved;

  /** The collision rows the health report of {@code site} shows, as "owner|trigger|rival|kind". */
  private static Set<String> rows(Path site) throws IOException {
    Set<String> out = new TreeSet<>();
    Pattern row =
        Pattern.compile(
            "<tr><td><span class=\"chip\">([^<]*)</span></td><td>([^<]*)</td><td>([^<]*)</td>"
                + "<td>[^<]*</td><td>([^<]*)</td></tr>");
    try (var pages = Files.list(site.resolve("health"))) {
      for (Path page : pages.toList()) {
        Matcher m = row.matcher(Files.readString(page));
        while (m.find()) {
          out.add(m.group(2) + "|" + m.group(1) + "|" + m.group(3) + "|" + m.group(4));
        }
      }
    }
    return out;
  }

  /** The names of the skills the health report of {@code site} lists unreachable. */
  private static Set<String> unreachable(Path site) throws IOException {
    Set<String> out = new TreeSet<>();
    Pattern item = Pattern.compile("<li><a href=\"\\.\\./skills/[^\"]+\">([^<]+)</a>:");
    try (var pages = Files.list(site.resolve("health"))) {
      for (Path page : pages.toList()) {
        String html = Files.readString(page);
        int from = html.indexOf("<h2 id=\"ss-unreachable\">");
        if (from < 0) {
          continue;
        }
        Matcher m = item.matcher(html.substring(from, html.indexOf("</section>", from)));
        while (m.find()) {
          out.add(m.group(1));
        }
      }
    }
    return out;
  }

  /** The unreachable entries the health report of {@code site} shows: name → its item. */
  private static Map<String, String> entries(Path site) throws IOException {
    Map<String, String> out = new java.util.TreeMap<>();
    Pattern item = Pattern.compile("<li><a href=\"\\.\\./skills/[^\"]+\">([^<]+)</a>:(.*?)</li>");
    try (var pages = Files.list(site.resolve("health"))) {
      for (Path page : pages.toList()) {
        String html = Files.readString(page);
        int from = html.indexOf("<h2 id=\"ss-unreachable\">");
        if (from < 0) {
          continue;
        }
        Matcher m = item.matcher(html.substring(from, html.indexOf("</section>", from)));
        while (m.find()) {
          out.put(m.group(1), m.group(2));
        }
      }
    }
    return out;
  }

  /** X's first phrase replaced by another skill's phrase of as many words (the k-th such). */
  private Edit copied() throws IOException {
    Path content = tmp.resolve("content");
    List<String> others = new ArrayList<>();
    for (String s : RoutingWireTest.sources(content)) {
      Matcher m = PHRASE.matcher(description(Files.readString(content.resolve(s))));
      while (m.find()) {
        others.add(m.group(1));
      }
    }
    return (text, k) -> {
      Optional<Matcher> m = phrase(text, 0);
      if (m.isEmpty()) {
        return Optional.empty();
      }
      int words = m.get().group(1).split(" ").length;
      int seen = 0;
      for (String p : others) {
        if (p.split(" ").length == words
            && !description(text).contains("\"" + p + "\"")
            && seen++ == k) {
          return Optional.of(
              text.substring(0, m.get().start()) + "\"" + p + "\"" + text.substring(m.get().end()));
        }
      }
      return Optional.empty();
    };
  }

  // --- harness

  /** A copy of elixir; with {@code whenToUse}, each skill given a when_to_use of its own. */
  private Path content(boolean whenToUse) throws IOException {
    Path content = tmp.resolve("content");
    Trees.copy(ELIXIR, content);
    if (whenToUse) {
      for (String s : RoutingWireTest.sources(content)) {
        Path file = content.resolve(s);
        String text = Files.readString(file);
        String name = Path.of(s).getParent().getFileName().toString();
        int line = text.indexOf('\n', text.indexOf("\ndescription: ") + 1);
        Files.writeString(
            file,
            text.substring(0, line + 1)
                + "when_to_use: Use when the request names the "
                + name.replace('-', ' ')
                + " toolkit for this project.\n"
                + text.substring(line + 1));
      }
    }
    return content;
  }

  /**
   * Runs {@code edit}'s variants over each SKILL.md in turn on a site built once: each edit the
   * seam refuses is undone; each it patches is published, committed and checked against a clean
   * build of the edited content, and kept (the next edits start from it). Stops after {@code
   * wanted} patched edits that {@code counts} (before, after) accepts.
   */
  private Run run(Path content, Edit edit, Counts counts, int wanted) throws IOException {
    Path out = tmp.resolve("site");
    RoutingWireTest.build(content, out);
    List<String> patched = new ArrayList<>();
    List<String> refused = new ArrayList<>();
    Set<dev.skillsite.model.SkillId> models =
        new TreeSet<>(Comparator.comparing(dev.skillsite.model.SkillId::value));
    for (String source : RoutingWireTest.sources(content)) {
      for (int k = 0; k < 12; k++) {
        Path file = content.resolve(source);
        String before = Files.readString(file);
        Optional<String> edited = edit.apply(before, k);
        if (edited.isEmpty()) {
          break;
        }
        String key = RoutingWireTest.key(content, out);
        Skill was = RoutingWireTest.change(content, out, key, source).now();
        Files.writeString(file, edited.get());
        RoutingSeam.Change change = RoutingWireTest.change(content, out, key, source);
        RoutingWire wire = new RoutingWire();
        try (RoutingSeam.Outcome o = wire.patch(out, key, List.of(change))) {
          if (o.patched().isEmpty() || o.patched().get().health().isPresent()) {
            refused.add(
                source
                    + "#"
                    + k
                    + ": "
                    + (o.patched().isEmpty() ? o.cannot() : o.patched().get().health().get()));
            Files.writeString(file, before, StandardCharsets.UTF_8);
            continue;
          }
          RoutingSeam.Patched p = o.patched().get();
          Path clean = tmp.resolve("clean-" + patched.size() + "-" + refused.size());
          RoutingWireTest.build(content, clean);
          int[] then = pairsAndRows(out);
          Set<String> pairsThen = rows(out);
          Set<String> pairsNow = rows(clean);
          moved.clear();
          pairsThen.stream().filter(x -> !pairsNow.contains(x)).forEach(moved::add);
          pairsNow.stream().filter(x -> !pairsThen.contains(x)).forEach(moved::add);
          int lostThen = unreachable(out).size();
          int[] now = pairsAndRows(clean);
          lostMoved = unreachable(clean).size() - lostThen;
          Map<String, String> entriesThen = entries(out);
          Map<String, String> entriesNow = entries(clean);
          entriesMoved = 0;
          for (Map.Entry<String, String> e : entriesNow.entrySet()) {
            if (!e.getKey().equals(change.now().name())
                && entriesThen.containsKey(e.getKey())
                && !entriesThen.get(e.getKey()).equals(e.getValue())) {
              entriesMoved++;
              System.out.println(
                  "  entry of "
                      + e.getKey()
                      + ": "
                      + entriesThen.get(e.getKey())
                      + " → "
                      + e.getValue());
            }
          }
          RoutingWireTest.publish(content, out, p);
          o.commit();
          // the published SKILL.md copy as PatchBuild writes it: a later edit of another skill
          // reads this one's as its own published copy (a rival's names, its triggers' places)
          Files.copy(
              file,
              out.resolve(dev.skillsite.site.SiteLayout.rawSkill(change.id())),
              java.nio.file.StandardCopyOption.REPLACE_EXISTING);
          String at = source + "#" + k;
          assertSameFile(clean, out, "health/index.html", at);
          assertEquals(
              List.of(),
              SiteFingerprint.differences(
                  RoutingWireTest.under(SiteFingerprint.of(clean), "health/", "-"),
                  RoutingWireTest.under(SiteFingerprint.of(out), "health/", "-")),
              at + ": the health pages");
          // every skill a patch of this run gave a section: the pages side renders its page
          // again (the seam alone leaves the published page as it was)
          models.add(change.id());
          models.addAll(p.healthPatch().sections().keySet()); // the pages side renders them again
          RoutingWireTest.assertHealthSectionsSame(clean, out, models, at);
          RoutingWireTest.assertRankingsAreTheCleanBuilds(p, clean, at);
          assertProbesSame(clean, out, was, change.now(), at);
          assertRivalListsSame(clean, out, at);
          if (was.triggers().all().size() != change.now().triggers().all().size()) {
            assertTrue(
                p.healthPatch().files().containsKey("health/index.html"),
                at + ": the probe count is on page 1");
          }
          System.out.printf(
              "%s: patched (%d → %d triggers, %+d pairs, %+d rows, %+d unreachable; collision"
                  + " rows moved %s), health side %.1f ms CPU%n",
              at,
              was.triggers().all().size(),
              change.now().triggers().all().size(),
              now[0] - then[0],
              now[1] - then[1],
              unreachable(clean).size() - lostThen,
              moved,
              wire.healthCpu() / 1e6);
          if (counts.test(was, change.now(), now[1] - then[1], now[0] - then[0])) {
            patched.add(at);
            if (patched.size() >= wanted) {
              return new Run(patched, refused);
            }
          }
          // the seam alone leaves the published SKILL.md copy and the pages state's digest as
          // the last build had them (PatchBuild updates both): the next edit is another skill's
          break;
        }
      }
    }
    System.out.println("refused: " + refused);
    return new Run(patched, refused);
  }

  /** The collision pairs and rows the health report of {@code site} shows. */
  private static int[] pairsAndRows(Path site) throws IOException {
    int[] out = new int[2];
    try (var pages = Files.list(site.resolve("health"))) {
      for (Path page : pages.toList()) {
        String html = Files.readString(page);
        out[0] += count(html, "<article class=\"card health-pair\">");
        out[1] += count(html, "<tr><td><span class=\"chip\">");
      }
    }
    return out;
  }

  private static int count(String text, String what) {
    int n = 0;
    for (int at = text.indexOf(what); at >= 0; at = text.indexOf(what, at + 1)) {
      n++;
    }
    return n;
  }

  /** A site file the same in both sites; else the first line that differs, in the message. */
  private static void assertSameFile(Path clean, Path out, String file, String at)
      throws IOException {
    List<String> a = Files.readAllLines(clean.resolve(file));
    List<String> b = Files.readAllLines(out.resolve(file));
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      assertEquals(a.get(i), b.get(i), at + ": " + file + " line " + (i + 1));
    }
    assertEquals(a.size(), b.size(), at + ": " + file + " lines");
  }

  /** The health probes of the skill's old and new triggers: the patched site's == the clean's. */
  private static void assertProbesSame(Path clean, Path out, Skill was, Skill now, String at)
      throws IOException {
    Set<String> touched = new TreeSet<>(was.triggers().all());
    touched.addAll(now.triggers().all());
    Comparator<HealthProbes.Probe> order =
        Comparator.comparing((HealthProbes.Probe p) -> p.owner().value())
            .thenComparing(HealthProbes.Probe::listed);
    try (RecordTable want =
            RecordTable.open(clean.resolve(BuildCache.FOLDER).resolve(HealthProbes.FILE))
                .orElseThrow();
        RecordTable base =
            RecordTable.open(out.resolve(BuildCache.FOLDER).resolve(HealthProbes.FILE))
                .orElseThrow()) {
      Optional<RecordTable> delta = RecordTable.open(out.resolve(HealthProbes.DELTA));
      try {
        HealthProbes.View view = new HealthProbes.View(base, delta);
        for (String t : touched) {
          List<HealthProbes.Probe> a = new ArrayList<>(HealthProbes.probes(want, t));
          List<HealthProbes.Probe> b = new ArrayList<>(view.probes(t));
          a.sort(order);
          b.sort(order);
          assertEquals(a, b, at + ": the probes of \"" + t + "\"");
        }
      } finally {
        if (delta.isPresent()) {
          delta.get().close();
        }
      }
    }
  }

  /**
   * For every skill, the unreachable entries naming it as their rival ({@code HealthState}'s lists,
   * which a later description edit of it reads): the patched site's == the clean's.
   */
  private static void assertRivalListsSame(Path clean, Path out, String at) throws IOException {
    try (dev.skillsite.site.HealthState want =
            dev.skillsite.site.HealthState.open(clean).orElseThrow();
        dev.skillsite.site.HealthState got =
            dev.skillsite.site.HealthState.open(out).orElseThrow();
        var dirs = Files.list(clean.resolve("skills"))) {
      for (Path dir : dirs.toList()) {
        dev.skillsite.model.SkillId id =
            new dev.skillsite.model.SkillId(dir.getFileName().toString());
        assertTrue(want.unreachableOf(id).isPresent(), at + ": a clean build lists rivals");
        assertEquals(
            want.unreachableOf(id), got.unreachableOf(id), at + ": the entries naming " + id);
      }
    }
  }

  /** The description line of a SKILL.md (elixir's are one line). */
  private static String description(String text) {
    int from = text.indexOf("\ndescription: ") + 1;
    int to = text.indexOf('\n', from);
    return text.substring(from, to);
  }

  /** The {@code k}-th quoted phrase of the description, as a match over the whole text. */
  private static Optional<Matcher> phrase(String text, int k) {
    int from = text.indexOf("\ndescription: ") + 1;
    Matcher m = PHRASE.matcher(text).region(from, text.indexOf('\n', from));
    for (int i = 0; m.find(); i++) {
      if (i == k) {
        return Optional.of(m);
      }
    }
    return Optional.empty();
  }

  /** The text with the last word (3+ letters) of the phrase {@code m} matched replaced. */
  private static Optional<String> lastWord(String text, Matcher m, String with) {
    Matcher w = Pattern.compile("[A-Za-z]{3,}").matcher(m.group(1));
    int start = -1;
    int end = -1;
    while (w.find()) {
      start = w.start();
      end = w.end();
    }
    if (start < 0 || m.group(1).substring(start, end).equals(with)) {
      return Optional.empty();
    }
    int base = m.start(1);
    return Optional.of(text.substring(0, base + start) + with + text.substring(base + end));
  }
}
