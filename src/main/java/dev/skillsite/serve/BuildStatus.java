package dev.skillsite.serve;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.List;

/**
 * The state a watching server reports to open pages: a version that changes on every good rebuild,
 * and the diagnostics of the last broken one. Thread-safe.
 */
public final class BuildStatus {
  private long version;
  private List<String> problems = List.of();

  /** A rebuild succeeded and was published. */
  public synchronized void published() {
    version++;
    problems = List.of();
  }

  /** A rebuild failed; the last good site stays served. */
  public synchronized void failed(List<String> diagnostics) {
    problems = List.copyOf(diagnostics);
  }

  public synchronized long version() {
    return version;
  }

  synchronized String json() {
    JsonObject o = new JsonObject();
    o.addProperty("version", version);
    o.addProperty("ok", problems.isEmpty());
    JsonArray a = new JsonArray();
    problems.forEach(a::add);
    o.add("diagnostics", a);
    return o.toString();
  }
}
