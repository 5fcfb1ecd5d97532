package dev.skillsite.audit;

import dev.skillsite.model.Catalog;
import dev.skillsite.model.Skill;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Audits every file of every skill for what it would make an agent do, with the rules of a {@link
 * RuleTable}. Each file is read up to {@link SkillFiles#MAX_BYTES} and given {@value #FILE_MILLIS}
 * ms. Thread-safe.
 */
public final class Auditor {
  /** The time one file may take before its audit stops. */
  static final long FILE_MILLIS = 2000;

  private final RuleTable table;
  private final PatternScanner patterns;
  private final Detectors detectors;

  public Auditor(RuleTable table) {
    this.table = table;
    this.patterns = new PatternScanner(table.rules(), table.context());
    this.detectors = new Detectors(table);
  }

  public static Auditor standard() {
    return new Auditor(RuleTable.standard());
  }

  public RuleTable table() {
    return table;
  }

  /** Audits every skill of {@code catalog}, loaded from {@code contentRoot}, in parallel. */
  public AuditReport audit(Catalog catalog, Path contentRoot) throws IOException {
    return auditAll(catalog, contentRoot, Optional.empty());
  }

  /**
   * As {@link #audit(Catalog, Path)}, taking the findings of each file whose bytes {@code memo}
   * knows from it, and keeping every file's findings in it.
   */
  private AuditReport auditAll(Catalog catalog, Path contentRoot, Optional<AuditMemo> memo)
      throws IOException {
    try {
      return new AuditReport(
          catalog.skills().parallelStream()
              .map(
                  s -> {
                    try {
                      return audit(s, contentRoot, memo);
                    } catch (IOException e) {
                      throw new UncheckedIOException(e);
                    }
                  })
              .toList());
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /**
   * Audits every skill of {@code catalog}, then drops the findings the baseline at {@code
   * baselineFile} accepts (the content root's {@value Baseline#FILE} unless given).
   */
  public AuditReport audit(Catalog catalog, Path contentRoot, Optional<Path> baselineFile)
      throws IOException {
    return audit(catalog, contentRoot, baselineFile, Optional.empty());
  }

  /**
   * As {@link #audit(Catalog, Path, Optional)}, with the findings of the files {@code memo} knows
   * (same path, same bytes) taken from it instead of scanning them again; every file's findings are
   * kept in it for the next audit.
   */
  public AuditReport audit(
      Catalog catalog, Path contentRoot, Optional<Path> baselineFile, Optional<AuditMemo> memo)
      throws IOException {
    Baseline baseline = Baseline.read(baselineFile.orElse(contentRoot.resolve(Baseline.FILE)));
    return baseline.apply(auditAll(catalog, contentRoot, memo), contentRoot);
  }

  /** Audits one skill: every file in its folder. */
  public SkillAudit audit(Skill skill, Path contentRoot) throws IOException {
    return audit(skill, contentRoot, Optional.empty());
  }

  /**
   * Audits one skill, taking each file's findings from {@code memo} where it holds the same bytes
   * (and keeping the new ones there).
   */
  public SkillAudit audit(Skill skill, Path contentRoot, Optional<AuditMemo> memo)
      throws IOException {
    List<SkillFile> files = SkillFiles.read(contentRoot, skill.dir());
    return new SkillAudit(
        skill.id(), skill.name(), audit(files, skill.frontmatter(), skill.description(), memo));
  }

  List<Finding> audit(List<SkillFile> files, Map<String, Object> frontmatter, String description) {
    return audit(files, frontmatter, description, Optional.empty());
  }

  private List<Finding> audit(
      List<SkillFile> files,
      Map<String, Object> frontmatter,
      String description,
      Optional<AuditMemo> memo) {
    List<Finding> found = new ArrayList<>();
    for (SkillFile f : files) {
      Optional<String> entry = memo.map(m -> AuditMemo.entry(f));
      Optional<List<Finding>> kept = entry.flatMap(e -> memo.get().get(e));
      if (kept.isPresent()) {
        found.addAll(kept.get());
        continue;
      }
      List<Finding> own = new ArrayList<>(detectors.file(f));
      boolean complete = true;
      try {
        own.addAll(patterns.scan(f, Deadline.in(FILE_MILLIS)));
      } catch (Deadline.Expired e) {
        detectors.timedOut(f).ifPresent(own::add);
        complete = false;
      }
      if (complete && entry.isPresent()) {
        memo.get().put(entry.get(), own);
      }
      found.addAll(own);
    }
    found = described(found, description);
    Optional<SkillFile> skillMd =
        files.stream().filter(f -> f.inSkill().equals("SKILL.md")).findFirst();
    found.addAll(detectors.skill(files, skillMd, frontmatter, description, List.copyOf(found)));
    return found;
  }

  /**
   * {@code found} with each finding of a rule with a {@code described} pattern one step down when
   * it is at the rule's own severity (neither lowered nor raised) and the description names the
   * service the pattern finds in its excerpt: the skill is about that service.
   */
  private List<Finding> described(List<Finding> found, String description) {
    List<Finding> out = new ArrayList<>(found.size());
    for (Finding f : found) {
      Optional<AuditRule> rule =
          table
              .rule(f.rule())
              .filter(r -> r.described().isPresent() && r.severity() == f.severity());
      Optional<String> service =
          rule.map(r -> r.described().get().matcher(f.excerpt()))
              .filter(Matcher::find)
              .map(m -> m.group(1));
      boolean named =
          service.isPresent()
              && Pattern.compile(
                      "\\b" + Pattern.quote(service.get()),
                      Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE)
                  .matcher(description)
                  .find();
      out.add(named ? f.withSeverity(f.severity().lower()) : f);
    }
    return out;
  }
}
