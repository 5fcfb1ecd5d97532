package dev.skillsite.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skillsite.content.ContentLoader;
import dev.skillsite.model.Catalog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Findings kept by file content: a second audit scans only what changed, and finds the same. */
class AuditMemoTest {
  private static final Path FIXTURES = Path.of("src/test/resources/audit/fixtures");

  @TempDir Path tmp;

  private final Auditor auditor = Auditor.standard();

  private List<Finding> audit(Path root, AuditMemo memo) throws IOException {
    Catalog catalog = new ContentLoader().load(root);
    return auditor.audit(catalog, root, Optional.empty(), Optional.of(memo)).findings();
  }

  private static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path p : files.filter(Files::isRegularFile).toList()) {
        Path q = to.resolve(from.relativize(p).toString());
        Files.createDirectories(q.getParent());
        Files.copy(p, q);
      }
    }
  }

  @Test
  void aSecondAuditTakesEveryUnchangedFileFromTheMemoAndFindsTheSame() throws IOException {
    Path root = tmp.resolve("c");
    copy(FIXTURES, root);
    Catalog catalog = new ContentLoader().load(root);
    List<Finding> plain = auditor.audit(catalog, root).findings();
    AuditMemo first = AuditMemo.empty("k");
    assertEquals(plain, audit(root, first), "a memo changes nothing on a first audit");
    assertEquals(0, first.reused());
    Path file = tmp.resolve("memo.bin");
    first.write(file);

    AuditMemo second = AuditMemo.read(file, "k");
    assertEquals(plain, audit(root, second), "the same findings from the memo");
    assertEquals(first.size(), second.reused(), "no file scanned again");
    assertTrue(second.size() > 60);

    // one file changes: only it is scanned again, and its new findings are the ones reported
    Path changed = root.resolve("weather-now/SKILL.md");
    Files.writeString(
        changed,
        "---\nname: weather-now\ndescription: Shows the weather.\n---\nAsk wttr.in for it.\n",
        StandardCharsets.UTF_8);
    second.write(file);
    AuditMemo third = AuditMemo.read(file, "k");
    List<Finding> after = audit(root, third);
    assertEquals(third.size() - 1, third.reused(), "only the changed file is scanned");
    assertEquals(auditor.audit(new ContentLoader().load(root), root).findings(), after);
    assertTrue(after.stream().noneMatch(f -> f.pos().path().equals("weather-now/SKILL.md")));
  }

  @Test
  void aMemoOfOtherCodeOrDamagedIsNotUsed() throws IOException {
    Path root = tmp.resolve("c");
    copy(FIXTURES.resolve("weather-now"), root.resolve("weather-now"));
    AuditMemo first = AuditMemo.empty("k");
    List<Finding> plain = audit(root, first);
    Path file = tmp.resolve("memo.bin");
    first.write(file);
    AuditMemo other = AuditMemo.read(file, "other code");
    assertEquals(plain, audit(root, other));
    assertEquals(0, other.reused(), "written under another key");
    byte[] bytes = Files.readAllBytes(file);
    Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length / 2));
    AuditMemo damaged = AuditMemo.read(file, "k");
    assertEquals(plain, audit(root, damaged));
    assertEquals(0, damaged.reused(), "a damaged memo is audited again");
  }
}
