package dev.skillsite.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * A collection's audit settings, the {@code audit} key of its {@code skillsite.yaml}: {@code
 * enabled} (default true), {@code hide: danger} (leave skills with a danger finding out of the site
 * and the discovery index) and {@code baseline} (the accepted-findings file, relative to the
 * content root).
 */
public record AuditSettings(boolean enabled, boolean hideDanger, Optional<String> baseline) {
  public static final AuditSettings DEFAULTS = new AuditSettings(true, false, Optional.empty());

  /**
   * The settings in {@code contentRoot}'s skillsite.yaml; defaults when it has none or cannot be
   * read.
   */
  public static AuditSettings read(Path contentRoot) {
    for (String name : new String[] {"skillsite.yaml", "skillsite.yml"}) {
      Path file = contentRoot.resolve(name);
      if (Files.isRegularFile(file)) {
        try {
          Object root =
              new Load(LoadSettings.builder().setCodePointLimit(1 << 20).build())
                  .loadFromString(Files.readString(file, StandardCharsets.UTF_8));
          return root instanceof Map<?, ?> m && m.get("audit") instanceof Map<?, ?> a
              ? of(a)
              : DEFAULTS;
        } catch (IOException | YamlEngineException e) {
          return DEFAULTS; // the site config reader reports a broken file
        }
      }
    }
    return DEFAULTS;
  }

  private static AuditSettings of(Map<?, ?> a) {
    boolean enabled = !Boolean.FALSE.equals(a.get("enabled"));
    Object hide = a.get("hide");
    boolean hideDanger =
        "danger".equals(hide)
            || Boolean.TRUE.equals(hide)
            || Boolean.TRUE.equals(a.get("hideDanger"));
    Optional<String> baseline =
        a.get("baseline") instanceof String s && !s.isBlank() ? Optional.of(s) : Optional.empty();
    return new AuditSettings(enabled, hideDanger, baseline);
  }

  /** The baseline file: the configured one, else {@value Baseline#FILE}, at the content root. */
  public Path baselineFile(Path contentRoot) {
    return contentRoot.resolve(baseline.orElse(Baseline.FILE));
  }
}
