package dev.skillsite.check;

import dev.skillsite.model.Diagnostic;
import dev.skillsite.output.FileTrees;
import dev.skillsite.site.PublishedAsIs;
import dev.skillsite.site.SiteGenerator;
import dev.skillsite.site.SiteInput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code build} reports beyond loading: the site is generated into a scratch folder (deleted
 * afterwards) and its diagnostics are taken as they are, so {@code check} and {@code build} never
 * disagree about broken relative links and anchors, missing or unpublishable files and images, and
 * links that leave the skill folder, and the files of {@code static/} that are not published.
 */
final class SiteBuildRule implements Rule {
  private final SiteGenerator generator;

  SiteBuildRule(SiteGenerator generator) {
    this.generator = generator;
  }

  @Override
  public List<Diagnostic> check(CheckContext context) {
    Path scratch = null;
    try {
      scratch = Files.createTempDirectory("skillsite-check-");
      Path out = scratch.resolve("site");
      SiteInput input = new SiteInput(context.catalog(), Map.of(), Optional.of(context.root()));
      List<Diagnostic> found = new ArrayList<>(generator.generate(input, out).diagnostics());
      found.addAll(new PublishedAsIs(context.root()).copyInto(out, Optional.empty()));
      return found;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      if (scratch != null) {
        delete(scratch);
      }
    }
  }

  private static void delete(Path dir) {
    try {
      FileTrees.delete(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("could not delete the scratch site " + dir, e);
    }
  }
}
