package dev.skillsite.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.skillsite.model.Diagnostic;
import dev.skillsite.site.RenderedDiagnostics;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Our demo collection passes {@code check --strict} for every target. */
class DemoContentTest {
  @ParameterizedTest
  @EnumSource(Target.class)
  void demoContentHasNoFindings(Target target) throws IOException {
    List<String> findings =
        new Checker(RouterProbe.factory(), RenderedDiagnostics.standard())
                .check(
                    Path.of("content"),
                    new CheckOptions(target, CheckOptions.DEFAULT_LISTING_BUDGET))
                .findings()
                .stream()
                .map(Diagnostic::format)
                .toList();
    assertEquals(List.of(), findings);
  }
}
