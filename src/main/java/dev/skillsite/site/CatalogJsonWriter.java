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
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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
   * Skills in one part of {@code skills.json} (and of {@code assets/catalog.js}) at most; a part
   * ends at its first natural cut ({@link DataParts}) once it holds half as many.
   */
  static final int PAGE = 5_000;

  /**
   * Skills in one part at most: {@link #PAGE}, or {@code -Dskillsite.jsonPart=N} (a test's aid: a
   * small fixture's {@code skills.json} in parts), read at each build.
   */
  static int page() {
    return Math.max(1, Integer.getInteger("skillsite.jsonPart", PAGE));
  }

  /**
   * A part of {@code skills.json}: its path and its skills' entries, each as printed at one level
   * of indent in the array.
   */
  record Split(DataParts parts, List<Skill> skills, List<String> entries) {}

  /**
   * The entries of {@code skills.json} and where its parts (and {@code assets/catalog.js}'s) cut
   * them: at most {@link #PAGE} skills and {@link Paging#MAX_DATA_BYTES} bytes of {@code
   * skills.json} a part, ending at a skill whose id is a natural cut past half ({@link DataParts}).
   */
  Split split(Catalog catalog, SiteInput input) {
    return split(catalog, input, page(), Paging.MAX_DATA_BYTES);
  }

  Split split(Catalog catalog, SiteInput input, int page, long maxBytes) {
    List<Skill> all = catalog.skills();
    Set<SkillId> ids = all.stream().map(Skill::id).collect(Collectors.toSet());
    List<String> entries = new ArrayList<>(all.size());
    long[] weights = new long[all.size()];
    for (int i = 0; i < all.size(); i++) {
      Skill s = all.get(i);
      String entry =
          printed(
              skillEntry(
                  s,
                  input.related(s.id()).stream()
                      .filter(r -> ids.contains(r.id()))
                      .map(r -> r.id().value())
                      .toList(),
                  input.audit().flatMap(a -> a.of(s.id())).map(AuditJson::skill)));
      entries.add(entry);
      weights[i] = weight(entry);
    }
    DataParts parts =
        DataParts.split(
            all.size(),
            page,
            maxBytes - ARRAY_ENDS,
            i -> weights[i],
            i -> DataParts.cut(all.get(i).id().value()));
    return new Split(parts, all, entries);
  }

  /** The bytes {@code "[\n "}, {@code "\n]"} and the final newline add to a part's entries. */
  static final int ARRAY_ENDS = 3;

  /**
   * An entry's bytes in a part of {@code skills.json}: its printed UTF-8 and the four of {@code
   * ",\n "} (or of {@code "[\n "} before the first); a part's entries' weights and {@link
   * #ARRAY_ENDS} are its file's length.
   */
  static long weight(String printed) {
    return printed.getBytes(StandardCharsets.UTF_8).length + 4L;
  }

  /** An entry of {@code skills.json} as the pretty array prints it: indented one level. */
  String printed(JsonObject entry) {
    JsonArray one = new JsonArray();
    one.add(entry);
    String p = pretty.toJson(one);
    return p.substring("[\n  ".length(), p.length() - "\n]".length());
  }

  /** The path of part {@code n} (from 1) of {@code skills.json} split into {@code count} parts. */
  static String skillsJsonPath(int n, int count) {
    return count <= 1
        ? SiteLayout.SKILLS_JSON
        : String.format(Locale.ROOT, "skills-json/page-%04d.json", n);
  }

  /** The path of part {@code n} (from 1) of {@code assets/catalog.js} split into {@code count}. */
  static String catalogJsPath(int n, int count) {
    return count <= 1
        ? SiteLayout.CATALOG_JS
        : String.format(Locale.ROOT, SiteLayout.ASSETS + "catalog/page-%04d.js", n);
  }

  /**
   * {@code skills.json} by path: one part, one array of every skill; for more, {@code skills.json}
   * is a small manifest ({@code {"pages": ["skills-json/page-0001.json", …]}}: no count, so that a
   * skill added changes only its own part) and each part an array of its skills in catalog order,
   * in the same format.
   */
  Map<String, String> skillsJsonFiles(Split split) {
    DataParts parts = split.parts();
    int total = split.skills().size();
    Map<String, String> out = new LinkedHashMap<>();
    JsonArray pages = new JsonArray();
    for (int k = 0; k < parts.count(); k++) {
      String path = skillsJsonPath(k + 1, parts.count());
      List<String> entries = split.entries().subList(parts.starts().get(k), parts.end(k, total));
      out.put(path, entries.isEmpty() ? "[]\n" : "[\n  " + String.join(",\n  ", entries) + "\n]\n");
      pages.add(path);
    }
    if (parts.count() > 1) {
      JsonObject manifest = new JsonObject();
      manifest.add("pages", pages);
      out.put(SiteLayout.SKILLS_JSON, pretty.toJson(manifest) + "\n");
    }
    return out;
  }

  Map<String, String> skillsJsonFiles(Catalog catalog, SiteInput input) {
    return skillsJsonFiles(split(catalog, input));
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
    return catalogJs(catalog.skills());
  }

  private String catalogJs(List<Skill> skills) {
    return "window." + GLOBAL + " = " + compact.toJson(catalogArray(skills)) + ";\n";
  }

  /**
   * {@code assets/catalog.js} by path: one part, the one script of {@link #catalogJs}; for more
   * (split as {@code skills.json}), {@code catalog.js} sets {@code window.SKILLSITE_CATALOG} to an
   * empty array and {@code window.SKILLSITE_CATALOG_PAGES} to the parts' paths (from the site's
   * root, {@code assets/catalog/page-0001.js} …), and each part, loaded in order, appends its
   * skills to {@code window.SKILLSITE_CATALOG}, so that no script grows with the registry.
   */
  Map<String, String> catalogJsFiles(Split split) {
    DataParts parts = split.parts();
    List<Skill> all = split.skills();
    if (parts.count() <= 1) {
      return Map.of(SiteLayout.CATALOG_JS, catalogJs(all));
    }
    Map<String, String> out = new LinkedHashMap<>();
    JsonArray pages = new JsonArray();
    for (int k = 0; k < parts.count(); k++) {
      String path = catalogJsPath(k + 1, parts.count());
      JsonArray skills = catalogArray(all.subList(parts.starts().get(k), parts.end(k, all.size())));
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

  /**
   * {@code audit.json} by path: one part, the summary and every finding in one file; for more,
   * {@code audit.json} holds the summary, {@code "findings"} (their count) and {@code "pages"}, and
   * each part {@code audit-json/page-NNNN.json} an object whose {@code "findings"} are some of
   * them, in order: at most {@code page} and {@code maxBytes} of them, ending at the first finding
   * past half whose place (path, line, column, rule) hashes to a natural cut ({@link DataParts}),
   * so that a skill's findings added or removed change their own part.
   */
  Map<String, String> auditJsonFiles(AuditReport report, int page, long maxBytes) {
    List<Finding> all = report.findings();
    List<String> printed = new ArrayList<>(all.size());
    long[] weights = new long[all.size()];
    for (int i = 0; i < all.size(); i++) {
      JsonArray one = new JsonArray();
      one.add(AuditJson.finding(all.get(i)));
      JsonObject o = new JsonObject();
      o.add("findings", one);
      String p = pretty.toJson(o);
      String inner = p.substring(AUDIT_HEAD.length(), p.length() - AUDIT_TAIL.length());
      printed.add(inner);
      weights[i] = inner.getBytes(StandardCharsets.UTF_8).length + 6L; // ",\n    "
    }
    DataParts parts =
        DataParts.split(
            all.size(),
            page,
            maxBytes - AUDIT_ROOM,
            i -> weights[i],
            i -> {
              Finding f = all.get(i);
              return DataParts.cut(
                  f.pos().path()
                      + "\uffff"
                      + f.pos().line()
                      + ":"
                      + f.pos().col()
                      + " "
                      + f.rule());
            });
    AuditJson json = new AuditJson();
    if (parts.count() <= 1) {
      return Map.of(SiteLayout.AUDIT_JSON, json.format(report, all) + "\n");
    }
    Map<String, String> out = new LinkedHashMap<>();
    JsonArray pages = new JsonArray();
    for (int k = 0; k < parts.count(); k++) {
      String path = String.format(Locale.ROOT, "audit-json/page-%04d.json", k + 1);
      out.put(
          path,
          AUDIT_HEAD
              + String.join(
                  ",\n    ", printed.subList(parts.starts().get(k), parts.end(k, all.size())))
              + AUDIT_TAIL
              + "\n");
      pages.add(path);
    }
    JsonObject manifest = new JsonObject();
    manifest.add("summary", AuditJson.summary(report));
    manifest.addProperty("findings", all.size());
    manifest.add("pages", pages);
    out.put(SiteLayout.AUDIT_JSON, pretty.toJson(manifest) + "\n");
    return out;
  }

  /** A part of {@code audit.json} around its findings, as Gson prints it. */
  private static final String AUDIT_HEAD = "{\n  \"findings\": [\n    ";

  private static final String AUDIT_TAIL = "\n  ]\n}";

  /** Bytes of a part of {@code audit.json}, or of the one file, that are not its findings'. */
  private static final long AUDIT_ROOM = 64 * 1024;

  /** Findings in one {@code audit.json} at most; a larger audit is paged. */
  static final int AUDIT_PAGE = 5_000;

  Map<String, String> auditJsonFiles(AuditReport report) {
    return auditJsonFiles(report, AUDIT_PAGE, Paging.MAX_DATA_BYTES);
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
