package dev.skillsite.site;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.skillsite.audit.AuditJson;
import dev.skillsite.audit.AuditReport;
import dev.skillsite.audit.Finding;
import dev.skillsite.model.Catalog;
import dev.skillsite.model.Skill;
import dev.skillsite.model.SkillId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The machine-readable catalog: {@code skills.json} (for tools) and {@code assets/catalog.js} (the
 * same data as a script, for custom templates' scripts: it loads with a script tag from {@code
 * file://} too; the search itself uses the routing index export of {@code dev.skillsite.search}).
 * Keys in a fixed order.
 */
final class CatalogJsonWriter {
  static final String GLOBAL = "SKILLSITE_CATALOG";

  private final Gson pretty = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();
  private final Gson compact = new Gson();

  /**
   * Skills in one {@code skills.json} at most; a larger catalog is paged ({@link
   * #skillsJsonFiles}).
   */
  static final int PAGE = 5_000;

  /**
   * {@code skills.json} by path: up to {@link #PAGE} skills, one array of them all; for more,
   * {@code skills.json} is a small manifest ({@code {"skills": N, "pageSize": PAGE, "pages":
   * ["skills-json/page-0001.json", …]}}) and each page an array of up to {@link #PAGE} skills in
   * catalog order, in the same format.
   */
  Map<String, String> skillsJsonFiles(Catalog catalog, SiteInput input) {
    return skillsJsonFiles(catalog, input, PAGE);
  }

  Map<String, String> skillsJsonFiles(Catalog catalog, SiteInput input, int page) {
    List<Skill> all = catalog.skills();
    if (all.size() <= page) {
      return Map.of(SiteLayout.SKILLS_JSON, skillsJson(catalog, input, all));
    }
    Map<String, String> out = new LinkedHashMap<>();
    JsonArray pages = new JsonArray();
    for (int from = 0, n = 1; from < all.size(); from += page, n++) {
      String path = String.format(Locale.ROOT, "skills-json/page-%04d.json", n);
      out.put(
          path, skillsJson(catalog, input, all.subList(from, Math.min(all.size(), from + page))));
      pages.add(path);
    }
    JsonObject manifest = new JsonObject();
    manifest.addProperty("skills", all.size());
    manifest.addProperty("pageSize", page);
    manifest.add("pages", pages);
    out.put(SiteLayout.SKILLS_JSON, pretty.toJson(manifest) + "\n");
    return out;
  }

  private String skillsJson(Catalog catalog, SiteInput input, List<Skill> skills) {
    JsonArray array = new JsonArray();
    Set<SkillId> ids = catalog.skills().stream().map(Skill::id).collect(Collectors.toSet());
    for (Skill s : skills) {
      array.add(
          skillEntry(
              s,
              input.related(s.id()).stream()
                  .filter(r -> ids.contains(r.id()))
                  .map(r -> r.id().value())
                  .toList(),
              input.audit().flatMap(a -> a.of(s.id())).map(AuditJson::skill)));
    }
    return pretty.toJson(array) + "\n";
  }

  /**
   * One skill's entry of {@code skills.json}: its {@code related} ids (those of the catalog) and
   * its audit as given.
   */
  static JsonObject skillEntry(
      Skill s,
      List<String> related,
      java.util.Optional<? extends com.google.gson.JsonElement> audit) {
    JsonObject o = new JsonObject();
    o.addProperty("id", s.id().value());
    o.addProperty("name", s.name());
    o.addProperty("description", s.description());
    o.addProperty("url", SiteLayout.skill(s.id()));
    o.add("triggers", strings(s.triggers().phrases()));
    o.add("keywords", strings(s.triggers().keywords()));
    o.add("clauses", strings(s.triggers().clauses()));
    if (!s.triggers().fallback().isEmpty()) {
      o.addProperty("fallback", s.triggers().fallback());
    }
    o.add("notFor", strings(s.triggers().notFor()));
    o.add("related", strings(related));
    o.addProperty("source", s.source());
    o.addProperty("collection", s.collectionId());
    s.license().ifPresent(l -> o.addProperty("license", l));
    o.add(
        "references",
        strings(s.references().stream().map(r -> SiteLayout.reference(s.id(), r.path())).toList()));
    audit.ifPresent(a -> o.add("audit", a));
    return o;
  }

  /**
   * A script assigning the search data to {@code window.SKILLSITE_CATALOG}; HTML-significant
   * characters escaped.
   */
  String catalogJs(Catalog catalog) {
    return "window." + GLOBAL + " = " + compact.toJson(catalogArray(catalog.skills())) + ";\n";
  }

  /**
   * {@code assets/catalog.js} by path: up to {@code page} skills, the one script of {@link
   * #catalogJs}; for more, {@code catalog.js} sets {@code window.SKILLSITE_CATALOG} to an empty
   * array and {@code window.SKILLSITE_CATALOG_PAGES} to the pages' paths (from the site's root,
   * {@code assets/catalog/page-0001.js} …), and each page, loaded in order, appends up to {@code
   * page} skills to {@code window.SKILLSITE_CATALOG}, so that no script grows with the registry.
   */
  Map<String, String> catalogJsFiles(Catalog catalog, int page) {
    List<Skill> all = catalog.skills();
    if (all.size() <= page) {
      return Map.of(SiteLayout.CATALOG_JS, catalogJs(catalog));
    }
    Map<String, String> out = new LinkedHashMap<>();
    JsonArray pages = new JsonArray();
    for (int from = 0, n = 1; from < all.size(); from += page, n++) {
      String path = String.format(Locale.ROOT, SiteLayout.ASSETS + "catalog/page-%04d.js", n);
      JsonArray skills = catalogArray(all.subList(from, Math.min(all.size(), from + page)));
      out.put(
          path,
          "Array.prototype.push.apply(window." + GLOBAL + ", " + compact.toJson(skills) + ");\n");
      pages.add(path);
    }
    out.put(
        SiteLayout.CATALOG_JS,
        "window."
            + GLOBAL
            + " = [];\nwindow."
            + GLOBAL
            + "_PAGES = "
            + compact.toJson(pages)
            + ";\n");
    return out;
  }

  Map<String, String> catalogJsFiles(Catalog catalog) {
    return catalogJsFiles(catalog, PAGE);
  }

  /**
   * {@code audit.json} by path: up to {@code page} findings, the summary and every finding in one
   * file; for more, {@code audit.json} holds the summary, {@code "findings"} (their count), {@code
   * "pageSize"} and {@code "pages"}, and each page {@code audit-json/page-NNNN.json} an object
   * whose {@code "findings"} are up to {@code page} of them, in order.
   */
  Map<String, String> auditJsonFiles(AuditReport report, int page) {
    List<Finding> all = report.findings();
    AuditJson json = new AuditJson();
    if (all.size() <= page) {
      return Map.of(SiteLayout.AUDIT_JSON, json.format(report, all) + "\n");
    }
    Map<String, String> out = new LinkedHashMap<>();
    JsonArray pages = new JsonArray();
    for (int from = 0, n = 1; from < all.size(); from += page, n++) {
      String path = String.format(Locale.ROOT, "audit-json/page-%04d.json", n);
      JsonArray findings = new JsonArray();
      all.subList(from, Math.min(all.size(), from + page))
          .forEach(f -> findings.add(AuditJson.finding(f)));
      JsonObject o = new JsonObject();
      o.add("findings", findings);
      out.put(path, pretty.toJson(o) + "\n");
      pages.add(path);
    }
    JsonObject manifest = new JsonObject();
    manifest.add("summary", AuditJson.summary(report));
    manifest.addProperty("findings", all.size());
    manifest.addProperty("pageSize", page);
    manifest.add("pages", pages);
    out.put(SiteLayout.AUDIT_JSON, pretty.toJson(manifest) + "\n");
    return out;
  }

  /** Findings in one {@code audit.json} at most; a larger audit is paged. */
  static final int AUDIT_PAGE = 5_000;

  Map<String, String> auditJsonFiles(AuditReport report) {
    return auditJsonFiles(report, AUDIT_PAGE);
  }

  private static JsonArray catalogArray(List<Skill> skills) {
    JsonArray array = new JsonArray();
    for (Skill s : skills) {
      array.add(catalogEntry(s));
    }
    return array;
  }

  /** One skill's entry of {@code assets/catalog.js}. */
  static JsonObject catalogEntry(Skill s) {
    JsonObject o = new JsonObject();
    o.addProperty("id", s.id().value());
    o.addProperty("name", s.name());
    o.addProperty("description", Summaries.clip(s.description(), 400));
    o.addProperty("url", SiteLayout.skill(s.id()));
    o.add("triggers", strings(s.triggers().phrases()));
    o.add("keywords", strings(s.triggers().keywords()));
    return o;
  }

  private static JsonArray strings(List<String> values) {
    JsonArray a = new JsonArray();
    values.forEach(a::add);
    return a;
  }
}
