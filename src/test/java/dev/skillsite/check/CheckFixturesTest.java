package dev.skillsite.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skillsite.model.Diagnostic;
import dev.skillsite.site.RenderedDiagnostics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every folder under {@code src/test/resources/check/} except {@code golden} is a collection in
 * {@code content/} that trips one rule (routing checked with the site's router) (or, for {@code
 * clean}, none), with optional {@code args.txt} ({@code --target T}, {@code --listing-budget N})
 * and its findings in {@code expected.txt}.
 */
class CheckFixturesTest {
  static final Path FIXTURES = Path.of("src/test/resources/check");

  /** Fixtures named for a rule with several codes. */
  static final java.util.Map<String, Set<String>> FAMILIES =
      java.util.Map.of(
          "broken-link", Set.of("link-missing", "anchor-missing"),
          "listing-budget", Set.of("listing-over-budget", "listing-cut"),
          // the types of metadata and allowed-tools under the Agent Skills specification
          "spec-fields",
              Set.of(
                  "invalid-metadata",
                  "metadata-not-string",
                  "allowed-tools-not-string",
                  "allowed-tools-commas",
                  "invalid-allowed-tools"),
          "unreachable-skill", Set.of("unreachable-skill", "trigger-collision"),
          // triggers too unspecific to fire any skill on their own: the skill is unreachable,
          // nothing collides
          "generic-triggers", Set.of("unreachable-skill"));

  @TestFactory
  Stream<DynamicTest> eachFixtureGivesItsExpectedFindings() throws IOException {
    List<Path> cases = fixtures();
    assertTrue(cases.size() >= 10, "fixtures found: " + cases);
    return cases.stream()
        .map(
            dir ->
                DynamicTest.dynamicTest(
                    dir.getFileName().toString(),
                    () -> {
                      List<Diagnostic> findings = check(dir);
                      Golden.assertMatches(dir.resolve("expected.txt"), findings);
                    }));
  }

  @Test
  void cleanCollectionHasNoFindings() throws IOException {
    assertEquals(List.of(), check(FIXTURES.resolve("clean")));
  }

  @Test
  void fixtureNamedForARuleTripsOnlyThatRule() throws IOException {
    for (Path dir : fixtures()) {
      String name = dir.getFileName().toString();
      if (name.equals("clean") || name.startsWith("claude-")) {
        continue;
      }
      Set<String> codes = check(dir).stream().map(Diagnostic::code).collect(Collectors.toSet());
      assertFalse(codes.isEmpty(), name + " trips nothing");
      Set<String> allowed = FAMILIES.getOrDefault(name, Set.of(name));
      assertTrue(allowed.containsAll(codes), name + " trips " + codes);
    }
  }

  static List<Diagnostic> check(Path dir) throws IOException {
    return new Checker(RouterProbe.factory(), RenderedDiagnostics.standard())
        .check(dir.resolve("content"), options(dir))
        .findings();
  }

  static CheckOptions options(Path dir) throws IOException {
    Path args = dir.resolve("args.txt");
    Target target = Target.AGENTSKILLS;
    int budget = CheckOptions.DEFAULT_LISTING_BUDGET;
    if (Files.exists(args)) {
      String[] words = Files.readString(args, StandardCharsets.UTF_8).strip().split("\\s+");
      for (int i = 0; i + 1 < words.length; i += 2) {
        switch (words[i]) {
          case "--target" -> target = Target.parse(words[i + 1]).orElseThrow();
          case "--listing-budget" -> budget = Integer.parseInt(words[i + 1]);
          default -> throw new IllegalArgumentException("unknown fixture argument " + words[i]);
        }
      }
    }
    return new CheckOptions(target, budget);
  }

  static List<Path> fixtures() throws IOException {
    try (Stream<Path> dirs = Files.list(FIXTURES)) {
      return dirs.filter(d -> Files.isDirectory(d.resolve("content"))).sorted().toList();
    }
  }
}
