package dev.skillsite.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skillsite.content.ContentLoader;
import dev.skillsite.model.Catalog;
import dev.skillsite.model.SiteConfig;
import dev.skillsite.model.Skill;
import dev.skillsite.site.DataParts;
import dev.skillsite.site.ListState;
import dev.skillsite.testing.TestSkills;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link LlmsTxtPatch#add} and {@link LlmsTxtPatch#remove} on an llms.txt cut into parts (at most
 * 400 skills a part here, 2,400 skills: six to ten parts, each ending at a cut, as at 1,000): over
 * the files {@link LlmsTxtWriter} writes without a skill X, the add gives the files it writes with
 * X, and the removal the reverse, byte for byte, the parts' cuts the new build's; a part is refused
 * only when a cut moves (the clean build then differs in more than the part and the index). The
 * parts the change does not fall in are cut down to their first skill line before the patch: it
 * reads no more of them.
 */
class LlmsTxtAddTest {
  private static final Path CONTENT = Path.of("src/test/resources/check/clean/content");

  @TempDir Path tmp;

  private int sites;

  @Test
  void addsAndRemovalsInPartsAreTheWritersFiles() throws IOException {
    int[] patched = run(400, 2400, 40);
    assertTrue(patched[0] >= 60, patched[0] + " patched");
  }

  /**
   * Parts of at most 20 skills mostly end full (no cut among ten entries): an add to one moves its
   * end, and every such change is refused, never patched wrong.
   */
  @Test
  void aPartThatEndsFullRefusesWhatMovesItsEnd() throws IOException {
    int[] patched = run(20, 150, 20);
    assertTrue(patched[1] > 0, "nothing refused");
  }

  /**
   * After an add, the records' places by name of the skills after X are one off: an edit of the
   * first skill of the next part (its stale place is in X's part) is still staged in its own part,
   * the writer's file with X and the edit.
   */
  @Test
  void anEditAfterAnAddFindsItsPartThoughItsPlaceIsOneOff() throws IOException {
    SiteConfig config = new ContentLoader().load(CONTENT).config();
    List<Skill> skills = new ArrayList<>();
    for (int i = 0; i < 2400; i++) {
      String name = "skill-" + String.format("%04d", i);
      skills.add(TestSkills.of(name, "Does " + name + " things.", "Body."));
    }
    List<Skill> sorted = DiscoveryIndexWriter.sorted(skills);
    DataParts full = ListState.Totals.llmsParts(sorted, 400);
    int checked = 0;
    for (int k = 1; k < full.count() && checked < 3; k++) {
      Skill x = sorted.get(full.starts().get(k) - 2); // in part k - 1, not its last
      Skill y = sorted.get(full.starts().get(k)); // the first of part k
      List<Skill> without = new ArrayList<>(skills);
      without.remove(x);
      Path site = write(config, without, 400);
      List<Skill> before = DiscoveryIndexWriter.sorted(without);
      Map<String, Integer> places = new HashMap<>();
      Map<String, String> names = new HashMap<>();
      for (int i = 0; i < before.size(); i++) {
        places.put(before.get(i).id().value(), i);
        names.put(before.get(i).id().value(), before.get(i).name());
      }
      Path staging = Files.createDirectories(tmp.resolve("edit-" + ++sites));
      LlmsTxtPatch.Change c =
          LlmsTxtPatch.change(
              site,
              config,
              without.size(),
              ListState.Totals.llmsParts(before, 400),
              id -> Optional.ofNullable(names.get(id)),
              x,
              true,
              staging,
              400);
      if (c.refused().isPresent()) {
        continue;
      }
      assertEquals(full, c.llms());
      Path patched = tmp.resolve("patched-" + sites);
      for (var e : texts(site).entrySet()) {
        Path to = patched.resolve(e.getKey());
        Files.createDirectories(to.getParent());
        Files.writeString(to, e.getValue(), StandardCharsets.UTF_8);
      }
      for (var e : texts(staging).entrySet()) {
        Files.writeString(patched.resolve(e.getKey()), e.getValue(), StandardCharsets.UTF_8);
      }
      names.put(x.id().value(), x.name());
      Skill edited = TestSkills.of(y.name(), "Now does other things.", "Body.");
      assertEquals(c.llms().part(places.get(y.id().value())), k - 1, "a stale place");
      Path staged = Files.createDirectories(tmp.resolve("staged-" + sites));
      Optional<List<String>> out =
          LlmsTxtPatch.stage(
              patched,
              config,
              c.llms(),
              id -> Optional.ofNullable(places.get(id.value())),
              id -> Optional.ofNullable(names.get(id)),
              Map.of(edited.id(), edited),
              staged);
      assertTrue(out.isPresent(), "refused");
      List<Skill> now = new ArrayList<>(skills);
      now.set(now.indexOf(y), edited);
      Map<String, String> laid = texts(patched);
      laid.putAll(texts(staged));
      assertEquals(texts(write(config, now, 400)), laid, "edit of " + y.id());
      checked++;
    }
    assertTrue(checked >= 2, checked + " checked");
  }

