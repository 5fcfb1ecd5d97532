package dev.skillsite.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skillsite.output.OutputLock;
import dev.skillsite.site.SiteGenerator;
import dev.skillsite.testing.SiteFingerprint;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plain {@code build} with the cache (no {@code --changed}): the content stamps the last build
 * recorded tell the changed files; an edit of a skill's non-Markdown file is patched in place (the
 * site then is the clean build's), a file added or deleted builds whole with the patch's reason, an
 * untouched tree is a patch of nothing, and an edit keeping size and time within the racy window is
 * still seen.
 */
class StampedBuildTest {
  @TempDir Path tmp;

  @Test
  void plainBuildsFindTheirChangesByStamps() throws IOException {
    Path content = tmp.resolve("content");
    for (String s : List.of("alpha", "beta", "gamma")) {
      write(
          content.resolve("skills/" + s + "/SKILL.md"),
          "---\nname: "
              + s
              + "\ndescription: Use when the user asks to "
              + s
              + " a report or mentions "
              + s
              + " files.\n---\n# "
              + s
              + "\n\nRun `scripts/run.sh`.\n");
      write(content.resolve("skills/" + s + "/scripts/run.sh"), "echo " + s + "\n");
      write(content.resolve("skills/" + s + "/LICENSE.txt"), "License of " + s + ".\n");
    }
    FileTime hourAgo = FileTime.from(Instant.now().minus(1, ChronoUnit.HOURS));
    try (Stream<Path> all = Files.walk(content)) {
      for (Path p : all.toList()) {
        Files.setLastModifiedTime(p, hourAgo);
      }
    }
    Path out = tmp.resolve("site");

    StampedBuild.Outcome first = build(content, out);
    assertFalse(first.result().patch().taken());
    assertEquals("no content stamps from the last build", first.result().patch().reason());

    StampedBuild.Outcome nothing = build(content, out);
    assertTrue(nothing.result().patch().taken(), nothing.result().patch().toString());
    assertEquals(0, nothing.result().patch().skills());

    Path license = content.resolve("skills/beta/LICENSE.txt");
    Files.writeString(license, "Another line.\n", StandardOpenOption.APPEND);
    StampedBuild.Outcome edited = build(content, out);
    assertTrue(edited.result().patch().taken(), edited.result().patch().toString());
    assertEquals(1, edited.result().patch().skills());
    assertEquals(List.of(license.toRealPath()), edited.detected().orElseThrow().changed().get());
    assertClean(content, out);
    assertEquals(0, build(content, out).result().patch().skills()); // the patch's stamps kept

    Path added = write(content.resolve("skills/gamma/scripts/extra.sh"), "echo extra\n");
    StampedBuild.Outcome adding = build(content, out);
    assertFalse(adding.result().patch().taken());
    // a script added beside SKILL.md is a file the pages side can add (wt-extras), but the audit
    // reads scripts: its findings change, and the audit pages are not patched
    assertTrue(
        adding.result().patch().reason().contains("audit findings changed"),
        adding.result().patch().reason());
    assertClean(content, out);

    Files.delete(added);
    StampedBuild.Outcome deleting = build(content, out);
    assertFalse(deleting.result().patch().taken());
    assertTrue(
        deleting.result().patch().reason().contains("audit findings changed"),
        deleting.result().patch().reason());
    assertClean(content, out);
  }

  @Test
  void anEditKeepingSizeAndTimeRightAfterABuildIsPatched() throws IOException {
    Path content = tmp.resolve("content");
    write(
        content.resolve("skills/alpha/SKILL.md"),
        "---\nname: alpha\ndescription: Use when the user asks to alpha a report.\n---\n# Alpha\n");
    Path run = write(content.resolve("skills/alpha/scripts/run.sh"), "echo 1\n");
    Path out = tmp.resolve("site");
    build(content, out); // the stamps are taken within 2 s of the writes: racy
    FileTime was = Files.getLastModifiedTime(run);
    byte[] archive = Files.readAllBytes(out.resolve("skills/alpha/alpha.tar.gz"));
    Files.writeString(run, "echo 2\n"); // the same size, the same file
    Files.setLastModifiedTime(run, was); // and the same time: an edit in the same clock tick
    StampedBuild.Outcome r = build(content, out);
    assertTrue(r.result().patch().taken(), r.result().patch().toString());
    assertEquals(1, r.result().patch().skills());
    assertFalse(
        java.util.Arrays.equals(
            archive, Files.readAllBytes(out.resolve("skills/alpha/alpha.tar.gz"))));
    assertClean(content, out);
  }

