package dev.skillsite.site;

import dev.skillsite.markdown.LinkTargets;
import dev.skillsite.markdown.SourceDocument;
import dev.skillsite.model.ContentPaths;
import dev.skillsite.model.Diagnostic;
import dev.skillsite.model.Reference;
import dev.skillsite.model.Skill;
import dev.skillsite.model.SkillId;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The site's link targets as one skill's documents see them in a patch build ({@link
 * SkillPagesPatch}): what {@link LinkTable} answers in a whole build, with the other skills' pages
 * found by lookups in the last build's state (a target's folder and its parents: O(depth)) and the
 * anchors of another skill's document read from that document (only when a link asks for one).
 * Records the copies the documents' links publish.
 */
final class PatchLinks implements LinkTargets {
  private final Skill self;
  private final Map<String, Set<String>> anchors;
  private final ContentFiles files;
  private final SkillPagesPatch.Skills skills;
  private final DocumentPipeline pipeline;
  private final MarkdownBudget budget;
  private final Map<String, String> own = new HashMap<>();
  private final Map<String, Set<String>> foreign = new HashMap<>();
  private final Set<String> copies = new TreeSet<>();
  private final Set<String> reached = new TreeSet<>();
  private Optional<String> failed = Optional.empty();

  PatchLinks(
      Skill self,
      Map<String, Set<String>> anchors,
      Path contentRoot,
      SkillPagesPatch.Skills skills,
      DocumentPipeline pipeline,
      MarkdownBudget budget) {
    this.self = self;
    this.anchors = anchors;
    this.files = new ContentFiles(Optional.of(contentRoot));
    this.skills = skills;
    this.pipeline = pipeline;
    this.budget = budget;
    String page = SiteLayout.skill(self.id());
    own.put(self.source(), page);
    own.put(self.dir(), page);
    for (Reference ref : self.references()) {
      own.put(self.contentPath(ref), SiteLayout.reference(self.id(), ref.path()));
    }
  }

  /** The site paths of the copies the documents' links publish, sorted. */
  List<String> copies() {
    return List.copyOf(copies);
  }

  /**
   * The other skills' folders the documents' links reach (as {@link LinkTable#asked} notes them in
   * a whole build), sorted.
   */
  List<String> reached() {
    return List.copyOf(reached);
  }

  private void ask(String target) {
    reached.addAll(InboundLinks.reached(self.dir(), target, d -> skills.skillIn(d).isPresent()));
  }

  /** Why an answer could not be given (another skill that no longer reads), if so. */
  Optional<String> failed() {
    return failed;
  }

  /** A target as the whole build's table has it: the document it stands for and its page. */
  private record Located(SkillPagesPatch.Folder folder, String document, String page) {}

  private Optional<Located> locate(String target) {
    Optional<SkillPagesPatch.Folder> at = skills.skillIn(target);
    if (at.isPresent()) {
      return Optional.of(new Located(at.get(), at.get().source(), SiteLayout.skill(at.get().id())));
    }
    for (String dir = ContentPaths.parent(target); ; dir = ContentPaths.parent(dir)) {
      Optional<SkillPagesPatch.Folder> f = skills.skillIn(dir);
      if (f.isPresent()) {
        if (f.get().source().equals(target)) {
          return Optional.of(new Located(f.get(), target, SiteLayout.skill(f.get().id())));
        }
        if (f.get().references().contains(target)) {
          String inSkill = dir.isEmpty() ? target : target.substring(dir.length() + 1);
          return Optional.of(
              new Located(f.get(), target, SiteLayout.reference(f.get().id(), inSkill)));
        }
      }
      if (dir.isEmpty()) {
        return Optional.empty();
      }
    }
  }

  private String pageOf(String from) {
    return own.get(from);
  }

  @Override
  public Optional<String> page(String from, String target) {
    ask(target);
    Optional<String> page =
        own.containsKey(target) ? Optional.of(own.get(target)) : locate(target).map(Located::page);
    return page.map(p -> Urls.relative(pageOf(from), p));
  }

  @Override
  public boolean hasAnchor(String target, String anchor) {
    ask(target);
    if (own.containsKey(target)) {
      String doc = target.equals(self.dir()) ? self.source() : target;
      return anchors.getOrDefault(doc, Set.of()).contains(anchor);
    }
    Optional<Located> at = locate(target);
    if (at.isEmpty()) {
      return false;
    }
    return anchorsOf(at.get()).contains(anchor);
  }

  private Set<String> anchorsOf(Located at) {
    Set<String> known = foreign.get(at.document());
    if (known != null) {
      return known;
    }
    Set<String> ids = Set.of();
    try {
      Optional<Skill> other = skills.read(at.folder());
      if (other.isEmpty()) {
        failed = Optional.of(at.folder().id() + ", which a link points into, no longer reads");
      } else {
        List<SourceDocument> sources = DocumentPipeline.sources(other.get());
        Map<String, Diagnostic> plain = budget.overBudget(sources);
        ids = pipeline.anchorsOf(other.get(), plain).getOrDefault(at.document(), Set.of());
      }
    } catch (IOException e) {
      failed = Optional.of(at.folder().id() + " could not be read: " + e.getMessage());
    }
    foreign.put(at.document(), ids);
    return ids;
  }

  @Override
  public Optional<String> file(String from, String target) {
    ask(target);
    Optional<Path> source = files.publishable(target, self.dir());
    if (source.isEmpty()) {
      return Optional.empty();
    }
    String inSkill = self.dir().isEmpty() ? target : target.substring(self.dir().length() + 1);
    String copy = SiteLayout.file(self.id(), inSkill);
    copies.add(copy);
    return Optional.of(Urls.relative(pageOf(from), copy));
  }

  @Override
  public boolean exists(String target) {
    ask(target);
    return files.exists(target);
  }

  @Override
  public Optional<String> notARegularFile(String target) {
    ask(target);
    return files.notARegularFile(target);
  }

  @Override
  public String skill(String from, SkillId id) {
    return Urls.relative(pageOf(from), SiteLayout.skill(id));
  }
}
