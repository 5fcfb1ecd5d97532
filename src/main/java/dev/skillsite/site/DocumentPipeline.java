package dev.skillsite.site;

import dev.skillsite.markdown.HtmlSpill;
import dev.skillsite.markdown.LinkTargets;
import dev.skillsite.markdown.MarkdownRenderer;
import dev.skillsite.markdown.MentionIndex;
import dev.skillsite.markdown.ParsedDocument;
import dev.skillsite.markdown.RenderedDocument;
import dev.skillsite.markdown.SourceDocument;
import dev.skillsite.model.Diagnostic;
import dev.skillsite.model.MarkdownText;
import dev.skillsite.model.Reference;
import dev.skillsite.model.Skill;
import dev.skillsite.model.SkillId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;

/**
 * Renders every skill's body and references, in parallel, parsing each document once: which mention
 * terms are distinctive is counted first from the documents' text; a document's own anchors are
 * known as soon as it is parsed, and a link to another document's anchor is taken as valid while
 * rendering and checked once every document is parsed (a document with such a link that turned out
 * broken is rendered again: rare). The result is what rendering against the complete link table
 * gives. Results come back in catalog order.
 */
final class DocumentPipeline {
  /** Ids the skill page template gives its own sections, which links may point at. */
  static final Set<String> SKILL_PAGE_IDS =
      Set.of(
          "ss-main",
          "ss-install",
          "ss-body",
          "ss-toc",
          "ss-references",
          "ss-related",
          "ss-mentioned-by",
          "ss-triggers");

  private final MarkdownRenderer markdown;
  private final MarkdownBudget budget;
  private final Optional<HtmlSpill> spill;
  private final boolean cache;

  DocumentPipeline(MarkdownRenderer markdown) {
    this(markdown, MarkdownBudget.DEFAULT);
  }

  DocumentPipeline(MarkdownRenderer markdown, MarkdownBudget budget) {
    this(markdown, budget, Optional.empty());
  }

  /**
   * @param spill where rendered markup waits for its page instead of the heap (a build's, not a
   *     watching server's: its documents outlive the build)
   */
  DocumentPipeline(MarkdownRenderer markdown, MarkdownBudget budget, Optional<HtmlSpill> spill) {
    this(markdown, budget, spill, true);
  }

  /**
   * @param cache whether the build cache will be written: with a spill file, each document's memo
   *     then waits there as the cache's record of it, else only whether it was used again is kept
   */
  DocumentPipeline(
      MarkdownRenderer markdown, MarkdownBudget budget, Optional<HtmlSpill> spill, boolean cache) {
    this.markdown = markdown;
    this.budget = budget;
    this.spill = spill;
    this.cache = cache;
  }

  /** {@code doc}, its markup moved to the spill file if there is one. */
  private RenderedDocument kept(RenderedDocument doc) {
    return spill.map(doc::spillTo).orElse(doc);
  }

  /**
   * @param anchors per document (content path), the ids its page has
   * @param all every skill's mention terms: what the documents were scanned for
   * @param mentions the distinctive mention terms the documents were cross-linked with
   */
  record Result(
      List<RenderedSkill> skills,
      LinkTable links,
      Map<String, Set<String>> anchors,
      MentionIndex all,
      MentionIndex mentions,
      Map<String, Memo> memos,
      Map<String, SpilledMemo> spilled,
      ForPatch facts) {
    /** What a later build can use of this one. */
    Reusable reusable() {
      return new Reusable(all, mentions, memos, spilled);
    }

    /** How many documents there are. */
    long total() {
      return memos.size() + spilled.size();
    }

    /**
     * How many documents were parsed and rendered, rather than used again from an earlier build.
     */
    long rendered() {
      return memos.values().stream().filter(m -> !m.reused()).count()
          + spilled.values().stream().filter(m -> !m.reused()).count();
    }
  }

  /**
   * What a patch build ({@link SkillPagesPatch}) compares of each skill's documents, in catalog
   * order, kept when the build writes a cache: the mention terms of other skills its documents use
   * (what decides which terms are distinctive) and a digest of its documents' anchors.
   */
  record ForPatch(List<List<String>> terms, List<String> anchors) {
    static final ForPatch NONE = new ForPatch(List.of(), List.of());
  }

