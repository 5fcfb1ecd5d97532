package dev.skillsite.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skillsite.cache.IndexAnswers;
import dev.skillsite.cache.RecordTable;
import dev.skillsite.content.ContentLoader;
import dev.skillsite.model.Catalog;
import dev.skillsite.model.Skill;
import dev.skillsite.model.SkillId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The health side's decision: a re-ranked trigger changes what the routing health shows exactly
 * when, for a skill that has it, the skill it routes to first or (for a listed trigger) the
 * collision as printed moves; scores that move below the printed precision, or a runner-up of an
 * unlisted trigger, change nothing; what it cannot read it refuses.
 */
class HealthProbesTest {
  @TempDir Path tmp;

  @Test
  void onlyWhatTheHealthShowsCounts() throws IOException {
    Path content = tmp.resolve("content");
    skill(
        content,
        "alpha",
        "Deploys apps to a cluster. Use when shipping containers to a Kubernetes cluster, or when"
            + " the user asks to \\\"deploy the app\\\".");
    skill(
        content,
        "beta",
        "Builds apps from source. Use when the user asks to \\\"build the app\\\".");
    Catalog catalog = new ContentLoader().load(content);
    Path file = tmp.resolve("health.tab");
    HealthProbes.write(file, catalog);
    Skill alpha = catalog.skills().get(0);
    SkillId a = alpha.id();
    SkillId b = catalog.skills().get(1).id();
    String listed = alpha.triggers().phrases().get(0);
    List<String> all = alpha.triggers().all();
    String unlisted = all.get(all.size() - 1);
    assertFalse(alpha.triggers().phrases().contains(unlisted), all.toString());
    try (RecordTable table = RecordTable.open(file).orElseThrow()) {
      assertEquals(List.of(new HealthProbes.Probe(a, true)), HealthProbes.probes(table, listed));
      assertEquals(List.of(new HealthProbes.Probe(a, false)), HealthProbes.probes(table, unlisted));
      assertEquals(List.of(), HealthProbes.probes(table, "no skill has this"));

      // scores moved below two decimals: the same
      assertEquals(
          Optional.empty(),
          changed(table, listed, ranked(a, 2.001, b, 1.2), ranked(a, 2.003, b, 1.201)));
      // the runner-up comes within 10 % of a listed trigger's owner: ambiguous now
      assertTrue(
          changed(table, listed, ranked(a, 2.0, b, 1.7), ranked(a, 2.0, b, 1.85))
              .orElseThrow()
              .contains(a.value()));
      // a collision's printed score moves
      assertTrue(
          changed(table, listed, ranked(b, 2.0, a, 1.5), ranked(b, 2.0, a, 1.6)).isPresent());
      // the same for an unlisted trigger (only the first skill counts): unchanged
      assertEquals(
          Optional.empty(),
          changed(table, unlisted, ranked(a, 2.0, b, 1.7), ranked(a, 2.0, b, 1.95)));
      // the first skill changes, or the router abstains now
      assertTrue(
          changed(table, unlisted, ranked(a, 2.0, b, 1.7), ranked(b, 2.1, a, 2.0)).isPresent());
      assertTrue(changed(table, unlisted, ranked(a, 2.0, b, 1.7), List.of()).isPresent());
      // a ranked phrase the state has no record of (every ranked phrase was probed: damage) and
      // a phrase not ranked before are refused
      assertTrue(
          changed(table, "no skill has this", ranked(a, 1, b, 1), ranked(b, 1, a, 0.5))
              .isPresent());
      assertTrue(
          HealthProbes.changed(table, Map.of(), Map.of(listed, ranked(a, 2.0, b, 1.0)))
              .isPresent());
    }
  }

  private static Optional<String> changed(
      RecordTable table,
      String q,
      List<IndexAnswers.Ranked> before,
      List<IndexAnswers.Ranked> after)
      throws IOException {
    return HealthProbes.changed(table, Map.of(q, before), Map.of(q, after));
  }

  private static List<IndexAnswers.Ranked> ranked(SkillId x, double sx, SkillId y, double sy) {
    return List.of(new IndexAnswers.Ranked(x, sx), new IndexAnswers.Ranked(y, sy));
  }

  private static void skill(Path content, String name, String description) throws IOException {
    Path dir = content.resolve("skills").resolve(name);
    Files.createDirectories(dir);
    Files.writeString(
        dir.resolve("SKILL.md"),
        "---\nname: "
            + name
            + "\ndescription: \""
            + description
            + "\"\n---\n\n# "
            + name
            + "\n\nBody text.\n");
  }
}