  /** {@code trials} skills taken out and put back; how many changes were patched and refused. */
  private int[] run(int max, int count, int trials) throws IOException {
    SiteConfig config = new ContentLoader().load(CONTENT).config();
    Random random = new Random(27);
    String[] words = {"alpha", "bravo", "charlie", "delta", "echo", "kilo", "lima", "zulu"};
    List<Skill> skills = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String name = words[random.nextInt(words.length)] + "-" + i;
      skills.add(TestSkills.of(name, "Does " + name + " things. Use for " + name + ".", "Body."));
    }
    int patched = 0;
    int refused = 0;
    for (int t = 0; t < trials; t++) {
      Skill x = skills.get(random.nextInt(skills.size()));
      List<Skill> without = new ArrayList<>(skills);
      without.remove(x);
      for (boolean add : List.of(true, false)) {
        List<Skill> from = add ? without : skills;
        List<Skill> to = add ? skills : without;
        Path site = write(config, from, max);
        Path clean = write(config, to, max);
        DataParts parts = ListState.Totals.llmsParts(DiscoveryIndexWriter.sorted(from), max);
        Map<String, String> names = new HashMap<>();
        from.forEach(s -> names.put(s.id().value(), s.name()));
        Map<String, String> before = texts(site);
        Map<String, String> after = texts(clean);
        shorten(site, before, after);
        Path staging = Files.createDirectories(tmp.resolve("staging-" + sites));
        LlmsTxtPatch.Change c =
            LlmsTxtPatch.change(
                site,
                config,
                from.size(),
                parts,
                id -> Optional.ofNullable(names.get(id)),
                x,
                add,
                staging,
                max);
        if (c.refused().isPresent()) {
          refused++;
          assertTrue(c.refused().get().contains("a cut moved"), c.refused().get());
          int differ = 0;
          for (String f : after.keySet()) {
            differ += after.get(f).equals(before.get(f)) ? 0 : 1;
          }
          assertTrue(differ > 2 || after.size() != before.size(), "refused though local: " + x);
          continue;
        }
        patched++;
        Map<String, String> laid = new TreeMap<>(before);
        laid.putAll(texts(staging));
        assertEquals(after, laid, (add ? "add " : "remove ") + x.id());
        assertEquals(
            ListState.Totals.llmsParts(DiscoveryIndexWriter.sorted(to), max), c.llms(), "parts");
      }
    }
    System.out.printf("llms parts of %d: %d patched, %d refused%n", max, patched, refused);
    return new int[] {patched, refused};
  }

  /** The files the writer writes for {@code skills}, the parts the change skips cut short. */
  private Path write(SiteConfig config, List<Skill> skills, int max) throws IOException {
    Path site = tmp.resolve("site-" + ++sites);
    new LlmsTxtWriter(max)
        .write(new Catalog(config, List.of(), skills, List.of(), List.of()), site);
    return site;
  }

  /**
   * When the clean build changes one part (and the index), cuts every other part file down to its
   * lines up to its first skill line: what a patch may read of a part it does not change.
   */
  private static void shorten(Path site, Map<String, String> before, Map<String, String> after)
      throws IOException {
    long parts = after.keySet().stream().filter(f -> !after.get(f).equals(before.get(f))).count();
    if (parts > 2 || !after.keySet().equals(before.keySet())) {
      return; // not local: every file as written, for the patch to find its cut moved
    }
    for (var e : before.entrySet()) {
      if (e.getKey().startsWith("llms/") && e.getValue().equals(after.get(e.getKey()))) {
        String text = e.getValue();
        int first = text.indexOf("\n- [");
        Files.writeString(
            site.resolve(e.getKey()),
            text.substring(0, text.indexOf('\n', first + 1) + 1),
            StandardCharsets.UTF_8);
      }
    }
  }

  private static Map<String, String> texts(Path root) throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> all = Files.walk(root)) {
      for (Path p : all.filter(Files::isRegularFile).toList()) {
        out.put(
            root.relativize(p).toString().replace('\\', '/'),
            Files.readString(p, StandardCharsets.UTF_8));
      }
    }
    return out;
  }
}