  /**
   * What a later build uses of a rendering: every skill's mention terms (what its documents were
   * scanned for), the distinctive ones it cross-linked with, and its memos by document path. A
   * watching server keeps it in memory; the build cache ({@link DocumentCache}) keeps it in the
   * output folder.
   */
  record Reusable(
      MentionIndex all,
      MentionIndex mentions,
      Map<String, Memo> memos,
      Map<String, SpilledMemo> spilled) {
    Reusable(MentionIndex all, MentionIndex mentions, Map<String, Memo> memos) {
      this(all, mentions, memos, Map.of());
    }
  }

  /**
   * A memo of a build that spills (not a watching server's: it keeps its memos to use again): the
   * build cache's record of it ({@link DocumentCache}), {@code size} bytes at {@code at} of the
   * spill file, when the build writes a cache, and whether the document was used again.
   */
  record SpilledMemo(Optional<HtmlSpill> file, long at, int size, boolean reused)
      implements Recorded {
    /** The cache record, as {@link DocumentCache} wrote it. */
    byte[] record() {
      return file.orElseThrow(() -> new IllegalStateException("memo kept without its record"))
          .read(at, size);
    }
  }

  /**
   * A document as rendered, with what rendering asked the link table and the answers: a later build
   * may use the rendered document again when the source is the same and every question gets the
   * same answer.
   */
  record Memo(
      Fingerprint source,
      RenderedDocument doc,
      Set<String> anchors,
      List<Question> asked,
      boolean reused,
      Set<String> prose)
      implements Recorded {
    /**
     * Used again in a build whose scan of the same text is {@code scan}, its document as {@code
     * kept}.
     */
    Memo again(Scan scan, RenderedDocument kept) {
      return new Memo(source, kept, anchors, asked, true, scan.prose());
    }

    /** The same memo, its document's markup and table of contents in {@code file}. */
    Memo spillTo(HtmlSpill file) {
      return new Memo(source, doc.spillTo(file), anchors, asked, reused, prose);
    }
  }

  /**
   * A document's memo as the build keeps it: whole ({@link Memo}, for a watching server to use
   * again), or as its cache record on disk ({@link SpilledMemo}, a spilling build: made as soon as
   * the document is rendered, so that no memo waits in memory while every link is checked).
   */
  sealed interface Recorded permits Memo, SpilledMemo {}

  /**
   * What a build reads of a document before rendering anything: its fingerprint and the mention
   * terms its prose uses ({@link MarkdownRenderer#mentionedTerms}).
   */
  record Scan(Fingerprint source, Set<String> prose) {}

  /**
   * What a memo keeps of its source: the document's place and its text as two 64-bit hashes (FNV-1a
   * and a polynomial hash), so that the build cache need not hold every source text. A collision
   * could only show an earlier rendering of the same file.
   */
  record Fingerprint(
      String path, String skill, String skillDir, int firstLine, int length, long fnv, long poly) {
    static Fingerprint of(SourceDocument s) {
      MarkdownText m = s.text(); // hashed as loaded: a reference's text is not read here
      return new Fingerprint(
          s.path(), s.skill().value(), s.skillDir(), s.firstLine(), m.length(), m.fnv(), m.poly());
    }

    /**
     * A fingerprint no document has: what a document shown as plain text leaves, so that it is
     * never reused.
     */
    static Fingerprint never(SourceDocument s) {
      return new Fingerprint(s.path(), s.skill().value(), s.skillDir(), s.firstLine(), -1, 0, 0);
    }
  }

  /**
   * The {@link LinkTargets} calls; an anchor of another document is checked only once all are
   * parsed.
   */
  enum Asked {
    PAGE,
    ANCHOR,
    FOREIGN_ANCHOR,
    FILE,
    EXISTS,
    SKILL,
    NOT_REGULAR
  }

  /** One call rendering made to {@link LinkTargets}, and what it returned. */
  record Question(Asked method, String first, String second, Object answer) {}

