package dev.skillsite.audit;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.List;

/**
 * An audit as JSON: a summary and every finding ({@code path, line, col, severity, rule, category,
 * excerpt, message}).
 */
public final class AuditJson {
  public String format(AuditReport report, List<Finding> shown) {
    JsonObject root = new JsonObject();
    root.add("summary", summary(report));
    JsonArray list = new JsonArray();
    for (Finding f : shown) {
      list.add(finding(f));
    }
    root.add("findings", list);
    return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(root);
  }

  /** Counts for the collection: skills, skills with danger, findings by severity. */
  public static JsonObject summary(AuditReport report) {
    JsonObject o = new JsonObject();
    o.addProperty("skills", report.skills().size());
    o.addProperty("skillsWithDanger", report.dangerousSkills());
    o.addProperty("danger", report.count(AuditSeverity.DANGER));
    o.addProperty("warning", report.count(AuditSeverity.WARNING));
    o.addProperty("info", report.count(AuditSeverity.INFO));
    return o;
  }

  /** One skill's audit, as skills.json carries it: level, badge, counts and rule ids. */
  public static JsonObject skill(SkillAudit audit) {
    JsonObject o = new JsonObject();
    o.addProperty("level", audit.level());
    o.addProperty("badge", audit.badge());
    o.addProperty("danger", audit.dangers());
    o.addProperty("warning", audit.warnings());
    JsonArray rules = new JsonArray();
    audit.findings().stream()
        .filter(f -> f.severity() != AuditSeverity.INFO)
        .map(Finding::rule)
        .distinct()
        .forEach(rules::add);
    o.add("rules", rules);
    return o;
  }

  /** One finding as {@link #format} lists it. */
  public static JsonObject finding(Finding f) {
    JsonObject o = new JsonObject();
    o.addProperty("path", f.pos().path());
    o.addProperty("line", f.pos().line());
    o.addProperty("col", f.pos().col());
    o.addProperty("severity", f.severity().label());
    o.addProperty("rule", f.rule());
    o.addProperty("category", f.category().id());
    o.addProperty("excerpt", f.excerpt());
    o.addProperty("message", f.message());
    return o;
  }
}
