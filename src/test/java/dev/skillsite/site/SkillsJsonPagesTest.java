package dev.skillsite.site;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.skillsite.model.Catalog;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * skills.json of a catalog larger than a page: a small manifest and pages that together list every
 * skill once.
 */
class SkillsJsonPagesTest {
  private static Catalog catalog(int n) {
    CatalogFixture f = new CatalogFixture();
    for (int i = 0; i < n; i++) {
      f = f.skill("skill-" + i).add();
    }
    return f.catalog();
  }

  @Test
  void upToAPageOneArray() {
    Catalog c = catalog(3);
    Map<String, String> files =
        new CatalogJsonWriter().skillsJsonFiles(c, new SiteInput(c, Map.of()), 3);
    assertEquals(List.of("skills.json"), List.copyOf(files.keySet()));
    assertEquals(3, JsonParser.parseString(files.get("skills.json")).getAsJsonArray().size());
  }

  @Test
  void overAPageAManifestOfPages() {
    Catalog c = catalog(5);
    Map<String, String> files =
        new CatalogJsonWriter().skillsJsonFiles(c, new SiteInput(c, Map.of()), 2);
    JsonObject manifest = JsonParser.parseString(files.get("skills.json")).getAsJsonObject();
    assertEquals(5, manifest.get("skills").getAsInt());
    assertEquals(2, manifest.get("pageSize").getAsInt());
    List<String> ids = new ArrayList<>();
    List<String> pages = new ArrayList<>();
    manifest.getAsJsonArray("pages").forEach(p -> pages.add(p.getAsString()));
    assertEquals(
        List.of(
            "skills-json/page-0001.json",
            "skills-json/page-0002.json",
            "skills-json/page-0003.json"),
        pages);
    for (String p : pages) {
      JsonArray a = JsonParser.parseString(files.get(p)).getAsJsonArray();
      a.forEach(s -> ids.add(s.getAsJsonObject().get("id").getAsString()));
    }
    assertEquals(c.skills().stream().map(s -> s.id().value()).toList(), ids);
  }
}