  /** An anchor of another document a rendering took as there ({@code answer}) or not. */
  private record Relied(String target, String anchor, boolean answer) {}

  /**
   * A document rendered before every anchor was known, with the other documents' anchors it relied
   * on.
   */
  private record Draft(
      SourceDocument source, RenderedDocument doc, List<Relied> relied, Recorded memo) {
    boolean holds(LinkTable links) {
      return relied.stream().allMatch(r -> links.hasAnchor(r.target(), r.anchor()) == r.answer());
    }
  }

  /**
   * Syntax trees are not kept between documents: they are many times larger than their text, and a
   * large collection's would not fit in a small heap.
   */
  Result render(List<Skill> skills, ContentFiles files) {
    return render(skills, files, () -> false, Optional.empty());
  }

  /**
   * Like {@link #render(List, ContentFiles)}, giving up (with {@link CancellationException}) once
   * {@code stop} says the result is no longer wanted (checked before each skill). A document of
   * {@code previous} (the last build of a watching server) whose source is the same is used again
   * instead of being parsed and rendered, when the distinctive mention terms are the same and the
   * link table answers every question its rendering asked as it did then. The result is the same as
   * without {@code previous}.
   */
  Result render(
      List<Skill> skills, ContentFiles files, BooleanSupplier stop, Optional<Reusable> previous) {
    MentionIndex all = MentionIndex.of(skills);
    // a document whose text the last build scanned for the same terms uses what was found then
    Map<String, Memo> scanned =
        previous.filter(p -> p.all().equals(all)).map(Reusable::memos).orElse(Map.of());
    Map<String, Scan> scans = new ConcurrentHashMap<>();
    Map<String, Diagnostic> plain =
        budget
            .forSkills(skills.size())
            .overBudget(skills.stream().flatMap(s -> sources(s).stream()).toList());
    // the terms each skill's documents use are dropped once counted: only the distinctive ones stay
    List<Set<String>> used = scan(skills, all, plain, scanned, scans);
    List<List<String>> terms = cache ? othersTerms(skills, all, used) : List.of();
    MentionIndex mentions = distinctive(all, skills, used);
    used.clear();
    Map<String, Memo> memos =
        previous.filter(p -> p.mentions().equals(mentions)).map(Reusable::memos).orElse(Map.of());
    Map<String, Set<String>> anchors = new ConcurrentHashMap<>();
    LinkTable links = new LinkTable(skills, anchors, files);
    // results go into a list of our own, not a stream's: a finished stream's tasks can stay
    // reachable from the pool, and with them every draft
    List<List<Draft>> drafts = new ArrayList<>(Collections.nCopies(skills.size(), List.of()));
    IntStream.range(0, skills.size())
        .parallel()
        .forEach(
            i -> {
              Skill skill = skills.get(i);
              if (stop.getAsBoolean()) {
                throw new CancellationException("documents no longer wanted");
              }
              drafts.set(
                  i,
                  sources(skill).stream()
                      .map(
                          source ->
                              plain.containsKey(source.path())
                                  ? plain(
                                      skill,
                                      source,
                                      anchors,
                                      plain.get(source.path()),
                                      scans.get(source.path()))
                                  : again(
                                          source,
                                          links,
                                          anchors,
                                          memos.get(source.path()),
                                          scans.get(source.path()))
                                      .orElseGet(
                                          () ->
                                              draft(
                                                  skill,
                                                  source,
                                                  links,
                                                  anchors,
                                                  mentions,
                                                  scans.get(source.path()))))
                      .toList());
            });
    List<RenderedSkill> rendered = new ArrayList<>();
    Map<String, Memo> kept = new HashMap<>();
    Map<String, SpilledMemo> spilled = new HashMap<>();
    for (int i = 0; i < skills.size(); i++) {
      List<RenderedDocument> docs = new ArrayList<>();
      List<Draft> mine = drafts.get(i);
      drafts.set(i, List.of()); // what is spilled is no longer held
      for (Draft d : mine) {
        String path = d.source().path();
        Draft done =
            d.holds(links)
                ? d
                : render(d.source(), anchors.get(path), links, mentions, true, scans.get(path));
        docs.add(done.doc());
        if (done.memo() instanceof SpilledMemo m) {
          spilled.put(path, m);
        } else if (done.memo() instanceof Memo m) {
          kept.put(path, m);
        }
      }
      rendered.add(assemble(skills.get(i), docs));
    }
    scans.clear();
    ForPatch facts = ForPatch.NONE;
    if (cache) {
      List<String> digests = new ArrayList<>(skills.size());
      for (Skill s : skills) {
        digests.add(anchorDigest(s, anchors));
      }
      facts = new ForPatch(terms, digests);
    }
    if (spill.isPresent()) {
      // every link is checked and every memo recorded: the anchors are no longer asked about
      anchors.clear();
      return new Result(
          rendered, links, Map.of(), all, mentions, Map.of(), Map.copyOf(spilled), facts);
    }
    return new Result(
        rendered, links, Map.copyOf(anchors), all, mentions, Map.copyOf(kept), Map.of(), facts);
  }

