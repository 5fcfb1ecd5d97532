package dev.skillsite.content;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.skillsite.model.Diagnostic;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SkillScannerTest {
  @TempDir Path tmp;

  @Test
  void aHundredThousandSkillsInOneFolderAreCutToTheLimitWithOneError() throws IOException {
    Path skills = Files.createDirectories(tmp.resolve("skills"));
    byte[] text =
        "---\nname: x\ndescription: y\n---\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    for (int i = 0; i < 100_000; i++) {
      Path dir =
          Files.createDirectory(skills.resolve(String.format(java.util.Locale.ROOT, "s%06d", i)));
      Files.write(dir.resolve("SKILL.md"), text);
    }
    ScanResult scan =
        assertTimeoutPreemptively(
            Duration.ofSeconds(60), () -> new SkillScanner().scan(tmp.toRealPath()));

    assertEquals(SkillScanner.MAX_SKILLS, scan.skillFiles().size());
    assertEquals("skills/s000000/SKILL.md", scan.skillFiles().get(0));
    assertEquals(
        List.of(
            "skills/s010000/SKILL.md:1:1: error: the content holds 100000 skills; the limit is 10000, "
                + "so this one and the 89999 after it in path order are not built "
                + "(hint: build --max-skills N raises the limit)"),
        scan.diagnostics().stream().map(Diagnostic::format).toList());
  }
}
