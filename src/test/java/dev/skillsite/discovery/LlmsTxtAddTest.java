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