  /** Per skill, the terms of other skills its documents use, sorted. */
  private static List<List<String>> othersTerms(
      List<Skill> skills, MentionIndex all, List<Set<String>> used) {
    List<List<String>> out = new ArrayList<>(skills.size());
    for (int i = 0; i < skills.size(); i++) {
      SkillId id = skills.get(i).id();
      out.add(
          used.get(i).stream()
              .filter(t -> all.owner(t).filter(id::equals).isEmpty())
              .sorted()
              .toList());
    }
    return out;
  }

  /** A digest of the anchors of a skill's documents (path and sorted ids, in document order). */
  static String anchorDigest(Skill skill, Map<String, Set<String>> anchors) {
    StringBuilder sb = new StringBuilder();
    for (SourceDocument d : sources(skill)) {
      sb.append(d.path()).append('\u0000');
      anchors.getOrDefault(d.path(), Set.of()).stream()
          .sorted()
          .forEach(a -> sb.append(a).append('\u0001'));
      sb.append('\u0000');
    }
    return SkillPagesPatch.sha256(sb.toString());
  }

  /**
   * A patch build's rendering of one skill's documents ({@link SkillPagesPatch}): against {@code
   * links} (answered from the last build's state), cross-linked with {@code mentions}, the
   * documents in {@code plain} shown as plain text; what the whole build would render for it when
   * the site's documents and terms are otherwise as they were.
   */
  RenderedSkill patched(
      Skill skill, LinkTargets links, MentionIndex mentions, Map<String, Diagnostic> plain) {
    return renderOne(skill, links, mentions, plain);
  }

  /**
   * As {@link #patched}, the body only: the references stand as {@link RenderedDocument#unrendered}
   * documents. For a skill page made again for its related list or health section, which shows of
   * its references only their paths and titles.
   */
  RenderedSkill patchedBody(
      Skill skill, LinkTargets links, MentionIndex mentions, Map<String, Diagnostic> plain) {
    List<SourceDocument> sources = sources(skill);
    SourceDocument body = sources.get(0);
    List<RenderedDocument> docs = new ArrayList<>();
    docs.add(
        plain.containsKey(body.path())
            ? markdown.plainText(body, budget.plainTextChars(), plain.get(body.path()))
            : markdown.render(markdown.parse(body), links, mentions));
    for (int i = 1; i < sources.size(); i++) {
      docs.add(RenderedDocument.unrendered());
    }
    return assemble(skill, docs);
  }

  /** The anchors of a skill's documents as a whole build has them ({@code plain}: no headings). */
  Map<String, Set<String>> anchorsOf(Skill skill, Map<String, Diagnostic> plain) {
    Map<String, Set<String>> anchors = new HashMap<>();
    for (SourceDocument source : sources(skill)) {
      Set<String> headings =
          plain.containsKey(source.path())
              ? Set.of()
              : Set.copyOf(markdown.outline(source).anchors());
      anchors.put(source.path(), pageIds(skill, source.path(), headings));
    }
    return anchors;
  }

  /** The budget this pipeline renders under. */
  MarkdownBudget budget() {
    return budget;
  }

