package dev.skillsite.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordTableTest {
  @TempDir Path tmp;

  @Test
  void everyKeyIsFoundAndNoOther() throws IOException {
    Map<String, byte[]> records = new HashMap<>();
    for (int i = 0; i < 5000; i++) {
      records.put("d:skills/s" + i, ("value " + i).getBytes(StandardCharsets.UTF_8));
    }
    // keys whose UTF-16 order is not their UTF-8 order, an empty key, an empty value
    records.put("d:\uFF21", new byte[] {1});
    records.put("d:\uD83D\uDE00", new byte[] {2});
    records.put("", new byte[0]);
    Path file = tmp.resolve("t.tab");
    RecordTable.write(file, records);
    try (RecordTable t = RecordTable.open(file).orElseThrow()) {
      assertEquals(records.size(), t.size());
      records.forEach((k, v) -> assertArrayEquals(v, t.get(k).orElseThrow(), k));
      assertTrue(t.get("d:skills/s5000").isEmpty());
      assertTrue(t.get("d:skills/s").isEmpty());
      assertTrue(t.get("zzz").isEmpty());
    }
  }

  /**
   * A table made one record at a time ({@link RecordTable#bytes}) is the bytes {@link
   * RecordTable#write} writes of the same records, each value asked once; {@link
   * RecordTable#length} answers each value's length in place; a value of another length than given
   * is refused.
   */
  @Test
  void aTableMadeARecordAtATimeIsTheTableWritten() throws IOException {
    Map<String, byte[]> records = new HashMap<>();
    java.util.Random random = new java.util.Random(7);
    for (int i = 0; i < 3000; i++) {
      byte[] v = new byte[random.nextInt(i % 100 == 0 ? 70_000 : 200)];
      random.nextBytes(v);
      records.put("p:health/page_" + i + ".html", v);
    }
    records.put("d:\uFF21", new byte[] {1});
    records.put("d:\uD83D\uDE00", new byte[] {2});
    records.put("", new byte[0]);
    java.io.ByteArrayOutputStream written = new java.io.ByteArrayOutputStream();
    RecordTable.write(written, records);
    Map<String, Integer> asked = new HashMap<>();
    byte[] made =
        RecordTable.bytes(
            records.keySet(),
            k -> records.get(k).length,
            k -> {
              asked.merge(k, 1, Integer::sum);
              return records.get(k);
            });
    assertArrayEquals(written.toByteArray(), made);
    assertEquals(made.length, RecordTable.size(records.keySet(), k -> records.get(k).length));
    assertEquals(records.keySet(), asked.keySet());
    assertTrue(asked.values().stream().allMatch(n -> n == 1), "each value asked once");
    Path file = tmp.resolve("made.tab");
    Files.write(file, made);
    try (RecordTable t = RecordTable.open(file).orElseThrow()) {
      records.forEach((k, v) -> assertEquals(v.length, t.length(k).orElseThrow(), k));
      assertTrue(t.length("p:health/page_3000.html").isEmpty());
    }
    assertThrows(
        IllegalStateException.class,
        () -> RecordTable.bytes(records.keySet(), k -> records.get(k).length + 1, records::get));
    // written to a file a record at a time: the same bytes, each value asked once
    asked.clear();
    Path streamed = tmp.resolve("streamed.tab");
    RecordTable.write(
        streamed,
        records.keySet(),
        k -> records.get(k).length,
        k -> {
          asked.merge(k, 1, Integer::sum);
          return records.get(k);
        });
    assertArrayEquals(made, Files.readAllBytes(streamed));
    assertTrue(asked.values().stream().allMatch(n -> n == 1), "each value asked once");
    assertThrows(
        IllegalStateException.class,
        () ->
            RecordTable.write(
                tmp.resolve("wrong.tab"),
                records.keySet(),
                k -> records.get(k).length + 1,
                records::get));
  }

  /** A table's keys, listed without their values, in the order of their UTF-8 bytes. */
  @Test
  void aTableListsItsKeysInTheirBytesOrder() throws IOException {
    Map<String, byte[]> records = new HashMap<>();
    for (int i = 0; i < 300; i++) {
      records.put("p:skills/page_" + i + ".html", new byte[] {(byte) i});
    }
    records.put("d:\uFF21", new byte[] {1});
    records.put("d:\uD83D\uDE00", new byte[] {2}); // after U+FF21 in UTF-8, before it in UTF-16
    records.put("", new byte[0]);
    Path file = tmp.resolve("t.tab");
    RecordTable.write(file, records);
    java.util.List<String> want =
        records.keySet().stream()
            .sorted(
                (a, b) ->
                    java.util.Arrays.compareUnsigned(
                        a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8)))
            .toList();
    RecordTable t = RecordTable.open(file).orElseThrow();
    try (t) {
      assertEquals(want, t.keys());
      assertEquals("", t.keys().get(0));
      assertEquals("d:\uD83D\uDE00", t.keys().get(2));
    }
    assertThrows(IllegalStateException.class, t::keys, "a closed table");
  }

  @Test
  void aDamagedRecordOrFileAnswersNothing() throws IOException {
    Path file = tmp.resolve("t.tab");
    RecordTable.write(file, Map.of("a", new byte[] {1, 2, 3}, "b", new byte[] {4}));
    byte[] bytes = Files.readAllBytes(file);
    bytes[10] ^= 1; // inside the first record's value
    Files.write(file, bytes);
    try (RecordTable t = RecordTable.open(file).orElseThrow()) {
      assertTrue(t.get("a").isEmpty());
      assertArrayEquals(new byte[] {4}, t.get("b").orElseThrow());
    }
    Files.write(file, new byte[] {1, 2, 3});
    assertTrue(RecordTable.open(file).isEmpty());
    assertTrue(RecordTable.open(tmp.resolve("missing")).isEmpty());
  }

  @Test
  void aClosedTableHoldsNoMappingOfItsFile() throws IOException {
    Path maps = Path.of("/proc/self/maps");
    assumeTrue(Files.isReadable(maps), "needs /proc/self/maps (Linux)");
    assumeTrue(Unmapper.available(), "needs sun.misc.Unsafe.invokeCleaner");
    Path file = tmp.resolve("mapped.tab");
    RecordTable.write(file, Map.of("a", new byte[] {1}));
    String name = file.toRealPath().toString();
    RecordTable t = RecordTable.open(file).orElseThrow();
    assertArrayEquals(new byte[] {1}, t.get("a").orElseThrow());
    assertTrue(Files.readString(maps).contains(name), "mapped while open");
    t.close();
    assertFalse(Files.readString(maps).contains(name), "unmapped at close, not when collected");
    assertThrows(IllegalStateException.class, () -> t.get("a"));
    t.close(); // a second close does nothing
  }
}
