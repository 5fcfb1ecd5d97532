package dev.skillsite.content;

import dev.skillsite.model.Catalog;
import dev.skillsite.model.ContentPaths;
import dev.skillsite.model.Diagnostic;
import dev.skillsite.model.Reference;
import dev.skillsite.model.SiteConfig;
import dev.skillsite.model.Skill;
import dev.skillsite.model.SkillId;
import dev.skillsite.model.SourcePos;
import dev.skillsite.model.Triggers;
import dev.skillsite.triggers.TriggerExtractor;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Loads a content tree into a {@link Catalog}: the first stage of a build.
 *
 * <ol>
 *   <li>{@link SkillScanner} walks the tree once (hidden folders included; {@code .git}, {@code
 *       node_modules} and symbolic links skipped) for every {@code SKILL.md}/{@code skill.md}, the
 *       other Markdown files and the {@code .claude-plugin/plugin.json} files, sorted by path in
 *       byte order.
 *   <li>{@link MarketplaceReader} reads {@code .claude-plugin/marketplace.json}; {@link
 *       SiteConfigReader} reads {@code skillsite.yaml}.
 *   <li>{@link SkillReader} parses every SKILL.md in parallel: strict UTF-8 (16 MiB cap),
 *       frontmatter by snakeyaml-engine with alias and size limits, {@link SkillValidator} checks,
 *       and the {@link ReferenceFinder} Markdown files beside it. A file with an error is skipped
 *       and listed in {@link Catalog#skippedSources()}.
 *   <li>{@link CollectionAssigner} puts each skill in a plugin collection or a folder collection;
 *       {@link SkillIds} gives unique slugs; {@link DeclaredRelations} resolves declared related
 *       skills.
 * </ol>
 *
 * <p>Bad content never throws: every problem is a {@link Diagnostic} in the catalog. Thread-safe;
 * one instance can load many trees.
 */
public final class ContentLoader {
  private final YamlComposer yaml = new YamlComposer();
  private final SkillScanner scanner = new SkillScanner();
  private final FrontmatterParser frontmatter = new FrontmatterParser(yaml);
  private final SkillValidator validator = new SkillValidator();
  private final MarketplaceReader marketplaceReader = new MarketplaceReader();
  private final PluginManifestReader pluginReader = new PluginManifestReader();
  private final SiteConfigReader configReader = new SiteConfigReader(yaml);
  private final CollectionAssigner collections = new CollectionAssigner();
  private final SkillIds ids = new SkillIds();
  private final DeclaredRelations relations = new DeclaredRelations();
  private final TriggerExtractor triggers = new TriggerExtractor();

  public ContentLoader() {}

  /**
   * @param contentRoot a folder of skills
   * @throws IOException only when {@code contentRoot} is not a readable folder
   */
  public Catalog load(Path contentRoot) throws IOException {
    return load(contentRoot, SkillScanner.MAX_SKILLS);
  }

  /** The default of {@code maxSkills}: most skills one build publishes unless told otherwise. */
  public static final int DEFAULT_MAX_SKILLS = SkillScanner.MAX_SKILLS;

  /**
   * @param maxSkills most skills to publish; skills past it in path order are an error each
   * @throws IOException only when {@code contentRoot} is not a readable folder
   */
  public Catalog load(Path contentRoot, int maxSkills) throws IOException {
    if (!Files.exists(contentRoot)) {
      throw new NoSuchFileException(contentRoot.toString(), null, "no such folder");
    }
    if (!Files.isDirectory(contentRoot)) {
      throw new NotDirectoryException(contentRoot.toString());
    }
    Path root = contentRoot.toRealPath();
    if (!Files.isReadable(root)) {
      throw new AccessDeniedException(root.toString());
    }
    List<Diagnostic> diagnostics = new ArrayList<>();
    ScanResult scan =
        (maxSkills == SkillScanner.MAX_SKILLS ? scanner : new SkillScanner(maxSkills)).scan(root);
    diagnostics.addAll(scan.diagnostics());
    if (scan.skillFiles().isEmpty()) {
      // almost always a wrong --content path: say so, so that `check --strict` in CI does not pass
      // on nothing
      diagnostics.add(
          Diagnostic.warning(
              SourcePos.of("."),
              "no-skills",
              "no SKILL.md (or skill.md) anywhere under this folder: the site has no skill"));
    }
    Marketplace marketplace = marketplaceReader.read(root, diagnostics);
    SiteSettings settings = configReader.read(root, marketplace, diagnostics);

    Set<String> skillDirs = new HashSet<>();
    scan.skillFiles().forEach(f -> skillDirs.add(ContentPaths.parent(f)));
    List<SkillDraft> drafts = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    readSkills(root, scan, skillDirs, drafts, skipped, diagnostics);
    if (!settings.publishPlaceholders()) {
      withoutPlaceholders(drafts, skipped, diagnostics);
    }

    List<PluginSpec> plugins =
        pluginReader.addManifests(
            root, marketplace.plugins(), scan.pluginManifests(), skillDirs, diagnostics);
    CollectionPlan plan =
        collections.assign(plugins, skillDirs, drafts, settings.config().title(), diagnostics);
    Map<String, SkillId> idBySource = ids.assign(drafts, plan.bySource(), diagnostics);
    Map<String, List<String>> related =
        relations.resolve(drafts, settings.relations(), diagnostics);
    List<Skill> skills = new ArrayList<>(drafts.size());
    for (SkillDraft d : drafts) {
      skills.add(
          new Skill(
              idBySource.get(d.source()),
              d.name(),
              d.header().description(),
              d.source(),
              plan.bySource().get(d.source()),
              d.frontmatter().values(),
              d.body(),
              d.frontmatter().bodyLine(),
              d.references(),
              Triggers.NONE,
              related.get(d.source())));
    }
    // the one place triggers are extracted: every later stage and command reads them from here
    skills = new ArrayList<>(skills.parallelStream().map(triggers::ensure).toList());
    skills.sort(Comparator.comparing(Skill::id));
    SiteConfig config = settings.config();
    return new Catalog(config, plan.collections(), skills, skipped, diagnostics);
  }

  /**
   * The site's settings as {@link #load} reads them ({@code skillsite.yaml}, the marketplace file),
   * without the skills: for a patch build, whose state's key already says they did not change.
   * Their warnings were the whole build's.
   */
  public SiteConfig config(Path contentRoot) throws IOException {
    Path root = contentRoot.toRealPath();
    List<Diagnostic> ignored = new ArrayList<>();
    return configReader.read(root, marketplaceReader.read(root, ignored), ignored).config();
  }

  /** A skill read again: the new version and its warnings. */
  public record Reloaded(Skill skill, List<Diagnostic> diagnostics) {}

  /**
   * Reads one skill of a loaded catalog again, after its SKILL.md or one of its reference files
   * changed. Empty when the change is more than an edit in place, so that only a full {@link #load}
   * can be trusted: the file has an error, its name (and so its id), declared related skills or set
   * of reference files changed, or a file became a symbolic link. Its triggers are extracted, as
   * {@link #load} does.
   */
  public Optional<Reloaded> reload(Path contentRoot, Skill old) throws IOException {
    Path root = contentRoot.toRealPath();
    List<String> files = new ArrayList<>();
    files.add(old.source());
    for (Reference ref : old.references()) {
      files.add(old.contentPath(ref));
    }
    for (String f : files) {
      if (Files.isSymbolicLink(root.resolve(f)) || !Files.isRegularFile(root.resolve(f))) {
        return Optional.empty();
      }
    }
    SkillReader reader =
        new SkillReader(
            root,
            frontmatter,
            validator,
            new ReferenceFinder(root, files.subList(1, files.size()), List.of(old.dir())));
    SkillDraft d;
    try {
      d = reader.read(old.source());
    } catch (ContentException e) {
      return Optional.empty();
    }
    List<String> oldRefs = old.references().stream().map(Reference::path).toList();
    List<String> newRefs = d.references().stream().map(Reference::path).toList();
    if (!d.name().equals(old.name())
        || !oldRefs.equals(newRefs)
        || !Objects.equals(
            old.frontmatter().get("metadata"), d.frontmatter().values().get("metadata"))
        || d.diagnostics().stream().anyMatch(Diagnostic::isError)) {
      return Optional.empty();
    }
    Skill skill =
        new Skill(
            old.id(),
            d.name(),
            d.header().description(),
            d.source(),
            old.collectionId(),
            d.frontmatter().values(),
            d.body(),
            d.frontmatter().bodyLine(),
            d.references(),
            Triggers.NONE,
            old.declaredRelated());
    return Optional.of(new Reloaded(triggers.ensure(skill), d.diagnostics()));
  }

  /**
   * Reads one skill of a loaded catalog again from what a patch build recorded of it (its id,
   * SKILL.md path, collection, reference files as content paths and declared related skills),
   * without comparing it with the old version: the caller compares digests. Empty when a file is
   * missing, a symbolic link, or has an error. Its triggers are extracted, as {@link #load} does.
   */
  public Optional<Reloaded> read(
      Path contentRoot,
      SkillId id,
      String source,
      String collectionId,
      List<String> referenceFiles,
      List<String> declaredRelated)
      throws IOException {
    Path root = contentRoot.toRealPath();
    List<String> files = new ArrayList<>();
    files.add(source);
    files.addAll(referenceFiles);
    for (String f : files) {
      if (Files.isSymbolicLink(root.resolve(f)) || !Files.isRegularFile(root.resolve(f))) {
        return Optional.empty();
      }
    }
    String dir = ContentPaths.parent(source);
    SkillReader reader =
        new SkillReader(
            root, frontmatter, validator, new ReferenceFinder(root, referenceFiles, List.of(dir)));
    SkillDraft d;
    try {
      d = reader.read(source);
    } catch (ContentException e) {
      return Optional.empty();
    }
    if (d.diagnostics().stream().anyMatch(Diagnostic::isError)) {
      return Optional.empty();
    }
    Skill skill =
        new Skill(
            id,
            d.name(),
            d.header().description(),
            d.source(),
            collectionId,
            d.frontmatter().values(),
            d.body(),
            d.frontmatter().bodyLine(),
            d.references(),
            Triggers.NONE,
            declaredRelated);
    return Optional.of(new Reloaded(triggers.ensure(skill), d.diagnostics()));
  }

  /** Parses every SKILL.md in parallel; results come back in scan (path) order. */
  private void readSkills(
      Path root,
      ScanResult scan,
      Set<String> skillDirs,
      List<SkillDraft> drafts,
      List<String> skipped,
      List<Diagnostic> diagnostics) {
    SkillReader reader =
        new SkillReader(
            root,
            frontmatter,
            validator,
            new ReferenceFinder(root, scan.markdownFiles(), skillDirs));
    List<Outcome> outcomes = scan.skillFiles().parallelStream().map(f -> read(reader, f)).toList();
    for (Outcome o : outcomes) {
      o.draft().ifPresentOrElse(drafts::add, () -> skipped.add(o.source()));
      diagnostics.addAll(o.diagnostics());
    }
  }

  /** Leaves skill templates out (their sources go to {@code skipped}), each with a warning. */
  private static void withoutPlaceholders(
      List<SkillDraft> drafts, List<String> skipped, List<Diagnostic> diagnostics) {
    drafts.removeIf(
        d -> {
          Optional<Diagnostic> placeholder = PlaceholderSkills.check(d);
          placeholder.ifPresent(
              p -> {
                diagnostics.add(p);
                skipped.add(d.source());
              });
          return placeholder.isPresent();
        });
  }

  private static Outcome read(SkillReader reader, String source) {
    try {
      SkillDraft draft = reader.read(source);
      return new Outcome(source, Optional.of(draft), draft.diagnostics());
    } catch (ContentException e) {
      return new Outcome(source, Optional.empty(), List.of(e.diagnostic()));
    }
  }

  private record Outcome(String source, Optional<SkillDraft> draft, List<Diagnostic> diagnostics) {}
}