  /** {@code memo} as this build keeps it: as it is, or spilled (see {@link Recorded}). */
  private Recorded recorded(Memo memo) {
    return spill.isPresent() ? spilled(memo) : memo;
  }

  /** {@code memo} as a spilling build keeps it: its cache record in the spill file, if wanted. */
  private SpilledMemo spilled(Memo memo) {
    if (!cache) {
      return new SpilledMemo(Optional.empty(), 0, 0, memo.reused());
    }
    byte[] record = DocumentCache.record(memo);
    HtmlSpill file = spill.orElseThrow();
    return new SpilledMemo(Optional.of(file), file.append(record), record.length, memo.reused());
  }

  /**
   * Reads each document's fingerprint and the mention terms its prose uses into {@code scans}
   * (terms as the index's own strings: a large site's documents repeat them); returns per skill the
   * terms its documents use.
   */
  private List<Set<String>> scan(
      List<Skill> skills,
      MentionIndex all,
      Map<String, Diagnostic> plain,
      Map<String, Memo> scanned,
      Map<String, Scan> scans) {
    Map<String, String> own = new HashMap<>();
    all.terms().keySet().forEach(t -> own.put(t, t));
    List<Set<String>> used = new ArrayList<>(Collections.nCopies(skills.size(), Set.of()));
    IntStream.range(0, skills.size())
        .parallel()
        .forEach(
            i -> {
              Skill s = skills.get(i);
              Set<String> terms = new TreeSet<>();
              sources(s)
                  .forEach(
                      doc -> {
                        Fingerprint print =
                            plain.containsKey(doc.path())
                                ? Fingerprint.never(doc)
                                : Fingerprint.of(doc);
                        Memo before = scanned.get(doc.path());
                        Set<String> found =
                            plain.containsKey(doc.path())
                                ? Set.of()
                                : before != null && before.source().equals(print)
                                    ? before.prose()
                                    : canonical(markdown.mentionedTerms(doc.markdown(), all), own);
                        scans.put(doc.path(), new Scan(print, found));
                        terms.addAll(found);
                      });
              used.set(i, terms);
            });
    return used;
  }

  private static Set<String> canonical(Set<String> terms, Map<String, String> own) {
    return Set.copyOf(terms.stream().map(t -> own.getOrDefault(t, t)).toList());
  }

  /**
   * The previous rendering of a document, if its memo still holds against this build's link table.
   */
  private Optional<Draft> again(
      SourceDocument source,
      LinkTable links,
      Map<String, Set<String>> anchors,
      Memo memo,
      Scan scan) {
    if (memo == null || !memo.source().equals(scan.source())) {
      return Optional.empty();
    }
    Consulting replay = new Consulting(links, source.path(), memo.anchors(), false, false);
    List<Relied> relied = new ArrayList<>();
    for (Question q : memo.asked()) {
      if (q.method() == Asked.FOREIGN_ANCHOR) {
        relied.add(
            new Relied(q.first(), q.second(), (Boolean) q.answer())); // checked once all are parsed
      } else if (!Objects.equals(replay.ask(q), q.answer())) {
        return Optional.empty();
      }
    }
    // the same answers: publish its anchors and the copies its links need, as rendering it would
    // have
    anchors.put(source.path(), memo.anchors());
    memo.asked().forEach(q -> links.asked(source.path(), q));
    memo.asked().stream()
        .filter(q -> q.method() == Asked.FILE)
        .forEach(q -> links.file(q.first(), q.second()));
    Memo again =
        memo.again(scan, kept(memo.doc())); // an earlier build's markup waits as new markup
    return Optional.of(new Draft(source, again.doc(), relied, recorded(again)));
  }

  /**
   * A document over the build's Markdown budget: plain text, no anchors of its own, never used
   * again.
   */
  private Draft plain(
      Skill skill,
      SourceDocument source,
      Map<String, Set<String>> anchors,
      Diagnostic why,
      Scan scan) {
    Set<String> own = pageIds(skill, source.path(), Set.of());
    anchors.put(source.path(), own);
    RenderedDocument doc = kept(markdown.plainText(source, budget.plainTextChars(), why));
    return new Draft(
        source,
        doc,
        List.of(),
        recorded(new Memo(scan.source(), doc, own, List.of(), false, scan.prose())));
  }

