package dev.skillsite.site;

import dev.skillsite.markdown.LinkTargets;
import dev.skillsite.model.Reference;
import dev.skillsite.model.Skill;
import dev.skillsite.model.SkillId;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The site's link targets: which page publishes each Markdown file and skill folder, which anchors
 * each page has, and which content files are copied (collected while documents render;
 * thread-safe).
 */
final class LinkTable implements LinkTargets {
  private final Map<String, String> pages = new HashMap<>();
  private final Map<String, Skill> owners = new HashMap<>();
  private final Map<String, String> documentOfFolder = new HashMap<>();
  private final Map<String, Set<String>> anchors;
  private final ContentFiles files;
  private final ConcurrentSkipListMap<String, Path> copies = new ConcurrentSkipListMap<>();
  private final Set<String> inbound = java.util.concurrent.ConcurrentHashMap.newKeySet();

  /**
   * @param anchors per document (content path), the ids its page has; read, not copied, so that it
   *     may still be filled while documents render (see {@link DocumentPipeline})
   */
  LinkTable(List<Skill> skills, Map<String, Set<String>> anchors, ContentFiles files) {
    this.anchors = anchors;
    this.files = files;
    for (Skill skill : skills) {
      String page = SiteLayout.skill(skill.id());
      pages.put(skill.source(), page);
      pages.put(skill.dir(), page);
      owners.put(skill.source(), skill);
      documentOfFolder.put(skill.dir(), skill.source());
      for (Reference ref : skill.references()) {
        String path = skill.contentPath(ref);
        pages.put(path, SiteLayout.reference(skill.id(), ref.path()));
        owners.put(path, skill);
      }
    }
  }

  /** The site page of a document (content path of a SKILL.md or reference). */
  String pageOf(String document) {
    return pages.get(document);
  }

  @Override
  public Optional<String> page(String from, String target) {
    return Optional.ofNullable(pages.get(target)).map(p -> Urls.relative(pageOf(from), p));
  }

  @Override
  public boolean hasAnchor(String target, String anchor) {
    return anchors.getOrDefault(documentOf(target), Set.of()).contains(anchor);
  }

  /** The document a link target stands for: itself, or the SKILL.md of a skill folder. */
  String documentOf(String target) {
    return owners.containsKey(target) ? target : documentOfFolder.getOrDefault(target, target);
  }

  @Override
  public Optional<String> file(String from, String target) {
    Optional<Map.Entry<String, Path>> copy = copyOf(from, target);
    copy.ifPresent(c -> copies.putIfAbsent(c.getKey(), c.getValue()));
    return copy.map(c -> Urls.relative(pageOf(from), c.getKey()));
  }

  /** What {@link #file} answers, without recording the copy. */
  Optional<String> fileHref(String from, String target) {
    return copyOf(from, target).map(c -> Urls.relative(pageOf(from), c.getKey()));
  }

  /** The site path and source of the copy {@link #file} publishes, if it may be published. */
  private Optional<Map.Entry<String, Path>> copyOf(String from, String target) {
    Skill skill = owners.get(from);
    Optional<Path> source = files.publishable(target, skill.dir());
    if (source.isEmpty()) {
      return Optional.empty();
    }
    String inSkill = skill.dir().isEmpty() ? target : target.substring(skill.dir().length() + 1);
    return Optional.of(Map.entry(SiteLayout.file(skill.id(), inSkill), source.get()));
  }

  @Override
  public boolean exists(String target) {
    return files.exists(target);
  }

  @Override
  public Optional<String> notARegularFile(String target) {
    return files.notARegularFile(target);
  }

  @Override
  public String skill(String from, SkillId id) {
    return Urls.relative(pageOf(from), SiteLayout.skill(id));
  }

  /**
   * Notes the skill folders {@code q}, asked by the document {@code from}, reaches from outside
   * ({@link InboundLinks}).
   */
  void asked(String from, DocumentPipeline.Question q) {
    String target = InboundLinks.target(q);
    Skill asker = owners.get(from);
    if (target != null && asker != null) {
      inbound.addAll(InboundLinks.reached(asker.dir(), target, documentOfFolder::containsKey));
    }
  }

  /** The skill folders some other skill's document asked about, sorted. */
  SortedSet<String> inbound() {
    return new TreeSet<>(inbound);
  }

  /** Content files to copy: site path → file, sorted. */
  SortedMap<String, Path> copies() {
    return new TreeMap<>(copies);
  }
}
