package dev.skillsite.perf;

import dev.skillsite.build.BuildOptions;
import dev.skillsite.build.BuildPipeline;
import dev.skillsite.build.BuildResult;
import dev.skillsite.build.PatchBuild;
import dev.skillsite.build.Progress;
import dev.skillsite.build.StampedBuild;
import dev.skillsite.output.OutputLock;
import dev.skillsite.site.SiteGenerator;
import dev.skillsite.testing.PatchEdits;
import dev.skillsite.testing.PatchTally;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The lab programs' long-lived builder ({@link WarmPatch}, {@link HandPatch}): patches of a cached
 * site as a resident builder ({@code serve --watch}, {@code build --watch}) makes them, folding in
 * idle time, with {@code templates/} of the working folder when there is one (as the site's build
 * used it). A patch is never a whole build: a refused one returns empty and says why.
 */
record Resident(PatchBuild patches, BuildOptions options) {

  /** The trigger edits that warm a resident (bench/patch-mix's trigger kinds). */
  static final List<String> TRIGGER_KINDS =
      List.of("TRIGGER_ADDED", "TRIGGER_REMOVED", "TRIGGER_REWORDED");

  static Resident of(Path content, Path site, int maxSkills) {
    Optional<Path> templates = Optional.of(Path.of("templates")).filter(Files::isDirectory);
    BuildOptions options =
        new BuildOptions(
            content.toAbsolutePath(),
            site.toAbsolutePath(),
            Optional.empty(),
            true,
            true,
            maxSkills);
    PatchBuild patches =
        new PatchBuild(
                () -> new BuildPipeline(new SiteGenerator(templates), Progress.NONE),
                templates,
                OutputLock.Policy.build())
            .foldingInIdle();
    return new Resident(patches, options);
  }

  /** The patch of {@code changed}, or empty with why not added to {@code why}. */
  Optional<BuildResult> patch(List<Path> changed, List<String> why) throws Exception {
    return StampedBuild.patchOnly(patches, options, changed, why::add);
  }

  /**
   * Warms the JVM by {@code rounds} rounds of bench/patch-mix's trigger edits of seed 27, each
   * patched, put back and patched back (not counted); other kinds are put back unpatched.
   */
  void warmUp(int rounds) throws Exception {
    if (rounds <= 0) {
      return;
    }
    PatchEdits.ofPublished(options.content(), options.out(), 27)
        .rounds(
            rounds,
            new PatchTally(),
            (edit, i) -> {
              if (!TRIGGER_KINDS.contains(edit.kind().name())) {
                edit.restore();
                return;
              }
              List<String> why = new ArrayList<>();
              Optional<BuildResult> r = patch(edit.changed(), why);
              System.out.printf(
                  "warm-up %s: %s%n", edit.kind(), r.isPresent() ? "patched" : "refused " + why);
              edit.restore();
              if (r.isPresent()) {
                patch(edit.changed(), why);
              }
            });
  }

  /** The machine's load (the one-minute average), to print beside a figure. */
  static String load() throws IOException {
    return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
  }
}