  /**
   * Parses and renders one document, publishing its anchors and assuming other documents' anchors
   * exist.
   */
  private Draft draft(
      Skill skill,
      SourceDocument source,
      LinkTable links,
      Map<String, Set<String>> anchors,
      MentionIndex mentions,
      Scan scan) {
    ParsedDocument parsed = markdown.parse(source);
    Set<String> own = pageIds(skill, source.path(), parsed.anchors());
    anchors.put(source.path(), own);
    return render(parsed, own, links, mentions, false, scan);
  }

  /**
   * Renders a document again once every anchor is known (its draft relied on an anchor that is not
   * there).
   */
  private Draft render(
      SourceDocument source,
      Set<String> own,
      LinkTable links,
      MentionIndex mentions,
      boolean complete,
      Scan scan) {
    return render(markdown.parse(source), own, links, mentions, complete, scan);
  }

  private Draft render(
      ParsedDocument parsed,
      Set<String> own,
      LinkTable links,
      MentionIndex mentions,
      boolean complete,
      Scan scan) {
    SourceDocument source = parsed.source();
    Consulting consulting = new Consulting(links, source.path(), own, true, complete);
    RenderedDocument doc = kept(markdown.render(parsed, consulting, mentions));
    consulting.asked.forEach(q -> links.asked(source.path(), q));
    return new Draft(
        source,
        doc,
        consulting.relied,
        recorded(
            new Memo(scan.source(), doc, own, List.copyOf(consulting.asked), false, scan.prose())));
  }

  /**
   * The link table as one document sees it: its own anchors are known; another document's are
   * assumed to exist while documents are still being parsed, or looked up once the table is {@code
   * complete}, and noted either way, to be checked. Records every question asked; when not {@code
   * publishing}, file questions do not record copies (a replay that may not be used).
   */
  private static final class Consulting implements LinkTargets {
    private final LinkTable links;
    private final String self;
    private final Set<String> own;
    private final boolean publishing;
    private final boolean complete;
    final List<Relied> relied = new ArrayList<>();
    final List<Question> asked = new ArrayList<>();

    Consulting(
        LinkTable links, String self, Set<String> own, boolean publishing, boolean complete) {
      this.links = links;
      this.self = self;
      this.own = own;
      this.publishing = publishing;
      this.complete = complete;
    }

    /** Asks {@code q}'s question again. */
    Object ask(Question q) {
      return switch (q.method()) {
        case PAGE -> page(q.first(), q.second());
        case ANCHOR, FOREIGN_ANCHOR -> hasAnchor(q.first(), q.second());
        case FILE -> file(q.first(), q.second());
        case EXISTS -> exists(q.first());
        case SKILL -> skill(q.first(), new SkillId(q.second()));
        case NOT_REGULAR -> notARegularFile(q.first());
      };
    }

    private <T> T answer(Asked method, String first, String second, T answer) {
      asked.add(new Question(method, first, second, answer));
      return answer;
    }

    @Override
    public Optional<String> page(String from, String target) {
      return answer(Asked.PAGE, from, target, links.page(from, target));
    }

    @Override
    public boolean hasAnchor(String target, String anchor) {
      if (links.documentOf(target).equals(self)) {
        return answer(Asked.ANCHOR, target, anchor, own.contains(anchor));
      }
      boolean there = !complete || links.hasAnchor(target, anchor);
      relied.add(new Relied(target, anchor, there));
      return answer(Asked.FOREIGN_ANCHOR, target, anchor, there);
    }

    @Override
    public Optional<String> file(String from, String target) {
      return answer(
          Asked.FILE,
          from,
          target,
          publishing ? links.file(from, target) : links.fileHref(from, target));
    }

    @Override
    public boolean exists(String target) {
      return answer(Asked.EXISTS, target, "", links.exists(target));
    }

    @Override
    public Optional<String> notARegularFile(String target) {
      return answer(Asked.NOT_REGULAR, target, "", links.notARegularFile(target));
    }

