package dev.skillsite.build;

import dev.skillsite.output.OutputLocation;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@code build} as the command runs it: told the changed files ({@code --changed}), the patch gets
 * them; told nothing, with the cache, the last build's {@link ContentStamps} are compared with the
 * content tree and the files that differ (edited, added, deleted) go to the patch, which builds
 * whole, with its reason, where it cannot prove the edit confined. A patched site's stamps are
 * written after it is published: the files read again are then stamped as they are. Told the files,
 * the patched ones' stamps are kept beside the last build's ({@link PatchedStamps}), so the next
 * plain build finds only later changes. Stateless.
 */
public final class StampedBuild {
  private StampedBuild() {}

  /** The build's result, and the comparison of stamps when one was made. */
  public record Outcome(BuildResult result, Optional<ContentStamps.Comparison> detected) {}

  private static final String STRICT =
      "--strict counts every skill's warnings; a patch reads only the changed skills";

  /**
   * {@link PatchBuild#patchOnly} ({@code serve --watch}), the patched files' stamps kept as {@code
   * run} keeps them for {@code --changed}.
   */
  public static Optional<BuildResult> patchOnly(
      PatchBuild patches, BuildOptions options, List<Path> changed, Consumer<String> refused)
      throws IOException {
    Optional<PatchedStamps.Taken> taken = Optional.empty();
    Path out = options.out();
    if (options.cache()) {
      out = OutputLocation.check(options.out(), options.content()).out();
      taken = PatchedStamps.before(out, options.content(), changed);
    }
    Optional<BuildResult> r = patches.patchOnly(options, changed, refused);
    if (r.isPresent() && taken.isPresent()) {
      taken.get().after(out);
    }
    return r;
  }

  /**
   * Builds {@code options}' site with {@code patches} (whose {@code --strict} is {@code strict}),
   * told {@code changed} or finding them.
   */
  public static Outcome run(
      PatchBuild patches, BuildOptions options, boolean strict, Optional<List<Path>> changed)
      throws IOException {
    if (!options.cache()) {
      return new Outcome(patches.run(options, changed), Optional.empty());
    }
    if (changed.isPresent()) { // the patched files' stamps kept: a plain build compares the rest
      Path out = OutputLocation.check(options.out(), options.content()).out();
      Optional<PatchedStamps.Taken> taken =
          strict ? Optional.empty() : PatchedStamps.before(out, options.content(), changed.get());
      BuildResult r = patches.run(options, changed);
      if (r.patch().taken() && taken.isPresent()) {
        taken.get().after(out);
      }
      return new Outcome(r, Optional.empty());
    }
    if (strict) { // the walk would be wasted: a patch does not know every skill's warnings
      BuildResult r = patches.run(options, Optional.empty());
      return new Outcome(
          r.withPatch(new BuildResult.Patch(false, STRICT, 0, 0, "")), Optional.empty());
    }
    Path out = OutputLocation.check(options.out(), options.content()).out();
    ContentStamps.Comparison found = ContentStamps.compare(out, options.content());
    BuildResult r = patches.run(options, found.changed());
    if (found.changed().isEmpty()) {
      r = r.withPatch(new BuildResult.Patch(false, found.why(), 0, 0, ""));
    } else if (r.patch().taken()) {
      found.now().orElseThrow().write(out);
      PatchedStamps.delete(out); // of the stamps just replaced
    }
    return new Outcome(r, Optional.of(found));
  }
}
