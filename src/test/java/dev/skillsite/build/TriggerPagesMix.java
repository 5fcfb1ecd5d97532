package dev.skillsite.build;

import dev.skillsite.output.OutputLock;
import dev.skillsite.site.SiteGenerator;
import dev.skillsite.testing.PatchEdits;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Lab program (not a test): the pages side's answer to trigger edits. Applies {@code N} edits of
 * each trigger kind of {@link PatchEdits} (a quoted phrase added, one unquoted, one reworded, a
 * word of a Use-when clause) to a content folder whose site a cached build made, each tried by
 * {@link PatchBuild#patchOnly} with a routing seam that answers "nothing changed" (so what refuses
 * is the pages side), then put back (and patched back when it was patched). Prints per kind:
 * patched, and refused by reason (skill names cut to their first word).
 *
 * <pre>
 * java -cp target/test-classes:target/skillsite.jar dev.skillsite.build.TriggerPagesMix CONTENT SITE [N [SEED]]
 * </pre>
 */
public final class TriggerPagesMix {
  private TriggerPagesMix() {}

  public static void main(String[] args) throws Exception {
    Path content = Path.of(args[0]).toAbsolutePath();
    Path site = Path.of(args[1]).toAbsolutePath();
    int n = args.length > 2 ? Integer.parseInt(args[2]) : 20;
    long seed = args.length > 3 ? Long.parseLong(args[3]) : 27;
    PatchBuild pages =
        new PatchBuild(
            () -> new BuildPipeline(new SiteGenerator(Optional.empty()), Progress.NONE),
            Optional.empty(),
            OutputLock.Policy.build(),
            (at, key, c) -> RoutingSeam.Outcome.of(RoutingSeam.Patched.NOTHING));
    BuildOptions options = new BuildOptions(content, site, Optional.empty(), true, true);
    // the whole build first, by the same code and options (a CLI build's key would differ)
    pages.run(options, Optional.empty());
    PatchEdits edits = PatchEdits.ofPublished(content, site, seed);
    Map<String, Map<String, Integer>> tally = new TreeMap<>();
    for (PatchEdits.Kind kind :
        List.of(
            PatchEdits.Kind.TRIGGER_ADDED,
            PatchEdits.Kind.TRIGGER_REMOVED,
            PatchEdits.Kind.TRIGGER_REWORDED,
            PatchEdits.Kind.DESC_CLAUSE)) {
      for (int i = 0; i < n; i++) {
        Optional<PatchEdits.Edit> e = edits.make(kind);
        if (e.isEmpty()) {
          break;
        }
        String[] why = {""};
        Optional<BuildResult> r = pages.patchOnly(options, e.get().changed(), w -> why[0] = w);
        String outcome = r.isPresent() ? "patched" : "refused: " + why[0];
        System.out.println(kind + " " + i + ": " + outcome + " — " + e.get().what());
        tally
            .computeIfAbsent(kind.label(), k -> new TreeMap<>())
            .merge(
                outcome.replaceAll("[\\w.-]+-\\d+", "S").replaceAll("\\d+", "N"), 1, Integer::sum);
        e.get().restore();
        if (r.isPresent() && pages.patchOnly(options, e.get().changed(), w -> {}).isEmpty()) {
          e.get().redo(); // the site keeps the edit: so does the content
        }
      }
    }
    tally.forEach((k, v) -> System.out.println("| " + k + " | " + v + " |"));
  }
}
