package dev.skillsite.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * skills.json of a catalog larger than a page: a small manifest and pages that together list every
 * skill once; catalog.js and audit.json split the same way.
 */
class SkillsJsonPagesTest {
  private static final com.google.gson.Gson PRETTY =
      new com.google.gson.GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

  private static Catalog catalog(int n) {
    CatalogFixture f = new CatalogFixture();
    for (int i = 0; i < n; i++) {
      f = f.skill("skill-" + i).add();
    }
    return f.catalog();
  }

  private static Map<String, String> skillsJson(Catalog c, int page, long maxBytes) {
    CatalogJsonWriter w = new CatalogJsonWriter();
    return w.skillsJsonFiles(w.split(c, new SiteInput(c, Map.of()), page, maxBytes));
  }

  @Test
  void upToAPageOneArray() {
    Catalog c = catalog(3);
    Map<String, String> files = skillsJson(c, 3, Paging.MAX_DATA_BYTES);
    assertEquals(List.of("skills.json"), List.copyOf(files.keySet()));
    assertEquals(3, JsonParser.parseString(files.get("skills.json")).getAsJsonArray().size());
    assertEquals(
        files.get("skills.json"),
        new CatalogJsonWriter().skillsJsonFiles(c, new SiteInput(c, Map.of())).get("skills.json"));
  }

  /** The ids of the parts the manifest lists, in its order; each part within its bounds. */
  private static List<String> listed(Map<String, String> files, int page, long maxBytes) {
    JsonObject manifest = JsonParser.parseString(files.get("skills.json")).getAsJsonObject();
    assertEquals(List.of("pages"), List.copyOf(manifest.keySet()), "no count to move");
    List<String> pages = new ArrayList<>();
    manifest.getAsJsonArray("pages").forEach(p -> pages.add(p.getAsString()));
    assertEquals(files.size() - 1, pages.size(), "the manifest lists every part");
    List<String> ids = new ArrayList<>();
    for (int n = 1; n <= pages.size(); n++) {
      String p = pages.get(n - 1);
      assertEquals(String.format("skills-json/page-%04d.json", n), p);
      assertTrue(files.get(p).getBytes(StandardCharsets.UTF_8).length <= maxBytes, p);
      JsonArray a = JsonParser.parseString(files.get(p)).getAsJsonArray();
      assertEquals(PRETTY.toJson(a) + "\n", files.get(p), p + " as Gson prints it");
      assertTrue(a.size() >= 1 && a.size() <= page, p + " holds " + a.size());
      a.forEach(s -> ids.add(s.getAsJsonObject().get("id").getAsString()));
    }
    return ids;
  }

  @Test
  void overAPageAManifestOfPartsCutByIdEverySkillOnce() {
    Catalog c = catalog(400);
    Map<String, String> files = skillsJson(c, 40, Paging.MAX_DATA_BYTES);
    List<String> ids = listed(files, 40, Paging.MAX_DATA_BYTES);
    assertEquals(c.skills().stream().map(s -> s.id().value()).toList(), ids);
    // a part ends at its first cut past 20 skills, or at 40
    JsonObject manifest = JsonParser.parseString(files.get("skills.json")).getAsJsonObject();
    int cuts = 0;
    for (var p : manifest.getAsJsonArray("pages").asList().subList(0, files.size() - 2)) {
      JsonArray a = JsonParser.parseString(files.get(p.getAsString())).getAsJsonArray();
      String last = a.get(a.size() - 1).getAsJsonObject().get("id").getAsString();
      boolean cut = a.size() >= 20 && DataParts.cut(last);
      assertTrue(cut || a.size() == 40, p + " ends at " + last);
      cuts += cut ? 1 : 0;
    }
    assertTrue(cuts > 0, "no part ended at a cut");
    // by bytes: every part under a small budget, the same entries
    Map<String, String> small = skillsJson(c, 40, 4_000);
    assertEquals(ids, listed(small, 40, 4_000));
    assertTrue(small.size() > files.size(), small.size() + " files");
  }

