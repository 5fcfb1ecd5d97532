package dev.skillsite.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.skillsite.model.Diagnostic;
import dev.skillsite.site.RenderedDiagnostics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The findings on two small real collections, pinned as reviewed golden files; checking twice
 * agrees.
 */
@Tag("corpus")
class CorpusGoldenTest {
  @ParameterizedTest
  @ValueSource(strings = {"elixir", "anthropic"})
  void findingsOnRealCorpusMatchGolden(String corpus) throws IOException {
    Path root = Path.of("../shared/corpora", corpus);
    assumeTrue(Files.isDirectory(root), "corpus not present: " + root);
    Checker checker = new Checker(RouterProbe.factory(), RenderedDiagnostics.standard());
    List<Diagnostic> first = checker.check(root, CheckOptions.DEFAULTS).findings();
    Golden.assertMatches(
        Path.of("src/test/resources/check/golden", corpus + ".txt"), Golden.masked(first));
    assertEquals(
        first,
        checker.check(root, CheckOptions.DEFAULTS).findings(),
        "same content, same findings");
  }
}
