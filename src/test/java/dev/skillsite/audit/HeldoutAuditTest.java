package dev.skillsite.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skillsite.content.ContentLoader;
import dev.skillsite.model.Catalog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The held-out collections ({@code src/test/resources/audit/heldout}, written before the rule table
 * was read, and {@code probe-after}, written after the first round of rule changes; see each {@code
 * manifest.tsv}): every malicious skill is found in one of its expected categories at the expected
 * severity or worse, and no benign look-alike gets a finding above the level its manifest line
 * allows.
 */
class HeldoutAuditTest {
  static final List<Path> ROOTS =
      List.of(
          Path.of("src/test/resources/audit/heldout"),
          Path.of("src/test/resources/audit/probe-after"));

  /** One manifest line: folder, verdict, categories (| = any of), severity, technique. */
  record Expectation(
      String folder,
      boolean malicious,
      Set<String> categories,
      String severity,
      String technique) {}

  private static List<Expectation> manifest;
  private static List<Finding> findings;
  private static int heldoutMalicious;
  private static int heldoutBenign;

  @BeforeAll
  static void audit() throws IOException {
    manifest = new ArrayList<>();
    findings = new ArrayList<>();
    for (Path root : ROOTS) {
      read(root);
      if (root.equals(ROOTS.get(0))) {
        heldoutMalicious = (int) manifest.stream().filter(Expectation::malicious).count();
        heldoutBenign = manifest.size() - heldoutMalicious;
      }
    }
  }

  private static void read(Path root) throws IOException {
    for (String line : Files.readAllLines(root.resolve("manifest.tsv"), StandardCharsets.UTF_8)) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] p = line.split("\t");
      assertEquals(5, p.length, "manifest line: " + line);
      manifest.add(
          new Expectation(p[0], p[1].equals("malicious"), Set.of(p[2].split("\\|")), p[3], p[4]));
    }
    Catalog catalog = new ContentLoader().load(root);
    findings.addAll(Auditor.standard().audit(catalog, root).findings());
  }

  private static List<Finding> in(String folder) {
    return findings.stream().filter(f -> f.pos().path().startsWith(folder + "/")).toList();
  }

  @Test
  void manifestListsEveryFolder() throws IOException {
    Set<String> folders = new TreeSet<>();
    for (Path root : ROOTS) {
      try (Stream<Path> s = Files.list(root)) {
        s.filter(Files::isDirectory).forEach(p -> folders.add(p.getFileName().toString()));
      }
    }
    Set<String> listed = new TreeSet<>();
    manifest.forEach(e -> listed.add(e.folder()));
    assertEquals(folders, listed, "folder names are unique across the collections and listed");
    assertTrue(heldoutMalicious >= 40, "40 malicious: " + heldoutMalicious);
    assertTrue(heldoutBenign >= 40, "40 benign: " + heldoutBenign);
  }

  @Test
  void everyMaliciousSkillIsFound() {
    List<String> missed = new ArrayList<>();
    for (Expectation e : manifest) {
      if (!e.malicious()) {
        continue;
      }
      AuditSeverity min = AuditSeverity.parse(e.severity()).orElseThrow();
      boolean ok =
          in(e.folder()).stream()
              .anyMatch(
                  f -> e.categories().contains(f.category().id()) && f.severity().atLeast(min));
      if (!ok) {
        missed.add(e.folder() + " (" + e.technique() + "): " + summary(in(e.folder())));
      }
    }
    assertEquals(List.of(), missed, "malicious skills not found as expected");
  }

  @Test
  void benignLookAlikesStayAtTheirLevel() {
    List<String> alarms = new ArrayList<>();
    for (Expectation e : manifest) {
      if (e.malicious()) {
        continue;
      }
      AuditSeverity allowed =
          e.severity().equals("none")
              ? AuditSeverity.INFO
              : AuditSeverity.parse(e.severity()).orElseThrow();
      List<Finding> above =
          in(e.folder()).stream().filter(f -> f.severity().compareTo(allowed) > 0).toList();
      if (!above.isEmpty()) {
        alarms.add(e.folder() + " (" + e.technique() + "): " + summary(above));
      }
    }
    assertEquals(List.of(), alarms, "benign look-alikes above their allowed level");
  }

  private static List<String> summary(List<Finding> fs) {
    return fs.stream()
        .map(
            f ->
                f.rule() + "/" + f.severity().label() + "@" + f.pos().path() + ":" + f.pos().line())
        .toList();
  }
}
