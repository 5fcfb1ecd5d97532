package dev.skillsite.site;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.skillsite.audit.AuditCategory;
import dev.skillsite.audit.AuditReport;
import dev.skillsite.audit.AuditSeverity;
import dev.skillsite.audit.Finding;
import dev.skillsite.audit.SkillAudit;
import dev.skillsite.model.Catalog;
import dev.skillsite.model.SkillId;
import dev.skillsite.model.SourcePos;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * skills.json of a catalog larger than a page: a small manifest and pages that together list every
 * skill once; catalog.js and audit.json split the same way.
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

  @Test
  void catalogJsOverAPageLoadsItsPagesInOrder() {
    Catalog c = catalog(5);
    CatalogJsonWriter w = new CatalogJsonWriter();
    assertEquals(Map.of("assets/catalog.js", w.catalogJs(c)), w.catalogJsFiles(c, 5));
    Map<String, String> files = w.catalogJsFiles(c, 2);
    assertEquals(
        "window.SKILLSITE_CATALOG = [];\nwindow.SKILLSITE_CATALOG_PAGES = "
            + "[\"assets/catalog/page-0001.js\",\"assets/catalog/page-0002.js\","
            + "\"assets/catalog/page-0003.js\"];\n",
        files.get("assets/catalog.js"));
    // the pages' arrays, appended in order, are the one array of a small catalog
    JsonArray all = new JsonArray();
    for (int n = 1; n <= 3; n++) {
      String page = files.get("assets/catalog/page-000" + n + ".js");
      String prefix = "Array.prototype.push.apply(window.SKILLSITE_CATALOG, ";
      assertEquals(prefix, page.substring(0, prefix.length()));
      all.addAll(
          JsonParser.parseString(page.substring(prefix.length(), page.length() - 3))
              .getAsJsonArray());
    }
    String one = w.catalogJs(c);
    assertEquals(JsonParser.parseString(one.substring(one.indexOf('['), one.length() - 2)), all);
  }

  @Test
  void auditJsonOverAPageAManifestOfPages() {
    List<SkillAudit> skills = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      List<Finding> findings = new ArrayList<>();
      for (int f = 0; f < 2; f++) {
        findings.add(
            new Finding(
                "raw-ip-url",
                AuditSeverity.WARNING,
                AuditCategory.DATA_EXFILTRATION,
                new SourcePos("s" + i + "/SKILL.md", f + 1, 1),
                "http://45.61.12.7/",
                "A URL on a raw IP."));
      }
      skills.add(new SkillAudit(new SkillId("s" + i), "s" + i, findings));
    }
    AuditReport report = new AuditReport(skills);
    CatalogJsonWriter w = new CatalogJsonWriter();
    assertEquals(List.of("audit.json"), List.copyOf(w.auditJsonFiles(report, 6).keySet()));
    Map<String, String> files = w.auditJsonFiles(report, 4);
    JsonObject manifest = JsonParser.parseString(files.get("audit.json")).getAsJsonObject();
    assertEquals(6, manifest.get("findings").getAsInt());
    assertEquals(6, manifest.getAsJsonObject("summary").get("warning").getAsInt());
    JsonArray pages = manifest.getAsJsonArray("pages");
    assertEquals(2, pages.size());
    JsonArray findings = new JsonArray();
    pages.forEach(
        p ->
            findings.addAll(
                JsonParser.parseString(files.get(p.getAsString()))
                    .getAsJsonObject()
                    .getAsJsonArray("findings")));
    JsonObject whole =
        JsonParser.parseString(w.auditJsonFiles(report, 6).get("audit.json")).getAsJsonObject();
    assertEquals(whole.getAsJsonArray("findings"), findings);
  }
}
