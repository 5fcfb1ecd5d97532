package dev.skillsite.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skillsite.model.Catalog;
import dev.skillsite.model.Diagnostic;
import dev.skillsite.model.SourcePos;
import dev.skillsite.model.Triggers;
import dev.skillsite.testing.TestSkills;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code check} reports what the site's rendering finds, as the renderer it is given says, and
 * hands it the catalog the loader read (triggers extracted once, at load).
 */
class RenderRuleTest {
  @TempDir Path tmp;

  @Test
  void theRenderersDiagnosticsAreFindings() throws IOException {
    Path content = tmp.resolve("content");
    TestSkills.write(content, "alpha", "Use when the user asks to \"brew green tea\".", "Steep.");
    Diagnostic broken =
        Diagnostic.warning(
            SourcePos.of("skills/alpha/SKILL.md"), "link-broken", "link to a missing file: x.md");
    List<Catalog> seen = new ArrayList<>();
    Checker checker =
        new Checker(
            ProbeFactory.none(),
            (catalog, root) -> {
              seen.add(catalog);
              return List.of(broken);
            });

    CheckReport report = checker.check(content, CheckOptions.DEFAULTS);

    assertTrue(report.findings().contains(broken), report.findings().toString());
    assertEquals(1, seen.size(), "rendered once");
    assertNotEquals(Triggers.NONE, seen.get(0).skills().get(0).triggers());
  }
}