  @Test
  void aPlainBuildAfterAChangedPatchFindsOnlyTheLaterChanges() throws IOException {
    Path content = tmp.resolve("content");
    for (String s : List.of("alpha", "beta")) {
      write(
          content.resolve("skills/" + s + "/SKILL.md"),
          "---\nname: "
              + s
              + "\ndescription: Use when the user asks to "
              + s
              + " a report.\n---\n");
      write(content.resolve("skills/" + s + "/LICENSE.txt"), "License of " + s + ".\n");
    }
    FileTime hourAgo = FileTime.from(Instant.now().minus(1, ChronoUnit.HOURS));
    try (Stream<Path> all = Files.walk(content)) {
      for (Path p : all.toList()) {
        Files.setLastModifiedTime(p, hourAgo);
      }
    }
    Path out = tmp.resolve("site");
    build(content, out);
    Path alpha = content.resolve("skills/alpha/LICENSE.txt");
    Path beta = content.resolve("skills/beta/LICENSE.txt");

    Files.writeString(alpha, "Another line.\n", StandardOpenOption.APPEND); // racy: digested
    StampedBuild.Outcome told =
        StampedBuild.run(patch(), options(content, out), false, Optional.of(List.of(alpha)));
    assertTrue(told.result().patch().taken(), told.result().patch().toString());
    assertTrue(Files.isRegularFile(out.resolve(PatchedStamps.PATH)));

    Files.writeString(beta, "Another line.\n", StandardOpenOption.APPEND);
    StampedBuild.Outcome plain = build(content, out);
    assertTrue(plain.result().patch().taken(), plain.result().patch().toString());
    assertEquals(List.of(beta.toRealPath()), plain.detected().orElseThrow().changed().get());
    assertClean(content, out);

    // told again, then the told file edited in the same clock tick keeping its size: seen
    Files.writeString(alpha, "Line two.\n", StandardOpenOption.APPEND);
    assertTrue(
        StampedBuild.run(patch(), options(content, out), false, Optional.of(List.of(alpha)))
            .result()
            .patch()
            .taken());
    FileTime was = Files.getLastModifiedTime(alpha);
    String text = Files.readString(alpha);
    Files.writeString(alpha, text.replace("Line two.", "Line 2222."));
    Files.setLastModifiedTime(alpha, was);
    StampedBuild.Outcome again = build(content, out);
    assertEquals(List.of(alpha.toRealPath()), again.detected().orElseThrow().changed().get());
    assertClean(content, out);
  }

  @Test
  void aGoneFileTheSiteWasNeverMadeFromIsNoChangeWhateverItsName() throws IOException {
    Path content = tmp.resolve("content");
    write(
        content.resolve("skills/alpha/SKILL.md"),
        "---\nname: alpha\ndescription: Use when the user asks to alpha a report.\n---\n# A\n");
    Path license = write(content.resolve("skills/alpha/LICENSE.txt"), "License of alpha.\n");
    Path notes = write(content.resolve("skills/alpha/notes.txt"), "Notes.\n");
    Path out = tmp.resolve("site");
    build(content, out);

    // saves through a temp file renamed over the saved one (sed -i, mktemp): a watcher names both
    for (String name : List.of("sedQ7xk2P", ".edit.Ab12Cd", "LICENSE.txt.new")) {
      Path temp = write(license.resolveSibling(name), "License of alpha, " + name + ".\n");
      Files.move(temp, license, StandardCopyOption.REPLACE_EXISTING);
      StampedBuild.Outcome saved =
          StampedBuild.run(
              patch(), options(content, out), false, Optional.of(List.of(temp, license)));
      assertTrue(saved.result().patch().taken(), name + ": " + saved.result().patch());
      assertEquals(1, saved.result().patch().skills());
      assertClean(content, out);
    }
    Path gone = content.resolve("skills/alpha/never-here.txt");
    StampedBuild.Outcome nothing =
        StampedBuild.run(patch(), options(content, out), false, Optional.of(List.of(gone)));
    assertTrue(nothing.result().patch().taken(), nothing.result().patch().toString());
    assertEquals(0, nothing.result().patch().skills());

    // a file the site was made from, deleted, is a change (its archive lists it no more)
    Files.delete(notes);
    StampedBuild.run(patch(), options(content, out), false, Optional.of(List.of(notes)));
    assertClean(content, out);

    // and so is one a patch added that the stamps never saw (the patched stamps full or lost):
    // the archive the patch wrote lists it
    Path extra = write(content.resolve("skills/alpha/extra.txt"), "Extra.\n");
    assertTrue(
        StampedBuild.run(patch(), options(content, out), false, Optional.of(List.of(extra)))
            .result()
            .patch()
            .taken());
    Files.deleteIfExists(out.resolve(PatchedStamps.PATH));
    Files.delete(extra);
    StampedBuild.run(patch(), options(content, out), false, Optional.of(List.of(extra)));
    assertClean(content, out);
  }

