package dev.skillsite.audit;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Findings a maintainer reviewed and accepted: each entry names a rule, a file and the SHA-256 of
 * that file's content, so an accepted finding stays accepted until the file changes. Stored as
 * JSON, by default {@value #FILE} at the content root.
 */
public final class Baseline {
  public static final String FILE = "skillsite-audit-baseline.json";
  public static final Baseline EMPTY = new Baseline(Set.of());

  /** {@code rule|path|sha256}. */
  private final Set<String> accepted;

  private Baseline(Set<String> accepted) {
    this.accepted = Set.copyOf(accepted);
  }

  public int size() {
    return accepted.size();
  }

  /**
   * The baseline at {@code file}, empty when there is none; throws IOException for one that is not
   * valid.
   */
  public static Baseline read(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      return EMPTY;
    }
    try {
      JsonElement root = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8));
      Set<String> keys = new HashSet<>();
      for (JsonElement e : root.getAsJsonObject().getAsJsonArray("accepted")) {
        JsonObject o = e.getAsJsonObject();
        keys.add(
            o.get("rule").getAsString()
                + "|"
                + o.get("path").getAsString()
                + "|"
                + o.get("sha256").getAsString());
      }
      return new Baseline(keys);
    } catch (JsonParseException
        | IllegalStateException
        | NullPointerException
        | UnsupportedOperationException e) {
      throw new IOException(
          file
              + ":1:1: error: not a skillsite audit baseline (hint: expected"
              + " {\"accepted\": [{\"rule\", \"path\", \"sha256\"}]}; regenerate it with audit --update-baseline)",
          e);
    }
  }

  /** {@code report} without the findings this baseline accepts (their files unchanged). */
  public AuditReport apply(AuditReport report, Path contentRoot) throws IOException {
    if (accepted.isEmpty()) {
      return report;
    }
    Hashes hashes = new Hashes(contentRoot);
    List<SkillAudit> kept = new java.util.ArrayList<>();
    for (SkillAudit s : report.skills()) {
      List<Finding> left = new java.util.ArrayList<>();
      for (Finding f : s.findings()) {
        Optional<String> sha = hashes.of(f.pos().path());
        if (sha.isEmpty()
            || !accepted.contains(f.rule() + "|" + f.pos().path() + "|" + sha.get())) {
          left.add(f);
        }
      }
      kept.add(new SkillAudit(s.id(), s.name(), left));
    }
    return new AuditReport(kept);
  }

  /** A baseline accepting every finding of {@code report} above info, as JSON text. */
  public static String of(AuditReport report, Path contentRoot) throws IOException {
    Hashes hashes = new Hashes(contentRoot);
    JsonArray list = new JsonArray();
    Set<String> seen = new HashSet<>();
    for (Finding f : report.findings()) {
      Optional<String> sha = hashes.of(f.pos().path());
      if (f.severity() == AuditSeverity.INFO
          || sha.isEmpty()
          || !seen.add(f.rule() + "|" + f.pos().path())) {
        continue;
      }
      JsonObject o = new JsonObject();
      o.addProperty("rule", f.rule());
      o.addProperty("path", f.pos().path());
      o.addProperty("sha256", sha.get());
      o.addProperty("line", f.pos().line());
      o.addProperty("severity", f.severity().label());
      list.add(o);
    }
    JsonObject root = new JsonObject();
    root.addProperty(
        "about",
        "Findings of skillsite audit accepted after review; each holds until its file changes.");
    root.add("accepted", list);
    return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(root) + "\n";
  }

  /** SHA-256 of files under the content root, each computed once. */
  private static final class Hashes {
    private final Path root;
    private final Map<String, Optional<String>> cache = new HashMap<>();

    Hashes(Path root) {
      this.root = root;
    }

    Optional<String> of(String path) throws IOException {
      if (cache.containsKey(path)) {
        return cache.get(path);
      }
      Path file = root.resolve(path);
      Optional<String> sha = Optional.empty();
      if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
        try (InputStream in = Files.newInputStream(file)) {
          MessageDigest md = MessageDigest.getInstance("SHA-256");
          byte[] buf = new byte[1 << 16];
          for (int n; (n = in.read(buf)) > 0; ) {
            md.update(buf, 0, n);
          }
          sha = Optional.of(java.util.HexFormat.of().formatHex(md.digest()));
        } catch (NoSuchAlgorithmException e) {
          throw new IllegalStateException(e);
        }
      }
      cache.put(path, sha);
      return sha;
    }
  }
}
