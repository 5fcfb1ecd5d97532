package dev.skillsite.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skillsite.content.ContentLoader;
import dev.skillsite.model.Skill;
import dev.skillsite.routing.RoutingIndex;
import dev.skillsite.testing.Trees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The routing seam given a skill added ({@link RoutingSeam.Change#added}) or removed ({@link
 * RoutingSeam.Change#removed}), on a built copy of {@code large} with an odd number of skills (an
 * add from an odd count keeps {@code Bm25.documentCount}'s grid between 512 and 1,023; a removal
 * crosses it). A copy of a skill (renamed) added reaches the routing patch, which takes it when
 * every average length holds, and is then refused by the route step's price or by the search export
 * with its reason (ords shift after it); a removal is refused as a grid crossing; an add of a skill
 * the state holds is refused; every refusal leaves the state as it was, so a body edit after them
 * still patches.
 */
@Tag("corpus")
class RoutingWireAddTest {
  private static final Path LARGE = Path.of("../shared/corpora/large");

  @TempDir Path tmp;

  @Test
  void anAddReachesTheRoutingPatchAndARemovalCrossingTheGridIsRefused() throws IOException {
    Path content = tmp.resolve("content");
    Trees.copy(LARGE, content);
    Path out = tmp.resolve("site");
    RoutingWireTest.build(content, out);
    if (skillCount(out) % 2 == 0) { // an odd count: drop the last skill's folder, build again
      List<String> sources = RoutingWireTest.sources(content);
      dev.skillsite.output.FileTrees.delete(
          content.resolve(sources.get(sources.size() - 1)).getParent());
      RoutingWireTest.build(content, out);
    }
    int n = skillCount(out);
    assertEquals(1, n % 2, "an odd count of skills");
    String key = RoutingWireTest.key(content, out);
    List<String> sources = RoutingWireTest.sources(content);

    // a removal from an odd count crosses the count grid
    String gone = sources.get(sources.size() / 3);
    RoutingSeam.Change edit = RoutingWireTest.change(content, out, key, gone);
    ContentLoader.Reloaded published =
        new ContentLoader().reload(content.toRealPath(), edit.now()).orElseThrow();
    RoutingSeam.Change removed =
        RoutingSeam.Change.removed(
            edit.id(),
            edit.oldRouting(),
            new RoutingSeam.Published(published, content.toRealPath()));
    try (RoutingSeam.Outcome o = new RoutingWire().patch(out, key, List.of(removed))) {
      assertTrue(o.patched().isEmpty(), "a removal from an odd count");
      assertTrue(o.cannot().contains("number of skills"), o.cannot());
    }
    // a skill the state holds, given as added
    try (RoutingSeam.Outcome o =
        new RoutingWire()
            .patch(
                out,
                key,
                List.of(
                    RoutingSeam.Change.added(
                        edit.now(), edit.newRouting(), List.of(), Optional.of(content))))) {
      assertTrue(o.cannot().contains("holds it"), o.cannot());
    }

    // a renamed copy of a skill near the middle added: the first whose lengths keep every grid
    String refused = null;
    int tried = 0;
    for (int d = 0; d < 40 && refused == null; d++) {
      int i = sources.size() / 2 + (d % 2 == 0 ? d / 2 : -(d / 2 + 1));
      Path from = content.resolve(sources.get(i)).getParent();
      Path copy = from.resolveSibling(from.getFileName() + "-added");
      Optional<String> renamed = renamed(Files.readString(from.resolve("SKILL.md")));
      if (renamed.isEmpty() || Files.exists(copy)) {
        continue;
      }
      Files.createDirectories(copy);
      Files.writeString(copy.resolve("SKILL.md"), renamed.get());
      String source = content.relativize(copy.resolve("SKILL.md")).toString().replace('\\', '/');
      Skill added =
          new ContentLoader()
              .load(content).skills().stream()
                  .filter(s -> s.source().equals(source))
                  .findFirst()
                  .orElseThrow(() -> new AssertionError("not loaded: " + source));
      RoutingSeam.Change c =
          RoutingSeam.Change.added(
              added,
              RoutingIndex.skillDigests(List.of(added)).get(0),
              List.of(),
              Optional.of(content.toRealPath()));
      assertTrue(c.isAdded() && c.routingChanged());
      tried++;
      try (RoutingSeam.Outcome o = new RoutingWire().patch(out, key, List.of(c))) {
        assertTrue(o.patched().isEmpty(), "the search export is not patched for an add");
        if (o.cannot().contains("average length")) {
          dev.skillsite.output.FileTrees.delete(copy);
          continue;
        }
        refused = o.cannot();
        System.out.println(
            "added " + added.id().value() + " after " + tried + " tries: refused: " + refused);
      }
      dev.skillsite.output.FileTrees.delete(copy);
    }
    assertTrue(refused != null, "no copy kept every average length in " + tried + " tries");
    // past the grids, the routing patch took it: refused by the route step's price (a copy moves
    // the frequency of every word its source holds: every phrase sharing one is ranked again) or,
    // within it, by the search export
    assertTrue(
        refused.contains("route step's budget")
            || refused.contains("a skill added or removed") && refused.contains("search export"),
        refused);

    // every refusal left the state as it was: a body edit patches
    String source = sources.get(sources.size() / 4);
    Path file = content.resolve(source);
    Optional<String> swapped = RoutingWireTest.swapWord(Files.readString(file), "zebrafishing");
    assertTrue(swapped.isPresent(), source);
    Files.writeString(file, swapped.get());
    try (RoutingSeam.Outcome o =
        new RoutingWire()
            .patch(out, key, List.of(RoutingWireTest.change(content, out, key, source)))) {
      assertTrue(
          o.patched().isPresent() || o.cannot().contains("average length"),
          "the state as it was: " + o.cannot());
    }
  }

  /** The skill count the site's search manifest states. */
  private static int skillCount(Path site) throws IOException {
    Matcher m =
        Pattern.compile("\"skillCount\":(\\d+)")
            .matcher(Files.readString(site.resolve("search/manifest.js")));
    assertTrue(m.find());
    return Integer.parseInt(m.group(1));
  }

  /** The SKILL.md with its frontmatter name made another ("-added"), if it has one. */
  private static Optional<String> renamed(String text) {
    Matcher m = Pattern.compile("(?m)^name:\\s*[\"']?([A-Za-z0-9 _.-]+?)[\"']?\\s*$").matcher(text);
    if (!m.find()) {
      return Optional.empty();
    }
    return Optional.of(
        text.substring(0, m.start()) + "name: " + m.group(1) + "-added" + text.substring(m.end()));
  }
}
