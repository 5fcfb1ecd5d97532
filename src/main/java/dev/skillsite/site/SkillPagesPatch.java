package dev.skillsite.site;

import dev.skillsite.cache.BuildCache;
import dev.skillsite.cache.RecordTable;
import dev.skillsite.check.RoutingHealthView;
import dev.skillsite.markdown.MarkdownRenderer;
import dev.skillsite.markdown.MentionIndex;
import dev.skillsite.markdown.SourceDocument;
import dev.skillsite.model.Diagnostic;
import dev.skillsite.model.SiteConfig;
import dev.skillsite.model.Skill;
import dev.skillsite.model.SkillId;
import dev.skillsite.site.view.HtmlBlock;
import dev.skillsite.site.view.InstallView;
import dev.skillsite.site.view.LinkView;
import dev.skillsite.site.view.PageView;
import dev.skillsite.site.view.RelatedCard;
import dev.skillsite.site.view.SiteView;
import dev.skillsite.site.view.SkillAuditView;
import dev.skillsite.site.view.SkillPage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A patch build's pages side for an edit of a skill's Markdown (its SKILL.md body, a reference):
 * the skill's page and reference pages rendered again by the code a whole build uses, with the
 * parts of its page that depend on other skills (related cards, "mentioned by", routing health,
 * audit, collection, install) and the site's link targets and mention terms taken from what the
 * last whole build recorded ({@value #PATH}: a {@link RecordTable}, looked up, never read whole).
 *
 * <p>A changed description or summary is patched here and said ({@link State#summaryChanged},
 * {@link State#descriptionChanged}): the caller stages the cards, lists and catalogs and the other
 * skills' pages showing the summary. It refuses (the build falls back) whenever the edit could
 * change a page of another skill or a list in a way it does not follow: the skill's name,
 * frontmatter but its description, related skills or files, its triggers (phrases, keywords, the
 * number of clauses: the trigger index), the skills it mentions (their "mentioned by"), the anchors
 * of its documents (links to them from other pages), the terms of other skills its prose uses
 * (which terms are distinctive), the files its documents link to (copies), or a site-wide Markdown
 * budget reached.
 *
 * <p>The same class renders any skill's page again with another related list or health section
 * ({@link Overrides}): what the routing side hands over when an edit moves other skills' rankings.
 */
public final class SkillPagesPatch {
  /** Where the record lives in a site. */
  public static final String PATH = BuildCache.FOLDER + "/patch/pages.tab";

  private static final String SITE = "site";
  private static final String SKILL = "s:";
  private static final String TERM = "t:";
  private static final String WORD = "w:";
  // a skill folder some other skill's document links into (InboundLinks), and that they are kept
  private static final String INBOUND = "l:";
  private static final String INBOUND_KEPT = "links";

  /** A skill folder of the last build, as the patch state has it. */
  public record Folder(SkillId id, String source, List<String> references) {
    public String dir() {
      int slash = source.lastIndexOf('/');
      return slash < 0 ? "" : source.substring(0, slash);
    }
  }

  /** What the patch state answers about the last build's skills. */
  public interface Skills {
    /** The skill whose folder is {@code dir} (a content path, "" for the root). */
    Optional<Folder> skillIn(String dir);

    /** The skill of {@code folder} read again from the content folder, if it reads. */
    Optional<Skill> read(Folder folder) throws IOException;
  }

  /**
   * Another related list or routing health section for a skill's page than the last build's: what
   * the routing side computes when an edit moves rankings or similar skills.
   */
  public record Overrides(
      Map<SkillId, List<RelatedSkill>> related,
      Map<SkillId, List<RoutingHealthView.SkillHealth>> health) {
    public static final Overrides NONE = new Overrides(Map.of(), Map.of());

    public Overrides {
      related = Map.copyOf(related);
      health = Map.copyOf(health);
    }

    /** These overrides without the health sections of {@code ids}. */
    public Overrides without(java.util.Set<SkillId> ids) {
      if (ids.isEmpty()) {
        return this;
      }
      Map<SkillId, List<RoutingHealthView.SkillHealth>> kept = new java.util.HashMap<>(health);
      kept.keySet().removeAll(ids);
      return new Overrides(related, kept);
    }
  }

  /** The files staged (site paths) and the documents' diagnostics, or why not. */
  public record Outcome(
      List<String> staged,
      List<Diagnostic> diagnostics,
      Optional<String> refused,
      Optional<List<RoutingHealthView.SkillHealth>> section) {
    Outcome(List<String> staged, List<Diagnostic> diagnostics, Optional<String> refused) {
      this(staged, diagnostics, refused, Optional.empty());
    }

    static Outcome refuse(String why) {
      return new Outcome(List.of(), List.of(), Optional.of(why));
    }
  }

  private final PageRenderer pages;
  private final MarkdownRenderer markdown = new MarkdownRenderer();
  private final DocumentPipeline pipeline = new DocumentPipeline(markdown);

  /**
   * @param userTemplates the user's templates folder (the state's key includes their digest)
   */
  public SkillPagesPatch(Optional<Path> userTemplates) {
    this.pages =
        new PageRenderer(userTemplates, java.util.EnumSet.of(PageKind.SKILL, PageKind.REFERENCE));
  }

  /** The last build's record: opened for a patch, closed with it. */
  public static final class State implements AutoCloseable {
    private final RecordTable table;
    private final SiteRecord site;
    private final Map<SkillId, Long> patchedChars = new java.util.HashMap<>();
    private final Map<SkillId, String> summaries = new java.util.HashMap<>();
    private final Map<SkillId, String> described = new java.util.HashMap<>();
    private final Map<SkillId, String> newSummaries = new java.util.TreeMap<>();
    private final Set<SkillId> newDescriptions = new TreeSet<>();
    // anchors' digests patches gave skills whose references were added or deleted, and the skills
    // of this patch whose anchors may change (no other skill's document links into their folder)
    private final Map<SkillId, String> anchors = new java.util.HashMap<>();
    private final Set<SkillId> anchorsFree = new TreeSet<>();
    private final Map<SkillId, Boolean> served = new TreeMap<>();
    private Optional<InstallTargets> installs = Optional.empty();
    // the flags of the mention words and the records of the terms looked up by this patch
    private final Map<String, Byte> words = new ConcurrentHashMap<>();
    private final Map<String, Optional<byte[]>> termRecords = new ConcurrentHashMap<>();
    private boolean memo = WORD_MEMO;
    // the reference paths (in the skill's folder) the record's head hashes, where they differ
    private final Map<SkillId, List<String>> headReferences = new java.util.HashMap<>();
    private long total;

    private State(RecordTable table, SiteRecord site) {
      this.table = table;
      this.site = site;
      this.total = site.chars();
    }

    /**
     * What patches since the record was written changed of it: the Markdown characters of the
     * skills they patched and the site's total (the record has the whole build's).
     */
    public void patched(Map<SkillId, Long> chars, java.util.OptionalLong siteTotal) {
      patchedChars.putAll(chars);
      total = siteTotal.orElse(site.chars());
    }

    /**
     * What patches since the record was written changed of the skills' cards: the summaries (which
     * other skills' related cards and "mentioned by" lists show) and the digests of the
     * descriptions of the skills they patched.
     */
    /**
     * The digests of anchors earlier patches gave skills whose references they added or deleted
     * ({@link #anchors}), by id.
     */
    public void patchedAnchors(Map<SkillId, String> digests) {
      anchors.putAll(digests);
    }

    /** The anchors' digests patched so far, this patch's included. */
    public Map<SkillId, String> anchors() {
      return Map.copyOf(anchors);
    }

    /**
     * Lets this patch change {@code id}'s anchors (a reference of it added or deleted): the caller
     * has proved that no other skill's document links into its folder ({@link #unlinked}), and its
     * own documents are all made again.
     */
    public void anchorsMayChange(SkillId id) {
      anchorsFree.add(id);
    }

    /**
     * The skills whose download patches changed since the last whole build ({@code archived}:
     * whether each is served as an archive now, the last whole build serving the other kind), and
     * the site's settings ({@code config}, with the build's base URL) their install views are made
     * from: a page made again shows the install view of its download now.
     */
    public void served(Map<SkillId, Boolean> archived, SiteConfig config) {
      served.putAll(archived);
      if (!archived.isEmpty()) {
        installs = Optional.of(new InstallTargets(config, new InstallCommand(config)));
      }
    }

    /**
     * The install view of {@code now}'s page {@code page} whose download changed kind ({@code
     * archive}: an archive now, else its SKILL.md alone): made as a whole build makes it, with the
     * collection the page names; empty unless the view the last build's download gives is the one
     * recorded ({@code parts}), which proves the settings and collection the same.
     */
    private Optional<InstallView> install(Skill now, Parts parts, String page, boolean archive) {
      if (installs.isEmpty()) {
        return Optional.empty();
      }
      Optional<dev.skillsite.model.Collection> collection =
          parts.collection().href().isEmpty()
              ? Optional.empty()
              : Optional.of(
                  new dev.skillsite.model.Collection(
                      "",
                      parts.collection().label(),
                      "",
                      Optional.empty(),
                      Optional.empty(),
                      List.of(),
                      Optional.empty()));
      Optional<InstallTargets.Download> alone =
          parts.rawHref().isEmpty()
              ? Optional.empty()
              : Optional.of(new InstallTargets.Download(SiteLayout.rawSkill(now.id()), false));
      Optional<InstallTargets.Download> archived =
          Optional.of(new InstallTargets.Download(SiteLayout.archive(now.id()), true));
      InstallView was = installs.get().view(now, collection, archive ? alone : archived, page);
      if (!was.equals(parts.install())) {
        return Optional.empty();
      }
      return Optional.of(installs.get().view(now, collection, archive ? archived : alone, page));
    }

    /**
     * The reference paths (in the skill's folder, the finder's order) the record's head of {@code
     * id} was made with, when a patch added or deleted a reference since: the head is compared with
     * them in place of the skill's own.
     */
    public void referencesRecorded(SkillId id, List<String> paths) {
      headReferences.put(id, List.copyOf(paths));
    }

    public void patchedCards(Map<SkillId, String> summaries, Map<SkillId, String> descriptions) {
      this.summaries.putAll(summaries);
      this.described.putAll(descriptions);
    }

    /** The patched skills' summaries, those of this patch included. */
    public Map<SkillId, String> summaries() {
      return Map.copyOf(summaries);
    }

    /** The digests of the patched skills' descriptions, those of this patch included. */
    public Map<SkillId, String> descriptions() {
      return Map.copyOf(described);
    }

    /**
     * The skills of this patch whose summary changed, with the new one: the pages showing their
     * related card or listing them as "mentioned by" change, and so do their cards.
     */
    public Map<SkillId, String> summaryChanged() {
      return Map.copyOf(newSummaries);
    }

    /**
     * The skills of this patch whose description changed (their cards, catalog entries and the
     * discovery index's entry change).
     */
    public Set<SkillId> descriptionChanged() {
      return Set.copyOf(newDescriptions);
    }

    /**
     * The skills whose pages show {@code id}'s summary in the last build's record: the skills it
     * mentions (their "mentioned by" lists). Empty when it has no record.
     */
    public List<SkillId> mentioned(SkillId id) {
      return skill(id).map(r -> r.mentions().stream().map(SkillId::new).toList()).orElse(List.of());
    }

    /** The patched skills' Markdown characters, those of this patch included. */
    public Map<SkillId, Long> patchedChars() {
      return Map.copyOf(patchedChars);
    }

    /** The site's Markdown characters counted against the build's budget, this patch included. */
    public long total() {
      return total;
    }

    /** The record of the published site {@code published}, if it has a readable one. */
    public static Optional<State> open(Path published) {
      Optional<RecordTable> t = RecordTable.open(published.resolve(PATH));
      if (t.isEmpty()) {
        return Optional.empty();
      }
      try {
        Optional<byte[]> site = t.get().get(SITE);
        if (site.isPresent()) {
          return Optional.of(new State(t.get(), SiteRecord.decode(site.get())));
        }
      } catch (IOException | RuntimeException e) {
        // not ours
      }
      try {
        t.get().close();
      } catch (IOException e) {
        // read only
      }
      return Optional.empty();
    }

    /**
     * Whether no document of another skill asked the last whole build about a path in the skill
     * folder {@code dir} (its files, folders, pages or anchors), and no patch since could have made
     * one ask ({@link InboundLinks}): false when the record does not keep them.
     */
    public boolean unlinked(String dir) {
      return table.get(INBOUND_KEPT).isPresent() && table.get(INBOUND + dir).isEmpty();
    }

    Optional<SkillRecord> skill(SkillId id) {
      try {
        Optional<byte[]> b = table.get(SKILL + id.value());
        return b.isEmpty() ? Optional.empty() : Optional.of(SkillRecord.decode(inflate(b.get())));
      } catch (IOException | RuntimeException e) {
        return Optional.empty();
      }
    }

    /**
     * {@code parts} of the page at {@code page} with the summaries patches changed since the record
     * was written: in its related cards and its "mentioned by" list (both show a skill's summary).
     * O(the patched skills).
     */
    Parts current(Parts parts, String page) {
      if (summaries.isEmpty()) {
        return parts;
      }
      Map<String, String> byHref = new java.util.HashMap<>();
      summaries.forEach((id, s) -> byHref.put(Urls.relative(page, SiteLayout.skill(id)), s));
      List<RelatedCard> related =
          parts.related().stream()
              .map(
                  c ->
                      byHref.containsKey(c.href())
                          ? new RelatedCard(
                              c.href(),
                              c.name(),
                              byHref.get(c.href()),
                              c.reason(),
                              c.declared(),
                              c.repoLabel(),
                              c.stars(),
                              c.forks())
                          : c)
              .toList();
      List<LinkView> mentionedBy =
          parts.mentionedBy().stream()
              .map(
                  l ->
                      byHref.containsKey(l.href())
                          ? new LinkView(l.href(), l.label(), byHref.get(l.href()))
                          : l)
              .toList();
      return new Parts(
          parts.install(),
          parts.sourceUrl(),
          parts.rawHref(),
          parts.collection(),
          related,
          mentionedBy,
          parts.health(),
          parts.audit(),
          parts.mentionedByMore());
    }

    /** The related cards of {@code id}'s page as the last build made them (for tests). */
    public Optional<List<RelatedCard>> related(SkillId id) throws IOException {
      return skill(id).isEmpty() ? Optional.empty() : Optional.of(skill(id).get().page().related());
    }

    /** The routing health section of {@code id}'s page as the last build made it. */
    public Optional<List<RoutingHealthView.SkillHealth>> health(SkillId id) throws IOException {
      return skill(id).isEmpty() ? Optional.empty() : Optional.of(skill(id).get().page().health());
    }

    /** The mention terms as the last build had them: every one, or only the distinctive ones. */
    MentionIndex terms(boolean distinctive) {
      return MentionIndex.lookingUp(
          new MentionIndex.Lookup() {
            @Override
            public Optional<SkillId> owner(String term) {
              return termRecord(term)
                  .filter(b -> !distinctive || b[b.length - 1] == 1)
                  .map(b -> new SkillId(new String(b, 0, b.length - 1, StandardCharsets.UTF_8)));
            }

            @Override
            public boolean startsTerm(String word) {
              return (wordFlags(word) & (distinctive ? 2 : 1)) != 0;
            }

            @Override
            public int maxWords() {
              return distinctive ? site.distinctMax() : site.allMax();
            }
          });
    }

    /**
     * The flags of {@code word}'s record (bit 0: it starts a term, bit 1: a distinctive one; 0: no
     * record), looked up once per word for both indexes of {@link #terms} and every page this patch
     * makes: most of a text's words are common ones, asked again and again.
     */
    private int wordFlags(String word) {
      if (!memo) {
        return table.get(WORD + word).map(b -> (int) b[0]).orElse(0);
      }
      Byte f = words.get(word);
      if (f == null) {
        f = table.get(WORD + word).map(b -> b[0]).orElse((byte) 0);
        if (words.size() < MEMO_MAX) {
          words.put(word, f);
        }
      }
      return f;
    }

    /** The record of the term {@code term}, looked up once per term this patch asks about. */
    private Optional<byte[]> termRecord(String term) {
      if (!memo) {
        return table.get(TERM + term);
      }
      Optional<byte[]> r = termRecords.get(term);
      if (r == null) {
        r = table.get(TERM + term);
        if (termRecords.size() < MEMO_MAX) {
          termRecords.put(term, r);
        }
      }
      return r;
    }

    /** This state asking the table each time (for tests: the memo's answers compared). */
    State withoutMemo() {
      memo = false;
      return this;
    }

    @Override
    public void close() throws IOException {
      table.close();
    }
  }

  /**
   * Whether a patch's lookups of mention words and terms are kept for the rest of the patch ({@code
   * -Dskillsite.wordMemo=false}: each asked of the table).
   */
  static final boolean WORD_MEMO = !"false".equals(System.getProperty("skillsite.wordMemo"));

  /**
   * Whether a page made again only for its lists renders its skill's body alone ({@code
   * -Dskillsite.bodyOnly=false}: every document, as for an edited skill).
   */
  static final boolean BODY_ONLY = !"false".equals(System.getProperty("skillsite.bodyOnly"));

  /**
   * Whether a page made again only for its routing health section (an unchanged skill, no related
   * list of its own in the patch) is the published page with that section replaced ({@link
   * #spliceHealth}; {@code -Dskillsite.spliceHealth=false}: made whole).
   */
  public static final boolean SPLICE_HEALTH =
      !"false".equals(System.getProperty("skillsite.spliceHealth"));

  private static final byte[] HEALTH_OPEN =
      "<section class=\"skill-health\"".getBytes(StandardCharsets.UTF_8);

  /**
   * Whether a page showing the routing health section {@code before} shows {@code after} alike: the
   * site shows who wins and a margin ({@link RoutingHealthView#SCORE_BUCKETS}), the templates are
   * ours, and the two read the same as shown ({@link RoutingHealthView.SkillHealth#shown}: the
   * scores as margins). Such a page is not made again.
   */
  public boolean shownAlike(
      List<RoutingHealthView.SkillHealth> before, List<RoutingHealthView.SkillHealth> after) {
    return RoutingHealthView.SCORE_BUCKETS
        && pages.packaged()
        && before.size() == after.size()
        && before.stream()
            .map(RoutingHealthView.SkillHealth::shown)
            .toList()
            .equals(after.stream().map(RoutingHealthView.SkillHealth::shown).toList());
  }

  /**
   * The page of {@code id}, a skill this patch did not change, with its routing health section
   * replaced by {@code after}, staged from the published page in {@code site}. A skill page shows
   * at most one section ({@link SkillPages}), written by {@code partials/skill-health}: the only
   * {@code <section class="skill-health"} of the page (the body's HTML keeps no section element,
   * the rest is the templates' with its text escaped) to its first {@code </section>} (the partial
   * nests none), between text of the template that does not depend on the section. That span is
   * replaced by the one the partial renders for {@code after} alone. Empty when this does not apply
   * and the page is to be made whole: the switch is off, the templates are a user's, there is no
   * published page, it shows no such section or more than one, {@code after} is not one section
   * that shows, or a skill whose summary this patch changed is linked before the section (a related
   * card or "mentioned by" entry showing it). Else whether the page changed: false when the section
   * reads as before and {@code dropIdentical} (nothing staged).
   */
  public Optional<Boolean> spliceHealth(
      State state,
      SkillId id,
      List<RoutingHealthView.SkillHealth> after,
      Path site,
      Path staging,
      boolean dropIdentical)
      throws IOException {
    if (!SPLICE_HEALTH || after.size() != 1 || after.get(0).isEmpty()) {
      return Optional.empty();
    }
    Optional<String> rendered = pages.skillHealth(after);
    if (rendered.isEmpty()) {
      return Optional.empty();
    }
    byte[] section = span(rendered.get().getBytes(StandardCharsets.UTF_8));
    String page = SiteLayout.skill(id);
    Path at = site.resolve(page);
    if (section == null || !Files.isRegularFile(at, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return Optional.empty();
    }
    byte[] published = Files.readAllBytes(at);
    int from = indexOf(published, HEALTH_OPEN, 0);
    if (from < 0 || indexOf(published, HEALTH_OPEN, from + 1) >= 0) {
      return Optional.empty();
    }
    int close = indexOf(published, HEALTH_CLOSE, from);
    if (close < 0) {
      return Optional.empty();
    }
    int to = close + HEALTH_CLOSE.length;
    for (SkillId changed : state.newSummaries.keySet()) {
      byte[] href =
          ("\"" + Urls.relative(page, SiteLayout.skill(changed)) + "\"")
              .getBytes(StandardCharsets.UTF_8);
      int h = indexOf(published, href, 0);
      if (h >= 0 && h < from) {
        return Optional.empty();
      }
    }
    if (dropIdentical && java.util.Arrays.equals(published, from, to, section, 0, section.length)) {
      return Optional.of(false);
    }
    byte[] made = new byte[published.length - (to - from) + section.length];
    System.arraycopy(published, 0, made, 0, from);
    System.arraycopy(section, 0, made, from, section.length);
    System.arraycopy(published, to, made, from + section.length, published.length - to);
    Path out = staging.resolve(page);
    Files.createDirectories(out.getParent());
    Files.write(out, made);
    return Optional.of(true);
  }

  private static final byte[] HEALTH_CLOSE = "</section>".getBytes(StandardCharsets.UTF_8);

  /** {@code <section class="skill-health" … </section>} of a rendered section; null if not one. */
  private static byte[] span(byte[] rendered) {
    int from = indexOf(rendered, HEALTH_OPEN, 0);
    if (from < 0 || indexOf(rendered, HEALTH_OPEN, from + 1) >= 0) {
      return null;
    }
    int close = indexOf(rendered, HEALTH_CLOSE, from);
    if (close < 0 || indexOf(rendered, HEALTH_CLOSE, close + 1) >= 0) {
      return null;
    }
    return java.util.Arrays.copyOfRange(rendered, from, close + HEALTH_CLOSE.length);
  }

  private static int indexOf(byte[] in, byte[] what, int from) {
    outer:
    for (int i = Math.max(0, from); i <= in.length - what.length; i++) {
      for (int k = 0; k < what.length; k++) {
        if (in[i + k] != what[k]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  /** At most this many words (and terms) kept by a patch: a bound on its memory, not a tuning. */
  private static final int MEMO_MAX = 1 << 18;

  /** The site-wide part of the record. */
  record SiteRecord(
      SiteView view,
      String title,
      Optional<String> base,
      int skills,
      long chars,
      long perBuild,
      int allMax,
      int distinctMax,
      String repoLabel,
      String stars,
      String forks) {
    byte[] encode() {
      return ViewCodec.encode(
          view, title, base, skills, chars, perBuild, allMax, distinctMax, repoLabel, stars, forks);
    }

    @SuppressWarnings("unchecked")
    static SiteRecord decode(byte[] b) throws IOException {
      List<Object> v = ViewCodec.decode(b);
      return new SiteRecord(
          (SiteView) v.get(0),
          (String) v.get(1),
          (Optional<String>) v.get(2),
          (Integer) v.get(3),
          (Long) v.get(4),
          (Long) v.get(5),
          (Integer) v.get(6),
          (Integer) v.get(7),
          (String) v.get(8),
          (String) v.get(9),
          (String) v.get(10));
    }
  }

  /** One skill's part: what a patch compares, and its page's parts that depend on others. */
  record SkillRecord(
      String head,
      String described,
      String triggered,
      String name,
      String summary,
      boolean ownSummary,
      long chars,
      String anchors,
      List<String> terms,
      List<String> mentions,
      List<String> copies,
      byte[] parts) {
    byte[] encode() {
      try {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeUTF(head);
        out.writeUTF(described);
        out.writeUTF(triggered);
        string(out, name);
        string(out, summary);
        out.writeBoolean(ownSummary);
        out.writeLong(chars);
        out.writeUTF(anchors);
        strings(out, terms);
        strings(out, mentions);
        strings(out, copies);
        out.writeInt(parts.length);
        out.write(parts);
        out.flush();
        return bytes.toByteArray();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    static SkillRecord decode(byte[] b) throws IOException {
      DataInputStream in = new DataInputStream(new ByteArrayInputStream(b));
      String head = in.readUTF();
      String described = in.readUTF();
      String triggered = in.readUTF();
      String name = string(in);
      String summary = string(in);
      boolean own = in.readBoolean();
      long chars = in.readLong();
      String anchors = in.readUTF();
      List<String> terms = strings(in);
      List<String> mentions = strings(in);
      List<String> copies = strings(in);
      byte[] parts = new byte[in.readInt()];
      in.readFully(parts);
      return new SkillRecord(
          head, described, triggered, name, summary, own, chars, anchors, terms, mentions, copies,
          parts);
    }

    Parts page() throws IOException {
      return Parts.decode(parts);
    }
  }

  /** The parts of a skill's page a patch takes from the last build (they depend on others). */
  record Parts(
      InstallView install,
      String sourceUrl,
      String rawHref,
      LinkView collection,
      List<RelatedCard> related,
      List<LinkView> mentionedBy,
      List<RoutingHealthView.SkillHealth> health,
      SkillAuditView audit,
      int mentionedByMore) {
    static Parts of(SkillPage p) {
      return new Parts(
          p.install(),
          p.sourceUrl(),
          p.rawHref(),
          p.collection(),
          p.related(),
          p.mentionedBy(),
          p.health(),
          p.audit(),
          p.mentionedByMore());
    }

    byte[] encode() {
      return ViewCodec.encode(
          install,
          sourceUrl,
          rawHref,
          collection,
          related,
          mentionedBy,
          health,
          audit,
          mentionedByMore);
    }

    @SuppressWarnings("unchecked")
    static Parts decode(byte[] b) throws IOException {
      List<Object> v = ViewCodec.decode(b);
      return new Parts(
          (InstallView) v.get(0),
          (String) v.get(1),
          (String) v.get(2),
          (LinkView) v.get(3),
          (List<RelatedCard>) v.get(4),
          (List<LinkView>) v.get(5),
          (List<RoutingHealthView.SkillHealth>) v.get(6),
          (SkillAuditView) v.get(7),
          (Integer) v.get(8));
    }
  }

  /**
   * Frontmatter keys whose value shows only on the skill's own page, in its {@code skills.json}
   * entry ({@code license}), in its triggers ({@code when_to_use}: the lists and trigger index are
   * {@link ListPatch}'s, the routing and health side {@code RoutingWire}'s), its audit findings
   * ({@code allowed-tools}: compared by the patch) and its reader warnings (compared by the patch):
   * a change of them is patched. {@code metadata.related} (declared related skills) stays in {@link
   * #head}.
   */
  public static final List<String> EXTRAS =
      List.of("license", "allowed-tools", "metadata", "when_to_use");

  /**
   * What a patch compares of a skill's own fields but its description, triggers and {@link
   * #EXTRAS}: any change of these shows beyond its own pages (cards, lists, {@code skills.json},
   * search) in ways a patch does not follow. The body's first line is not in it: a frontmatter line
   * added or removed moves the positions of findings in the body, which the patch checks ({@link
   * #stage}'s {@code moved}).
   */
  static String head(Skill s) {
    return head(s, s.references().stream().map(r -> r.path()).toList());
  }

  /** {@link #head(Skill)} with {@code references} (paths) for the skill's reference paths. */
  static String head(Skill s, List<String> references) {
    Map<String, Object> frontmatter = new java.util.LinkedHashMap<>(s.frontmatter());
    frontmatter.remove("description"); // compared on its own: a description edit is patched
    EXTRAS.forEach(frontmatter::remove);
    StringBuilder sb = new StringBuilder();
    for (Object part :
        List.of(
            s.id().value(),
            s.name(),
            s.source(),
            s.collectionId(),
            String.valueOf(frontmatter),
            String.valueOf(declaredInMetadata(s)),
            String.valueOf(references),
            String.valueOf(s.declaredRelated()))) {
      String p = part.toString();
      sb.append(p.length()).append(':').append(p);
    }
    return sha256(sb.toString());
  }

  /**
   * {@code metadata.related} as written (a patch reads a skill again with its recorded declared
   * related skills: a change of this value must be seen, it changes related lists).
   */
  private static Object declaredInMetadata(Skill s) {
    return s.frontmatter().get("metadata") instanceof Map<?, ?> meta ? meta.get("related") : null;
  }

  /**
   * Which of {@link #EXTRAS} differ between two versions of a skill (empty: none), and whether the
   * change reaches the skill's {@code skills.json} entry or triggers ({@code license}, {@code
   * when_to_use}): those go through {@link ListPatch} too.
   */
  public static List<String> extrasChanged(Skill before, Skill now) {
    List<String> keys = new ArrayList<>();
    for (String k : EXTRAS) {
      if (!java.util.Objects.equals(before.frontmatter().get(k), now.frontmatter().get(k))) {
        keys.add(k);
      }
    }
    return keys;
  }

  /** The digest of a skill's description (its card, catalog entries, discovery entry). */
  public static String described(Skill s) {
    return sha256(s.description());
  }

  /**
   * The digest of what a skill's triggers show beyond its own page and catalog entries (the trigger
   * index pages, the home page's count): {@link ListState#triggers}.
   */
  static String triggered(Skill s) {
    return ListState.triggers(s);
  }

  /** Records, during a whole build, what {@link #stage} needs ({@code SiteGenerator}). */
  static final class Recorder {
    private final Map<String, byte[]> records = new ConcurrentHashMap<>();
    private final SortedMap<String, Path> copies;
    private final DocumentPipeline.ForPatch facts;
    private final Map<String, String> summaries;
    private final MarkdownBudget budget;
    private final java.util.concurrent.atomic.AtomicLong chars =
        new java.util.concurrent.atomic.AtomicLong();
    private final Set<String> inbound;

    Recorder(
        SortedMap<String, Path> copies,
        Set<String> inbound,
        DocumentPipeline.ForPatch facts,
        Map<String, String> summaries,
        MarkdownBudget budget) {
      this.copies = copies;
      this.inbound = inbound;
      this.facts = facts;
      this.summaries = summaries;
      this.budget = budget;
    }

    /** Whether the documents were rendered with what this record needs. */
    boolean usable(int skills) {
      return facts.terms().size() == skills && facts.anchors().size() == skills;
    }

    /** Records the {@code i}-th skill of the catalog, rendered, and its page's view. */
    void skill(int i, RenderedSkill r, SkillPage view) {
      Skill s = r.skill();
      long mine = budget.counted(DocumentPipeline.sources(s));
      chars.addAndGet(mine);
      String prefix = SiteLayout.file(s.id(), "");
      SkillRecord rec =
          new SkillRecord(
              head(s),
              described(s),
              triggered(s),
              s.name(),
              view.summary(),
              own(s, summaries),
              mine,
              facts.anchors().get(i),
              facts.terms().get(i),
              mentions(r),
              List.copyOf(copies.subMap(prefix, prefix + Character.MAX_VALUE).keySet()),
              Parts.of(view).encode());
      records.put(SKILL + s.id().value(), deflate(rec.encode()));
    }

    /** Writes the record into the site being built. */
    void write(
        OutputDir out,
        SiteView site,
        String title,
        Optional<String> base,
        int skills,
        MentionIndex all,
        MentionIndex distinctive,
        InstallCommand install,
        dev.skillsite.model.SiteConfig config) {
      Map<String, byte[]> terms = new TreeMap<>();
      Map<String, Integer> words = new TreeMap<>();
      int allMax = 0;
      int distinctMax = 0;
      for (var e : all.terms().entrySet()) {
        boolean kept = distinctive.owner(e.getKey()).isPresent();
        byte[] id = e.getValue().value().getBytes(StandardCharsets.UTF_8);
        byte[] v = new byte[id.length + 1];
        System.arraycopy(id, 0, v, 0, id.length);
        v[id.length] = (byte) (kept ? 1 : 0);
        terms.put(TERM + e.getKey(), v);
        words.merge(MentionIndex.firstWordOf(e.getKey()), kept ? 3 : 1, (a, b) -> a | b);
        int n = MentionIndex.wordsOf(e.getKey());
        allMax = Math.max(allMax, n);
        distinctMax = kept ? Math.max(distinctMax, n) : distinctMax;
      }
      Map<String, byte[]> table = new TreeMap<>(records);
      table.putAll(terms);
      words.forEach((w, flags) -> table.put(WORD + w, new byte[] {(byte) (int) flags}));
      inbound.forEach(dir -> table.put(INBOUND + dir, new byte[] {1}));
      table.put(INBOUND_KEPT, new byte[] {1});
      table.put(
          SITE,
          new SiteRecord(
                  site,
                  title,
                  base,
                  skills,
                  chars.get(),
                  budget.forSkills(skills).perBuild(),
                  allMax,
                  distinctMax,
                  install.repoLabel(),
                  PageViews.count(config.stars()),
                  PageViews.count(config.forks()))
              .encode());
      out.stream(PATH, os -> RecordTable.write(os, table));
    }
  }

  private static boolean own(Skill s, Map<String, String> summaries) {
    String own = summaries.getOrDefault(s.name(), summaries.get(s.id().value()));
    return own != null && !own.isBlank();
  }

  private static List<String> mentions(RenderedSkill r) {
    Set<String> ids = new TreeSet<>();
    for (SkillId id : r.mentions()) {
      if (!id.equals(r.skill().id())) {
        ids.add(id.value());
      }
    }
    return List.copyOf(ids);
  }

  /**
   * Stages the pages of {@code now}, a skill of the last build read again after an edit of its
   * Markdown ({@code documents}: whether its SKILL.md or references changed; else only its page is
   * made again, with {@code overrides}), into {@code staging}; or says why it cannot.
   */
  public Outcome stage(
      State state,
      Path contentRoot,
      Skill now,
      boolean documents,
      boolean skillMdChanged,
      Overrides overrides,
      Skills skills,
      Path staging)
      throws IOException {
    return stage(
        state,
        contentRoot,
        now,
        documents,
        skillMdChanged,
        overrides,
        skills,
        staging,
        Optional.empty(),
        List.of(),
        List.of());
  }

  /**
   * As {@link #stage(State, Path, Skill, boolean, boolean, Overrides, Skills, Path)}, told how the
   * lines of the SKILL.md the last build (or patch) published moved ({@code moved}: its body's
   * first line, the lines kept) and the reader's warnings of that copy and of the SKILL.md now
   * ({@code warningsBefore}, {@code readerWarnings}). Changed warnings are replaced in the page's
   * routing health section (they show nowhere else but the description lint codes, {@link
   * RoutingHealthView#LINT_CODES}, which the health report lists: refused), the new section given
   * in the outcome for the health state's delta. When a frontmatter line was added or removed, the
   * findings of a check rule on lines of the SKILL.md move with their lines ({@link LineShift});
   * one on a changed line (or on a line past the kept start when the section is not the published
   * copy's), or a lint finding the health report lists that moves, is refused.
   */
  public Outcome stage(
      State state,
      Path contentRoot,
      Skill now,
      boolean documents,
      boolean skillMdChanged,
      Overrides overrides,
      Skills skills,
      Path staging,
      Optional<LineShift> moved,
      List<Diagnostic> warningsBefore,
      List<Diagnostic> readerWarnings)
      throws IOException {
    Optional<SkillRecord> found = state.skill(now.id());
    if (found.isEmpty()) {
      return Outcome.refuse(now.id() + " has no pages record");
    }
    SkillRecord was = found.get();
    SiteRecord site = state.site;
    List<String> headReferences =
        state.headReferences.getOrDefault(
            now.id(), now.references().stream().map(r -> r.path()).toList());
    if (!head(now, headReferences).equals(was.head())) {
      return Outcome.refuse(
          now.id()
              + "'s name, frontmatter (but its description), related skills or files changed"
              + " (its lists and install data are not patched)");
    }
    // changed triggers: the page shows them from now; the lists and the trigger index are
    // ListPatch's (which refuses what it cannot patch), through the description's change
    MarkdownBudget budget = MarkdownBudget.DEFAULT.forSkills(site.skills());
    List<SourceDocument> sources = DocumentPipeline.sources(now);
    long mine = budget.counted(sources);
    long total = state.total - state.patchedChars.getOrDefault(now.id(), was.chars()) + mine;
    if (state.total > site.perBuild() || total > site.perBuild()) {
      return Outcome.refuse("the site's Markdown budget is reached (which documents are plain)");
    }
    Map<String, Diagnostic> plain = budget.overBudget(sources);
    Map<String, Set<String>> anchors = pipeline.anchorsOf(now, plain);
    PatchLinks links = new PatchLinks(now, anchors, contentRoot, skills, pipeline, budget);
    // a page made again for its lists (its skill unchanged): its reference pages are not, and the
    // page shows of them only their paths and titles; what the body holds is checked against what
    // the last build recorded of all its documents
    boolean bodyOnly = !documents && BODY_ONLY;
    RenderedSkill rendered =
        bodyOnly
            ? pipeline.patchedBody(now, links, state.terms(true), plain)
            : pipeline.patched(now, links, state.terms(true), plain);
    if (links.failed().isPresent()) {
      return Outcome.refuse(links.failed().get());
    }
    if (state.table.get(INBOUND_KEPT).isPresent()) {
      Optional<String> into =
          links.reached().stream().filter(d -> state.table.get(INBOUND + d).isEmpty()).findFirst();
      if (into.isPresent()) {
        return Outcome.refuse(
            now.id()
                + "'s documents link into the folder "
                + (into.get().isEmpty() ? "(the root)" : into.get())
                + ", which no other skill's did (the record of links between skills)");
      }
    }
    if (bodyOnly
        ? !was.mentions().containsAll(mentions(rendered))
        : !mentions(rendered).equals(was.mentions())) {
      return Outcome.refuse(
          now.id() + " mentions other skills than before (their \"mentioned by\" lists)");
    }
    MentionIndex all = state.terms(false);
    Set<String> used = new TreeSet<>();
    for (SourceDocument d : bodyOnly ? sources.subList(0, 1) : sources) {
      if (!plain.containsKey(d.path())) {
        for (String t : markdown.mentionedTerms(d.markdown(), all)) {
          if (all.owner(t).filter(now.id()::equals).isEmpty()) {
            used.add(t);
          }
        }
      }
    }
    if (bodyOnly ? !was.terms().containsAll(used) : !List.copyOf(used).equals(was.terms())) {
      return Outcome.refuse(
          now.id() + " uses other skills' terms differently (which terms cross-link may change)");
    }
    String anchorDigest = DocumentPipeline.anchorDigest(now, anchors);
    String wasAnchors = state.anchors.getOrDefault(now.id(), was.anchors());
    if (!anchorDigest.equals(wasAnchors)) {
      if (!state.anchorsFree.contains(now.id())) {
        return Outcome.refuse(now.id() + "'s headings changed (anchors other pages may link to)");
      }
      state.anchors.put(now.id(), anchorDigest);
    }
    if (bodyOnly
        ? !was.copies().containsAll(links.copies())
        : !links.copies().equals(was.copies())) {
      return Outcome.refuse(now.id() + "'s documents link to other files than before (copies)");
    }
    String wasSummary = state.summaries.getOrDefault(now.id(), was.summary());
    String summary = was.ownSummary() ? wasSummary : SkillSummary.of(now, Map.of());
    boolean newSummary = !summary.equals(wasSummary);
    boolean newDescription =
        !described(now).equals(state.described.getOrDefault(now.id(), was.described()));
    Parts parts = state.current(was.page(), SiteLayout.skill(now.id()));
    String page = SiteLayout.skill(now.id());
    InstallView install = parts.install();
    if (state.served.containsKey(now.id())) { // its download changed kind since the last build
      Optional<InstallView> view = state.install(now, parts, page, state.served.get(now.id()));
      if (view.isEmpty()) {
        return Outcome.refuse(
            now.id()
                + "'s download changed kind and its recorded install view is not the one its"
                + " last download gives (the site's settings?)");
      }
      install = view.get();
    }
    List<RelatedCard> related = parts.related();
    if (overrides.related().containsKey(now.id())) {
      Optional<List<RelatedCard>> cards =
          cards(state, site, now.id(), page, overrides.related().get(now.id()));
      if (cards.isEmpty()) {
        return Outcome.refuse("a related skill of " + now.id() + " has no pages record");
      }
      related = cards.get();
    }
    List<RoutingHealthView.SkillHealth> health =
        overrides.health().getOrDefault(now.id(), parts.health());
    Optional<List<RoutingHealthView.SkillHealth>> section = Optional.empty();
    if (!warningsBefore.equals(readerWarnings)) {
      List<Diagnostic> gone = new ArrayList<>(warningsBefore);
      readerWarnings.forEach(gone::remove);
      List<Diagnostic> come = new ArrayList<>(readerWarnings);
      warningsBefore.forEach(come::remove);
      Optional<String> lint =
          java.util.stream.Stream.concat(gone.stream(), come.stream())
              .map(Diagnostic::code)
              .filter(RoutingHealthView.LINT_CODES::contains)
              .findFirst();
      if (lint.isPresent()) {
        return Outcome.refuse(
            now.id()
                + "'s SKILL.md warnings changed ("
                + lint.get()
                + ": the health report lists it)");
      }
      if (health.size() != 1) {
        return Outcome.refuse(
            now.id() + "'s SKILL.md warnings changed and its page has no health section");
      }
      health = List.of(withWarnings(health.get(0), warningsBefore, readerWarnings, now, page));
      section = Optional.of(health);
    }
    if (moved.isPresent() && moved.get().bodyBefore() != now.bodyLine()) {
      Set<List<String>> reader = new java.util.HashSet<>();
      readerWarnings.forEach(d -> reader.add(List.of(d.pos().toString(), d.code(), d.message())));
      List<RoutingHealthView.SkillHealth> shifted = new ArrayList<>();
      for (RoutingHealthView.SkillHealth h : health) {
        Optional<RoutingHealthView.SkillHealth> s = shifted(h, moved.get(), reader, now);
        if (s.isEmpty()) {
          return Outcome.refuse(
              now.id()
                  + "'s body moved from line "
                  + moved.get().bodyBefore()
                  + " to "
                  + now.bodyLine()
                  + " and a check's finding in its health section is on a changed line of its"
                  + " SKILL.md or where the check may not find it again");
        }
        shifted.add(s.get());
      }
      if (!shifted.equals(health)) {
        for (int k = 0; k < health.size(); k++) {
          Optional<String> lint = movedLint(health.get(k), shifted.get(k));
          if (lint.isPresent()) {
            return Outcome.refuse(
                now.id()
                    + "'s "
                    + lint.get()
                    + " finding moved with its body (the health report's lint rows list it)");
          }
        }
        health = List.copyOf(shifted);
        section = Optional.of(health);
      }
    }
    SkillPage view =
        new SkillPage(
            now.id().value(),
            now.name(),
            now.description(),
            now.triggers().phrases(),
            now.triggers().keywords(),
            now.triggers().clauses(),
            now.triggers().notFor(),
            install,
            parts.sourceUrl(),
            now.source(),
            parts.rawHref(),
            now.license().orElse(""),
            SkillPages.allowedTools(now),
            FrontmatterText.others(now.frontmatter()),
            parts.collection(),
            HtmlBlock.of(rendered.body()),
            SkillPages.references(rendered),
            related,
            parts.mentionedBy(),
            health,
            summary,
            parts.audit(),
            now.triggers().fallback(),
            Boolean.TRUE.equals(now.frontmatter().get("disable-model-invocation")),
            parts.mentionedByMore());
    List<String> staged = new ArrayList<>();
    write(
        staging,
        page,
        PageKind.SKILL,
        site,
        PageViews.page(site.title(), site.base(), page, now.name(), summary, PageKind.SKILL, true),
        view);
    staged.add(page);
    if (documents) {
      Optional<String> sourceUrl =
          parts.sourceUrl().isEmpty() ? Optional.empty() : Optional.of(parts.sourceUrl());
      for (RenderedSkill.RenderedReference ref : rendered.references()) {
        String refPath = SiteLayout.reference(now.id(), ref.reference().path());
        write(
            staging,
            refPath,
            PageKind.REFERENCE,
            site,
            PageViews.page(
                site.title(),
                site.base(),
                refPath,
                ref.reference().title() + " · " + now.name(),
                now.description(),
                PageKind.REFERENCE,
                true),
            SkillPages.reference(rendered, ref, sourceUrl));
        staged.add(refPath);
      }
      if (skillMdChanged && !parts.rawHref().isEmpty()) {
        Optional<Path> raw =
            new ContentFiles(Optional.of(contentRoot)).source(now.source(), now.dir());
        if (raw.isEmpty()) {
          return Outcome.refuse(now.source() + " can no longer be published as a copy");
        }
        Path to = staging.resolve(SiteLayout.rawSkill(now.id()));
        Files.createDirectories(to.getParent());
        Files.copy(raw.get(), to);
        staged.add(SiteLayout.rawSkill(now.id()));
      }
    }
    state.patchedChars.put(now.id(), mine);
    state.total = total;
    if (newSummary) {
      state.summaries.put(now.id(), summary);
      state.newSummaries.put(now.id(), summary);
    }
    if (newDescription) {
      state.described.put(now.id(), described(now));
      state.newDescriptions.add(now.id());
    }
    return new Outcome(
        staged,
        rendered.diagnostics().stream().sorted(Diagnostic.ORDER).toList(),
        Optional.empty(),
        section);
  }

  /**
   * {@code health} with the findings of a check rule ({@code reader} holds the reader's warnings of
   * the SKILL.md now, as {@code where, code, message}: already placed) on lines of {@code now}'s
   * SKILL.md placed where {@code shift} moves their lines, in {@link Diagnostic#ORDER}; empty when
   * one is on a line whose place is not known.
   */
  private static Optional<RoutingHealthView.SkillHealth> shifted(
      RoutingHealthView.SkillHealth health, LineShift shift, Set<List<String>> reader, Skill now) {
    List<Diagnostic> all = new ArrayList<>();
    List<RoutingHealthView.Finding> findings = new ArrayList<>();
    boolean changed = false;
    for (RoutingHealthView.Finding f : health.findings()) {
      if (!f.where().matches(".*:[1-9][0-9]{0,8}:[1-9][0-9]{0,8}")) {
        return Optional.empty(); // not a place a whole build would order by
      }
      Diagnostic d = diagnostic(f);
      if (d.pos().path().equals(now.source())
          && !reader.contains(List.of(f.where(), f.code(), f.message()))) {
        java.util.OptionalInt line = shift.line(d.pos().line(), d.pos().col());
        if (line.isEmpty()) {
          return Optional.empty();
        }
        if (line.getAsInt() != d.pos().line()) {
          d =
              new Diagnostic(
                  new dev.skillsite.model.SourcePos(d.pos().path(), line.getAsInt(), d.pos().col()),
                  d.severity(),
                  d.code(),
                  d.message());
          f =
              new RoutingHealthView.Finding(
                  f.skill(), f.href(), d.pos().toString(), f.severity(), f.code(), f.message());
          changed = true;
        }
      }
      all.add(d);
      findings.add(f);
    }
    if (!changed) {
      return Optional.of(health);
    }
    Integer[] order = new Integer[all.size()];
    for (int k = 0; k < order.length; k++) {
      order[k] = k;
    }
    java.util.Arrays.sort(order, (x, y) -> Diagnostic.ORDER.compare(all.get(x), all.get(y)));
    List<RoutingHealthView.Finding> sorted = new ArrayList<>();
    Set<Diagnostic> seen = new java.util.HashSet<>();
    for (int k : order) {
      if (seen.add(all.get(k))) {
        sorted.add(findings.get(k));
      }
    }
    return Optional.of(new RoutingHealthView.SkillHealth(health.rivals(), sorted));
  }

  /**
   * The code of a finding the health report lists ({@link RoutingHealthView#LINT_CODES}) whose
   * place differs between {@code before} and {@code after}, if any.
   */
  private static Optional<String> movedLint(
      RoutingHealthView.SkillHealth before, RoutingHealthView.SkillHealth after) {
    Set<RoutingHealthView.Finding> was = new java.util.HashSet<>(before.findings());
    return after.findings().stream()
        .filter(f -> RoutingHealthView.LINT_CODES.contains(f.code()) && !was.contains(f))
        .map(RoutingHealthView.Finding::code)
        .findFirst();
  }

  /**
   * {@code health} with the reader's warnings {@code before} replaced by those {@code now}, the
   * findings in the order a whole build lists them ({@link Diagnostic#ORDER}, repeats once).
   */
  private static RoutingHealthView.SkillHealth withWarnings(
      RoutingHealthView.SkillHealth health,
      List<Diagnostic> before,
      List<Diagnostic> now,
      Skill skill,
      String page) {
    String href = Urls.relative(page, SiteLayout.skill(skill.id()));
    Set<List<String>> gone = new java.util.HashSet<>();
    before.forEach(d -> gone.add(List.of(d.pos().toString(), d.code(), d.message())));
    List<Diagnostic> all = new ArrayList<>();
    for (RoutingHealthView.Finding f : health.findings()) {
      if (!gone.contains(List.of(f.where(), f.code(), f.message()))) {
        all.add(diagnostic(f));
      }
    }
    all.addAll(now);
    List<RoutingHealthView.Finding> findings =
        all.stream()
            .sorted(Diagnostic.ORDER)
            .distinct()
            .map(
                d ->
                    new RoutingHealthView.Finding(
                        skill.name(),
                        href,
                        d.pos().toString(),
                        d.severity().label(),
                        d.code(),
                        d.message()))
            .toList();
    return new RoutingHealthView.SkillHealth(health.rivals(), findings);
  }

  /**
   * A finding of a health section as the diagnostic it was made of ({@code where}: path:line:col).
   */
  private static Diagnostic diagnostic(RoutingHealthView.Finding f) {
    String w = f.where();
    int c = w.lastIndexOf(':');
    int l = w.lastIndexOf(':', c - 1);
    return new Diagnostic(
        new dev.skillsite.model.SourcePos(
            w.substring(0, l),
            Integer.parseInt(w.substring(l + 1, c)),
            Integer.parseInt(w.substring(c + 1))),
        f.severity().equals("error")
            ? dev.skillsite.model.Severity.ERROR
            : dev.skillsite.model.Severity.WARNING,
        f.code(),
        f.message());
  }

  /** The related cards of {@code related} on {@code page}, as a whole build makes them. */
  private static Optional<List<RelatedCard>> cards(
      State state, SiteRecord site, SkillId self, String page, List<RelatedSkill> related) {
    List<RelatedCard> cards = new ArrayList<>();
    for (RelatedSkill r : related) {
      if (r.id().equals(self)) {
        continue;
      }
      Optional<SkillRecord> o = state.skill(r.id());
      if (o.isEmpty()) {
        return Optional.empty();
      }
      cards.add(
          new RelatedCard(
              Urls.relative(page, SiteLayout.skill(r.id())),
              o.get().name(),
              state.summaries.getOrDefault(r.id(), o.get().summary()),
              r.reason(),
              r.declared(),
              site.repoLabel(),
              site.stars(),
              site.forks()));
    }
    return Optional.of(cards);
  }

  private void write(
      Path staging, String path, PageKind kind, SiteRecord site, PageView page, Object view)
      throws IOException {
    Path to = staging.resolve(path);
    Files.createDirectories(to.getParent());
    Files.write(to, pages.render(kind, site.view(), page, view).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * A skill's record deflated: its page's parts repeat the install commands and links (about 3 KB a
   * skill as they are, 1.1 KB deflated, on {@code large}).
   */
  private static byte[] deflate(byte[] b) {
    java.util.zip.Deflater d = new java.util.zip.Deflater();
    try {
      d.setInput(b);
      d.finish();
      ByteArrayOutputStream out = new ByteArrayOutputStream(b.length / 2 + 16);
      byte[] buf = new byte[4096];
      while (!d.finished()) {
        out.write(buf, 0, d.deflate(buf));
      }
      return out.toByteArray();
    } finally {
      d.end();
    }
  }

  private static byte[] inflate(byte[] b) throws IOException {
    java.util.zip.Inflater i = new java.util.zip.Inflater();
    try {
      i.setInput(b);
      ByteArrayOutputStream out = new ByteArrayOutputStream(b.length * 3);
      byte[] buf = new byte[4096];
      while (!i.finished()) {
        int n = i.inflate(buf);
        if (n == 0 && (i.needsInput() || i.needsDictionary())) {
          throw new IOException("a truncated record");
        }
        out.write(buf, 0, n);
      }
      return out.toByteArray();
    } catch (java.util.zip.DataFormatException e) {
      throw new IOException("a damaged record", e);
    } finally {
      i.end();
    }
  }

  static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  private static void string(DataOutputStream out, String s) throws IOException {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(b.length);
    out.write(b);
  }

  private static String string(DataInputStream in) throws IOException {
    byte[] b = new byte[in.readInt()];
    in.readFully(b);
    return new String(b, StandardCharsets.UTF_8);
  }

  private static void strings(DataOutputStream out, List<String> list) throws IOException {
    out.writeInt(list.size());
    for (String s : list) {
      string(out, s);
    }
  }

  private static List<String> strings(DataInputStream in) throws IOException {
    int n = in.readInt();
    List<String> list = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      list.add(string(in));
    }
    return list;
  }
}
