package dev.skillsite.check;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.skillsite.model.Diagnostic;
import java.util.List;

/**
 * Findings as a JSON array of {@code {path, line, col, severity, code, message}}, in the order
 * given.
 */
public final class JsonFindings {
  public String format(List<Diagnostic> findings) {
    JsonArray array = new JsonArray();
    for (Diagnostic d : findings) {
      JsonObject o = new JsonObject();
      o.addProperty("path", d.pos().path());
      o.addProperty("line", d.pos().line());
      o.addProperty("col", d.pos().col());
      o.addProperty("severity", d.severity().label());
      o.addProperty("code", d.code());
      o.addProperty("message", d.message());
      array.add(o);
    }
    return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(array);
  }
}
