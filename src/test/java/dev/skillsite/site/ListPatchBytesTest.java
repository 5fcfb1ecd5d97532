package dev.skillsite.site;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * ListPatch finds and replaces a skill's entry in a page of {@code skills.json} or {@code
 * catalog.js} on the page's UTF-8 bytes (never decoded whole): the entry it finds is the one whose
 * id starts it, whatever characters, braces, quotes or look-alike ids the other entries' strings
 * hold, and a replacement is byte for byte what replacing the decoded text would write.
 */
class ListPatchBytesTest {
  private static final Gson PRETTY = new GsonBuilder().setPrettyPrinting().create();
  private static final Gson COMPACT = new GsonBuilder().disableHtmlEscaping().create();
  private static final String[] PIECES = {
    "café", "東京", "{", "}", "[", "]", "\"", "\\", "ß", "😀", "plain", " ", ",", "\n", "{\"id\":"
  };

  private static JsonArray entries(Random random, int n) {
    JsonArray a = new JsonArray();
    for (int i = 0; i < n; i++) {
      JsonObject o = new JsonObject();
      o.addProperty("id", "skill-" + i + (i % 3 == 0 ? "-é" : ""));
      StringBuilder d = new StringBuilder();
      for (int k = random.nextInt(12); k > 0; k--) {
        d.append(PIECES[random.nextInt(PIECES.length)]);
      }
      // a description that looks like another entry's start
      if (i % 5 == 1) {
        d.append("{\"id\":\"skill-").append(i + 1).append("\",");
      }
      o.addProperty("description", d.toString());
      JsonArray related = new JsonArray();
      related.add("skill-" + random.nextInt(n));
      o.add("related", related);
      a.add(o);
    }
    return a;
  }

  @Test
  void aPrettyPagesEntryIsFoundAndReplacedAsInItsDecodedText() {
    Random random = new Random(27);
    for (int round = 0; round < 20; round++) {
      JsonArray all = entries(random, 30);
      String text = PRETTY.toJson(all);
      byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
      for (int i = 0; i < all.size(); i++) {
        String id = all.get(i).getAsJsonObject().get("id").getAsString();
        String start = "{\n    \"id\": " + PRETTY.toJson(id) + ",\n";
        Optional<int[]> at = ListPatch.locate(bytes, start.getBytes(StandardCharsets.UTF_8), "\n");
        assertTrue(at.isPresent(), id);
        String found =
            new String(bytes, at.get()[0], at.get()[1] - at.get()[0], StandardCharsets.UTF_8);
        assertEquals(all.get(i), JsonParser.parseString(found), id);
        // the same bytes back: the same array; another entry: the decoded text's replacement
        assertSame(
            bytes, ListPatch.splice(bytes, at.get(), found.getBytes(StandardCharsets.UTF_8)));
        String by = "{\"id\": " + PRETTY.toJson(id) + ", \"note\": \"ünïcode {]\"}";
        int from = new String(bytes, 0, at.get()[0], StandardCharsets.UTF_8).length();
        String expected = text.substring(0, from) + by + text.substring(from + found.length());
        assertArrayEquals(
            expected.getBytes(StandardCharsets.UTF_8),
            ListPatch.splice(bytes, at.get(), by.getBytes(StandardCharsets.UTF_8)));
      }
    }
  }

  @Test
  void aCompactPagesEntryIsFoundAfterABracketOrComma() {
    Random random = new Random(28);
    JsonArray all = entries(random, 40);
    byte[] bytes = ("window.CATALOG=" + COMPACT.toJson(all) + ";").getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < all.size(); i++) {
      String id = all.get(i).getAsJsonObject().get("id").getAsString();
      String start = "{\"id\":" + COMPACT.toJson(id) + ",";
      Optional<int[]> at = ListPatch.locate(bytes, start.getBytes(StandardCharsets.UTF_8), "[,");
      assertTrue(at.isPresent(), id);
      String found =
          new String(bytes, at.get()[0], at.get()[1] - at.get()[0], StandardCharsets.UTF_8);
      assertEquals(all.get(i), JsonParser.parseString(found), id);
    }
    assertTrue(
        ListPatch.locate(bytes, "{\"id\":\"absent\",".getBytes(StandardCharsets.UTF_8), "[,")
            .isEmpty());
  }
}
