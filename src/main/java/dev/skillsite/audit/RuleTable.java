package dev.skillsite.audit;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The audit's rules, read from one table ({@code rules.yaml} beside this class): each with its
 * severity, category, sentence, patterns and examples. {@code defs} name pattern fragments that
 * patterns use as {@code {{name}}}. Immutable and thread-safe.
 */
public final class RuleTable {
  private static final Pattern DEF = Pattern.compile("\\{\\{(\\w+)}}");
  private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.MULTILINE;

  /** The longest "rest of the line" a pattern reads (see {@link #bounded}). */
  static final int MAX_RUN = 400;

  private final List<AuditRule> rules;
  private final Optional<Pattern> context;

  RuleTable(List<AuditRule> rules, Optional<Pattern> context) {
    this.rules = List.copyOf(rules);
    this.context = context;
  }

  /**
   * The built-in table: its parsed form ({@link RuleTableCodec}) when the build left one made from
   * this {@code rules.yaml}, else the YAML parsed.
   */
  public static RuleTable standard() {
    byte[] yaml =
        RuleTableCodec.resource("rules.yaml")
            .orElseThrow(
                () -> new IllegalStateException("rules.yaml is missing from the classpath"));
    return RuleTableCodec.resource(RuleTableCodec.FILE)
        .flatMap(bin -> RuleTableCodec.read(bin, yaml))
        .orElseGet(() -> parse(new String(yaml, StandardCharsets.UTF_8)));
  }

  /**
   * A table from YAML text; throws {@link IllegalArgumentException} naming the rule that is
   * malformed.
   */
  @SuppressWarnings("unchecked")
  public static RuleTable parse(String yaml) {
    Map<String, Object> root =
        (Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromString(yaml);
    Map<String, String> defs = new LinkedHashMap<>();
    Object rawDefs = root.getOrDefault("defs", Map.of());
    for (Map.Entry<String, Object> e : ((Map<String, Object>) rawDefs).entrySet()) {
      defs.put(e.getKey(), expand(String.valueOf(e.getValue()), defs, e.getKey()));
    }
    List<AuditRule> rules = new ArrayList<>();
    for (Object o : (List<Object>) root.get("rules")) {
      Map<String, Object> r = (Map<String, Object>) o;
      String id =
          string(r, "id").orElseThrow(() -> new IllegalArgumentException("a rule without an id"));
      try {
        rules.add(rule(id, r, defs));
      } catch (RuntimeException e) {
        throw new IllegalArgumentException("rule " + id + ": " + e.getMessage(), e);
      }
    }
    Optional<Pattern> context =
        Optional.ofNullable(defs.get("docctx")).map(p -> Pattern.compile(p, FLAGS));
    return new RuleTable(rules, context);
  }

  @SuppressWarnings("unchecked")
  private static AuditRule rule(String id, Map<String, Object> r, Map<String, String> defs) {
    AuditSeverity severity =
        AuditSeverity.parse(string(r, "severity").orElse(""))
            .orElseThrow(
                () -> new IllegalArgumentException("severity must be info, warning or danger"));
    AuditCategory category =
        AuditCategory.parse(string(r, "category").orElse(""))
            .orElseThrow(
                () -> new IllegalArgumentException("unknown category " + r.get("category")));
    Map<String, Object> ex = (Map<String, Object>) r.getOrDefault("examples", Map.of());
    AuditRule.Examples examples =
        new AuditRule.Examples(
            list(ex, "positive"), list(ex, "negative"), list(ex, "lowered"), list(ex, "raised"));
    List<String> keywords =
        list(r, "keywords").stream().map(k -> k.toLowerCase(Locale.ROOT)).toList();
    return new AuditRule(
        id,
        severity,
        category,
        string(r, "title").orElse(id),
        required(r, "why"),
        required(r, "safe"),
        pattern(r, "match", defs),
        pattern(r, "near", defs),
        r.get("window") instanceof Integer w ? w : 0,
        pattern(r, "unless", defs),
        pattern(r, "lower", defs),
        pattern(r, "raise", defs),
        pattern(r, "described", defs),
        keywords,
        Set.copyOf(list(r, "files")),
        Boolean.TRUE.equals(r.get("hidden")),
        string(r, "detector"),
        examples);
  }

  private static Optional<Pattern> pattern(
      Map<String, Object> r, String key, Map<String, String> defs) {
    return string(r, key).map(p -> Pattern.compile(bounded(expand(p, defs, key)), FLAGS));
  }

  /**
   * {@code pattern} with each "rest of the line" ({@code [^\n]*}) reaching at most {@value
   * #MAX_RUN} characters: on a line of a hundred thousand characters (minified HTML, a data dump)
   * an unbounded run is tried from every start and the pattern takes quadratic time; a command and
   * what it acts on sit closer together than that.
   */
  static String bounded(String pattern) {
    return pattern.replace("[^\\n]*", "[^\\n]{0," + MAX_RUN + "}");
  }

  private static String expand(String pattern, Map<String, String> defs, String where) {
    Matcher m = DEF.matcher(pattern);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String def = defs.get(m.group(1));
      if (def == null) {
        throw new IllegalArgumentException(where + ": unknown def {{" + m.group(1) + "}}");
      }
      m.appendReplacement(sb, Matcher.quoteReplacement("(?:" + def + ")"));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  private static String required(Map<String, Object> r, String key) {
    return string(r, key).orElseThrow(() -> new IllegalArgumentException("missing '" + key + "'"));
  }

  private static Optional<String> string(Map<String, Object> r, String key) {
    return r.get(key) == null ? Optional.empty() : Optional.of(String.valueOf(r.get(key)).strip());
  }

  private static List<String> list(Map<String, Object> r, String key) {
    Object v = r.get(key);
    if (v == null) {
      return List.of();
    }
    if (v instanceof List<?> l) {
      return l.stream().map(String::valueOf).toList();
    }
    return List.of(String.valueOf(v));
  }

  /**
   * Words that mark a line as discussing what it quotes rather than doing it (never, avoid, detect,
   * pattern…): a match on such a line is one severity down. The {@code docctx} def.
   */
  public Optional<Pattern> context() {
    return context;
  }

  public List<AuditRule> rules() {
    return rules;
  }

  public Optional<AuditRule> rule(String id) {
    return rules.stream().filter(r -> r.id().equals(id)).findFirst();
  }
}
