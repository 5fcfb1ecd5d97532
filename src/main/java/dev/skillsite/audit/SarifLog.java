package dev.skillsite.audit;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Findings as a SARIF 2.1.0 log, for GitHub code scanning: one run, the table's rules as the
 * driver's rules, one result per finding with its path relative to the content root ({@code
 * uriBaseId} CONTENTROOT), line and column. Danger is level {@code error}, warning {@code warning},
 * info {@code note}.
 */
public final class SarifLog {
  static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

  private final RuleTable table;
  private final String version;

  public SarifLog(RuleTable table, String version) {
    this.table = table;
    this.version = version;
  }

  public String format(List<Finding> findings, Path contentRoot) {
    JsonObject driver = new JsonObject();
    driver.addProperty("name", "skillsite audit");
    driver.addProperty("version", version);
    driver.addProperty(
        "informationUri", "https://github.com/skillsite/skillsite/blob/main/docs/audit.md");
    JsonArray rules = new JsonArray();
    Map<String, Integer> index = new HashMap<>();
    for (AuditRule r : table.rules()) {
      index.put(r.id(), rules.size());
      JsonObject o = new JsonObject();
      o.addProperty("id", r.id());
      o.addProperty("name", camel(r.id()));
      o.add("shortDescription", text(r.title()));
      o.add("fullDescription", text(r.why()));
      o.add("help", text(r.safe()));
      JsonObject config = new JsonObject();
      config.addProperty("level", level(r.severity()));
      o.add("defaultConfiguration", config);
      JsonObject props = new JsonObject();
      JsonArray tags = new JsonArray();
      tags.add("security");
      tags.add(r.category().id());
      props.add("tags", tags);
      props.addProperty(
          "security-severity",
          switch (r.severity()) {
            case DANGER -> "9.0";
            case WARNING -> "5.0";
            case INFO -> "1.0";
          });
      o.add("properties", props);
      rules.add(o);
    }
    driver.add("rules", rules);
    JsonObject tool = new JsonObject();
    tool.add("driver", driver);
    JsonArray results = new JsonArray();
    for (Finding f : findings) {
      JsonObject res = new JsonObject();
      res.addProperty("ruleId", f.rule());
      if (index.containsKey(f.rule())) {
        res.addProperty("ruleIndex", index.get(f.rule()));
      }
      res.addProperty("level", level(f.severity()));
      res.add(
          "message", text(f.message() + (f.excerpt().isEmpty() ? "" : " Found: " + f.excerpt())));
      JsonObject artifact = new JsonObject();
      artifact.addProperty("uri", uri(f.pos().path()));
      artifact.addProperty("uriBaseId", "CONTENTROOT");
      JsonObject region = new JsonObject();
      region.addProperty("startLine", f.pos().line());
      region.addProperty("startColumn", f.pos().col());
      if (!f.excerpt().isEmpty()) {
        region.add("snippet", text(f.excerpt()));
      }
      JsonObject physical = new JsonObject();
      physical.add("artifactLocation", artifact);
      physical.add("region", region);
      JsonObject location = new JsonObject();
      location.add("physicalLocation", physical);
      JsonArray locations = new JsonArray();
      locations.add(location);
      res.add("locations", locations);
      JsonObject fingerprints = new JsonObject();
      fingerprints.addProperty(
          "skillsiteFinding/v1",
          Integer.toHexString((f.rule() + "|" + f.pos().path() + "|" + f.excerpt()).hashCode()));
      res.add("partialFingerprints", fingerprints);
      results.add(res);
    }
    JsonObject run = new JsonObject();
    run.add("tool", tool);
    JsonObject base = new JsonObject();
    JsonObject rootUri = new JsonObject();
    rootUri.addProperty("uri", contentRoot.toAbsolutePath().normalize().toUri().toString());
    base.add("CONTENTROOT", rootUri);
    run.add("originalUriBaseIds", base);
    run.add("results", results);
    JsonArray runs = new JsonArray();
    runs.add(run);
    JsonObject log = new JsonObject();
    log.addProperty("$schema", SCHEMA);
    log.addProperty("version", "2.1.0");
    log.add("runs", runs);
    return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(log);
  }

  static String level(AuditSeverity s) {
    return switch (s) {
      case DANGER -> "error";
      case WARNING -> "warning";
      case INFO -> "note";
    };
  }

  private static JsonObject text(String s) {
    JsonObject o = new JsonObject();
    o.addProperty("text", s);
    return o;
  }

  /** A path as a relative URI reference: each segment percent-encoded where it must be. */
  private static String uri(String path) {
    StringBuilder sb = new StringBuilder();
    for (String seg : path.split("/", -1)) {
      if (sb.length() > 0) {
        sb.append('/');
      }
      sb.append(
          java.net.URLEncoder.encode(seg, java.nio.charset.StandardCharsets.UTF_8)
              .replace("+", "%20"));
    }
    return sb.toString();
  }

  private static String camel(String id) {
    StringBuilder sb = new StringBuilder();
    for (String part : id.split("-")) {
      sb.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
    }
    return sb.toString();
  }
}