    @Override
    public String skill(String from, SkillId id) {
      return answer(Asked.SKILL, from, id.value(), links.skill(from, id));
    }
  }

  /**
   * Renders one skill again after its files changed, against the rest of the site as it was: its
   * own anchors are read anew; which mention terms are distinctive stays as in {@code before}.
   */
  Again renderAgain(Skill skill, List<Skill> skills, Result before, ContentFiles files) {
    Map<String, Diagnostic> plain =
        budget
            .forSkills(skills.size())
            .overBudget(
                skills.stream()
                    .map(s -> s.id().equals(skill.id()) ? skill : s)
                    .flatMap(s -> sources(s).stream())
                    .toList());
    Map<String, Set<String>> anchors = new HashMap<>(before.anchors());
    for (SourceDocument source : sources(skill)) {
      Set<String> headings =
          plain.containsKey(source.path())
              ? Set.of()
              : Set.copyOf(markdown.outline(source).anchors());
      anchors.put(source.path(), pageIds(skill, source.path(), headings));
    }
    LinkTable links = new LinkTable(skills, anchors, files);
    return new Again(renderOne(skill, links, before.mentions(), plain), links);
  }

  /**
   * A skill rendered again, with the link table that knows which content files its pages need
   * copied.
   */
  record Again(RenderedSkill skill, LinkTable links) {}

  private RenderedSkill renderOne(
      Skill skill, LinkTargets links, MentionIndex mentions, Map<String, Diagnostic> plain) {
    return assemble(
        skill,
        sources(skill).stream()
            .map(
                source ->
                    plain.containsKey(source.path())
                        ? markdown.plainText(
                            source, budget.plainTextChars(), plain.get(source.path()))
                        : markdown.render(markdown.parse(source), links, mentions))
            .toList());
  }

  /** The skill with its rendered documents: body first, then references in order. */
  private static RenderedSkill assemble(Skill skill, List<RenderedDocument> docs) {
    List<RenderedSkill.RenderedReference> refs = new ArrayList<>();
    List<Reference> references = skill.references();
    for (int r = 0; r < references.size(); r++) {
      refs.add(new RenderedSkill.RenderedReference(references.get(r), docs.get(r + 1)));
    }
    return new RenderedSkill(skill, docs.get(0), refs);
  }

  /**
   * The ids a document's page has: its headings', and the skill page's own sections for a SKILL.md.
   */
  static Set<String> pageIds(Skill skill, String path, Set<String> headingIds) {
    Set<String> ids = new HashSet<>(headingIds);
    if (path.equals(skill.source())) {
      ids.addAll(SKILL_PAGE_IDS);
    }
    return Set.copyOf(
        ids); // compact: a large site holds every document's ids until its pages are written
  }

  /** Drops the terms that many skills use in passing: they name no one skill in particular. */
  private static MentionIndex distinctive(
      MentionIndex all, List<Skill> skills, List<Set<String>> used) {
    Map<String, Integer> spread = new HashMap<>();
    for (int i = 0; i < skills.size(); i++) {
      for (String term : used.get(i)) {
        if (all.owner(term).filter(skills.get(i).id()::equals).isEmpty()) {
          spread.merge(term, 1, Integer::sum);
        }
      }
    }
    return all.withoutCommon(spread, skills.size());
  }

  /**
   * The skill's body, then its references. The body is the skill's own {@link
   * dev.skillsite.model.MarkdownText}, read again from its SKILL.md when a renderer asks for it: a
   * document waiting to be rendered (every skill's, between the drafts and the links checked) must
   * not hold its text, nor must a count of the lengths read every body.
   */
  static List<SourceDocument> sources(Skill skill) {
    List<SourceDocument> docs = new ArrayList<>();
    docs.add(
        new SourceDocument(
            skill.source(),
            skill.id(),
            skill.dir(),
            skill.bodyText(),
            Math.max(1, skill.bodyLine())));
    for (Reference ref : skill.references()) {
      docs.add(new SourceDocument(skill.contentPath(ref), skill.id(), skill.dir(), ref.text(), 1));
    }
    return docs;
  }
}