  @Test
  void aSkillAddedChangesItsOwnPart() {
    CatalogFixture f = new CatalogFixture();
    CatalogFixture g = new CatalogFixture();
    for (int i = 0; i < 2000; i++) {
      f = f.skill("skill-" + i).add();
      g = g.skill("skill-" + i).add();
    }
    g = g.skill("skill-20000").add(); // sorts between skill-2000 and skill-2001
    // parts of 200 to 400: one in 64 a cut, so a part ends at a cut (a count's end would move)
    Map<String, String> before = skillsJson(f.catalog(), 400, Paging.MAX_DATA_BYTES);
    Map<String, String> after = skillsJson(g.catalog(), 400, Paging.MAX_DATA_BYTES);
    List<String> differ =
        after.keySet().stream().filter(k -> !after.get(k).equals(before.get(k))).toList();
    assertTrue(differ.size() == 1 && differ.get(0).startsWith("skills-json/"), differ.toString());
    assertTrue(after.get(differ.get(0)).contains("\"skill-20000\""), differ.toString());
    CatalogJsonWriter w = new CatalogJsonWriter();
    Catalog gc = g.catalog();
    Catalog fc = f.catalog();
    Map<String, String> jsBefore =
        w.catalogJsFiles(w.split(fc, new SiteInput(fc, Map.of()), 400, Paging.MAX_DATA_BYTES));
    Map<String, String> jsAfter =
        w.catalogJsFiles(w.split(gc, new SiteInput(gc, Map.of()), 400, Paging.MAX_DATA_BYTES));
    assertEquals(
        1L, jsAfter.keySet().stream().filter(k -> !jsAfter.get(k).equals(jsBefore.get(k))).count());
  }

  @Test
  void catalogJsOverAPageLoadsItsPartsInOrder() {
    Catalog c = catalog(400);
    CatalogJsonWriter w = new CatalogJsonWriter();
    SiteInput in = new SiteInput(c, Map.of());
    assertEquals(
        Map.of("assets/catalog.js", w.catalogJs(c)),
        w.catalogJsFiles(w.split(c, in, 1000, Paging.MAX_DATA_BYTES)));
    CatalogJsonWriter.Split split = w.split(c, in, 40, Paging.MAX_DATA_BYTES);
    Map<String, String> files = w.catalogJsFiles(split);
    int parts = split.parts().count();
    assertTrue(parts > 1);
    JsonArray paths = new JsonArray();
    for (int n = 1; n <= parts; n++) {
      paths.add(String.format("assets/catalog/page-%04d.js", n));
    }
    assertEquals(
        "window.SKILLSITE_CATALOG = [];\nwindow.SKILLSITE_CATALOG_PAGES = " + paths + ";\n",
        files.get("assets/catalog.js"));
    // the parts' arrays, appended in order, are the one array of a small catalog, split as
    // skills.json is
    Map<String, String> json = w.skillsJsonFiles(split);
    JsonArray all = new JsonArray();
    for (int n = 1; n <= parts; n++) {
      String page = files.get(String.format("assets/catalog/page-%04d.js", n));
      String prefix = "Array.prototype.push.apply(window.SKILLSITE_CATALOG, ";
      assertEquals(prefix, page.substring(0, prefix.length()));
      JsonArray a =
          JsonParser.parseString(page.substring(prefix.length(), page.length() - 3))
              .getAsJsonArray();
      assertEquals(
          JsonParser.parseString(json.get(String.format("skills-json/page-%04d.json", n)))
              .getAsJsonArray()
              .size(),
          a.size());
      all.addAll(a);
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
    assertEquals(
        List.of("audit.json"),
        List.copyOf(w.auditJsonFiles(report, 12, Paging.MAX_DATA_BYTES).keySet()));
    Map<String, String> files = w.auditJsonFiles(report, 4, Paging.MAX_DATA_BYTES);
    JsonObject manifest = JsonParser.parseString(files.get("audit.json")).getAsJsonObject();
    assertEquals(6, manifest.get("findings").getAsInt());
    assertEquals(6, manifest.getAsJsonObject("summary").get("warning").getAsInt());
    assertEquals(List.of("summary", "findings", "pages"), List.copyOf(manifest.keySet()));
    JsonArray pages = manifest.getAsJsonArray("pages");
    assertEquals(files.size() - 1, pages.size());
    assertTrue(pages.size() >= 2 && pages.size() <= 3, pages.toString());
    JsonArray findings = new JsonArray();
    pages.forEach(
        p -> {
          String text = files.get(p.getAsString());
          assertEquals(PRETTY.toJson(JsonParser.parseString(text)) + "\n", text, "as Gson prints");
          findings.addAll(
              JsonParser.parseString(text).getAsJsonObject().getAsJsonArray("findings"));
        });
    JsonObject whole =
        JsonParser.parseString(
                w.auditJsonFiles(report, 12, Paging.MAX_DATA_BYTES).get("audit.json"))
            .getAsJsonObject();
    assertEquals(whole.getAsJsonArray("findings"), findings);
  }
}