  @Test
  void aSiteBuiltWithPublishWithErrorsIsPatchedWithoutItUnlessItHadErrors() throws IOException {
    Path content = tmp.resolve("content");
    write(
        content.resolve("skills/alpha/SKILL.md"),
        "---\nname: alpha\ndescription: Use when the user asks to alpha a report.\n---\n# A\n");
    Path license = write(content.resolve("skills/alpha/LICENSE.txt"), "License.\n");
    Path out = tmp.resolve("site");
    // serve's first build publishes with errors, its rebuilds do not
    patch().run(new BuildOptions(content, out, Optional.empty(), true, true), Optional.empty());
    Files.writeString(license, "More.\n", StandardOpenOption.APPEND);
    BuildResult r =
        patch()
            .run(
                new BuildOptions(content, out, Optional.empty(), false, true),
                Optional.of(List.of(license)));
    assertTrue(r.patch().taken(), r.patch().toString());
    assertClean(content, out);

    Path broken = write(content.resolve("skills/broken/SKILL.md"), "---\nname: [\n---\n");
    BuildResult withErrors =
        patch().run(new BuildOptions(content, out, Optional.empty(), true, true), Optional.empty());
    assertTrue(withErrors.published());
    assertTrue(withErrors.diagnostics().stream().anyMatch(d -> d.isError()));
    Files.writeString(license, "Again.\n", StandardOpenOption.APPEND);
    for (boolean publishWithErrors : new boolean[] {true, false}) {
      BuildResult again =
          patch()
              .run(
                  new BuildOptions(content, out, Optional.empty(), publishWithErrors, true),
                  Optional.of(List.of(license)));
      assertFalse(again.patch().taken(), "a site published with errors is built whole");
    }
    assertTrue(Files.exists(broken));
  }

  /**
   * A reference deleted or added, found by the stamps (refs): the deleted file is told as a
   * reference the last build read (not "not a regular file"), the added one as a reference of its
   * skill; both patched (refs3), one in a hidden folder built whole; the site the clean build's.
   */
  @Test
  void aReferenceDeletedOrAddedIsFoundByStampsAndNamed() throws IOException {
    Path content = tmp.resolve("content");
    for (String s : List.of("alpha", "beta")) {
      write(
          content.resolve("skills/" + s + "/SKILL.md"),
          "---\nname: "
              + s
              + "\ndescription: Use when the user asks to "
              + s
              + " a report.\n---\n# "
              + s
              + "\n\nSee the guide.\n");
      write(content.resolve("skills/" + s + "/references/guide.md"), "# Guide\n\nOf " + s + ".\n");
      write(content.resolve("skills/" + s + "/LICENSE.txt"), "License of " + s + ".\n");
    }
    FileTime hourAgo = FileTime.from(Instant.now().minus(1, ChronoUnit.HOURS));
    try (Stream<Path> all = Files.walk(content)) {
      for (Path p : all.toList()) {
        Files.setLastModifiedTime(p, hourAgo);
      }
    }
    Path out = tmp.resolve("site");
    build(content, out);
    Path gone = content.resolve("skills/alpha/references/guide.md");
    Files.delete(gone);
    StampedBuild.Outcome deleting = build(content, out);
    // told as a reference deleted (not "not a regular file"): patched since refs3
    assertTrue(deleting.result().patch().taken(), deleting.result().patch().toString());
    assertClean(content, out);
    write(content.resolve("skills/beta/references/more.md"), "# More\n\nText.\n");
    StampedBuild.Outcome adding = build(content, out);
    assertTrue(adding.result().patch().taken(), adding.result().patch().toString());
    assertClean(content, out);
    // in a hidden folder: named, and built whole
    write(content.resolve("skills/beta/.drafts/more.md"), "# Draft\n");
    StampedBuild.Outcome hidden = build(content, out);
    assertFalse(hidden.result().patch().taken());
    assertTrue(
        hidden.result().patch().reason().contains("hidden or skipped folder"),
        hidden.result().patch().reason());
    assertClean(content, out);
  }

  private void assertClean(Path content, Path out) throws IOException {
    Path clean = Files.createTempDirectory(tmp, "clean").resolve("site");
    patch().run(options(content, clean), Optional.empty());
    assertEquals(
        List.of(), SiteFingerprint.differences(SiteFingerprint.of(clean), SiteFingerprint.of(out)));
  }

  private static Path write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return file;
  }

  private static BuildOptions options(Path content, Path site) {
    return new BuildOptions(content, site, Optional.empty(), true, true);
  }

  private static PatchBuild patch() {
    return new PatchBuild(
        () -> new BuildPipeline(new SiteGenerator(Optional.empty()), Progress.NONE),
        Optional.empty(),
        OutputLock.Policy.build());
  }

  private static StampedBuild.Outcome build(Path content, Path out) throws IOException {
    StampedBuild.Outcome r =
        StampedBuild.run(patch(), options(content, out), false, Optional.empty());
    assertTrue(r.result().published());
    return r;
  }
}
