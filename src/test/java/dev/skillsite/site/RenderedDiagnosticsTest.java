package dev.skillsite.site;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.skillsite.content.ContentLoader;
import dev.skillsite.model.Catalog;
import dev.skillsite.model.Diagnostic;
import dev.skillsite.testing.TestSkills;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code check}'s view of the site: the diagnostics a written site has, without writing one. */
class RenderedDiagnosticsTest {
  @TempDir Path tmp;

  @Test
  void inMemoryRenderingFindsWhatWritingTheSiteFinds() throws IOException {
    Path content = tmp.resolve("content");
    TestSkills.write(
        content,
        "alpha",
        "Use when the user asks to \"brew green tea\".",
        "See [the grind](../beta/SKILL.md#no-such-heading), [notes](references/missing.md)"
            + " and ![a cup](cup.png).");
    TestSkills.write(
        content, "beta", "Use when the user asks to \"grind coffee\".", "## Grind size\n\nFine.");
    Catalog catalog = new ContentLoader().load(content);
    SiteGenerator generator = new SiteGenerator(Optional.empty());

    List<Diagnostic> inMemory = new RenderedDiagnostics(generator).diagnostics(catalog, content);
    Path site = tmp.resolve("site");
    List<Diagnostic> written =
        generator
            .generate(new SiteInput(catalog, Map.of(), Optional.of(content)), site)
            .diagnostics();

    assertEquals(3, inMemory.size(), inMemory.toString());
    assertEquals(written, inMemory);
  }
}
