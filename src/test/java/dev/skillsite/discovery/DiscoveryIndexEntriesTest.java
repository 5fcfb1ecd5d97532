package dev.skillsite.discovery;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skillsite.content.ContentLoader;
import dev.skillsite.model.Catalog;
import dev.skillsite.model.SiteConfig;
import dev.skillsite.model.Skill;
import dev.skillsite.testing.TestSkills;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link DiscoveryIndexEntries}: over the index {@link DiscoveryIndexWriter} writes without a skill
 * X, X's entry spliced in gives the index it writes with X, byte for byte, and its removal the
 * reverse — names that JSON escapes (quotes, backslashes, non-ASCII), names shared by several ids,
 * descriptions longer than a probe's window, X first, last and anywhere between; the new entry's
 * digest where the change says; an index of one entry, or X there already, refused.
 */
class DiscoveryIndexEntriesTest {
  private static final Path CONTENT = Path.of("src/test/resources/check/clean/content");

  @TempDir Path tmp;

  private int sites;

  @Test
  void anEntrySplicedInAndOutIsTheWritersIndex() throws IOException {
    SiteConfig config = new ContentLoader().load(CONTENT).config();
    Random random = new Random(27);
    String[] names = {"alpha", "Beta \"quoted\"", "ça va", "back\\slash", "zeta", "Émile", "mu"};
    List<Skill> skills = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      String name = names[random.nextInt(names.length)] + (random.nextInt(4) == 0 ? "" : " " + i);
      String description =
          "Does things " + i + ". " + (random.nextInt(20) == 0 ? "long ".repeat(4000) : "");
      skills.add(withName(TestSkills.of("s" + i, description, "Body."), name));
    }
    List<Skill> picks = new ArrayList<>();
    picks.add(first(skills, true));
    picks.add(first(skills, false));
    for (int t = 0; t < 16; t++) {
      picks.add(skills.get(random.nextInt(skills.size())));
    }
    for (Skill x : picks) {
      List<Skill> without = new ArrayList<>(skills);
      without.remove(x);
      Path a = write(config, without);
      Path b = write(config, skills);
      byte[] served = Files.readAllBytes(b.resolve(DiscoveryIndexWriter.skillMdPath(x)));
      Path staging = tmp.resolve("staging-" + ++sites);
      Optional<DiscoveryIndexEntries.Change> c =
          DiscoveryIndexEntries.add(a, staging, config, x, false, served);
      assertTrue(c.isPresent(), x.name());
      assertArrayEquals(index(b), index(staging), "added " + x.name());
      long at =
          DiscoveryIndexWriter.digestOffsets(b.resolve(DiscoveryIndexWriter.PATH))
              .get(DiscoveryIndexWriter.skillMdPath(x));
      assertEquals(at, c.get().digestAt(), x.name());
      assertEquals(
          Files.size(b.resolve(DiscoveryIndexWriter.PATH))
              - Files.size(a.resolve(DiscoveryIndexWriter.PATH)),
          c.get().spliced().by());
      Path back = tmp.resolve("back-" + sites);
      Optional<DiscoveryIndexEntries.Change> r =
          DiscoveryIndexEntries.remove(b, back, DiscoveryIndexWriter.skillMdPath(x), at);
      assertTrue(r.isPresent(), x.name());
      assertArrayEquals(index(a), index(back), "removed " + x.name());
      // X there already; the wrong offset
      assertEquals(
          Optional.empty(),
          DiscoveryIndexEntries.add(b, tmp.resolve("again-" + sites), config, x, false, served));
      assertEquals(
          Optional.empty(),
          DiscoveryIndexEntries.remove(
              b, tmp.resolve("off-" + sites), DiscoveryIndexWriter.skillMdPath(x), at + 1));
    }
  }

  @Test
  void theOnlyEntryIsNotRemoved() throws IOException {
    SiteConfig config = new ContentLoader().load(CONTENT).config();
    Skill x = TestSkills.of("only", "The only skill.", "Body.");
    Path b = write(config, List.of(x));
    long at =
        DiscoveryIndexWriter.digestOffsets(b.resolve(DiscoveryIndexWriter.PATH))
            .get(DiscoveryIndexWriter.skillMdPath(x));
    assertEquals(
        Optional.empty(),
        DiscoveryIndexEntries.remove(
            b, tmp.resolve("gone"), DiscoveryIndexWriter.skillMdPath(x), at));
  }

  private static Skill first(List<Skill> skills, boolean first) {
    List<Skill> sorted = DiscoveryIndexWriter.sorted(skills);
    return first ? sorted.get(0) : sorted.get(sorted.size() - 1);
  }

  /** {@code s} under the display name {@code name} (its id kept). */
  private static Skill withName(Skill s, String name) {
    return new Skill(
        s.id(),
        name,
        s.description(),
        s.source(),
        s.collectionId(),
        s.frontmatter(),
        s.bodyText(),
        s.bodyLine(),
        s.references(),
        s.triggers(),
        s.declaredRelated());
  }

  /** The writer's index of {@code skills}, their SKILL.md files written as a build serves them. */
  private Path write(SiteConfig config, List<Skill> skills) throws IOException {
    Path root = tmp.resolve("content");
    for (Skill s : skills) {
      if (Files.exists(root.resolve(s.source()))) {
        continue; // one content folder for every site: the index reads each listed skill's
      }
      Path md = root.resolve(s.source());
      Files.createDirectories(md.getParent());
      Files.writeString(md, "---\nname: " + s.id() + "\n---\n" + s.body(), StandardCharsets.UTF_8);
    }
    Path site = tmp.resolve("site-" + ++sites);
    new DiscoveryIndexWriter()
        .write(new Catalog(config, List.of(), skills, List.of(), List.of()), root, site);
    return site;
  }

  private static byte[] index(Path site) throws IOException {
    return Files.readAllBytes(site.resolve(DiscoveryIndexWriter.PATH));
  }
}
