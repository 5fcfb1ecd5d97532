package dev.skillsite.search;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import dev.skillsite.routing.Background;
import dev.skillsite.routing.Bm25;
import dev.skillsite.routing.Fields;
import dev.skillsite.routing.IndexContents;
import dev.skillsite.routing.RoutingPatch;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * The browser search export ({@link SearchIndexWriter}) patched for the skills a {@link
 * RoutingPatch} changed: only the files whose bytes change, each exactly what a full export of the
 * patched collection writes. Those are the term chunks holding a term a changed document holds
 * differently (each such term's entry made again from the patched index's postings, the chunk's
 * other entries kept as they are), the phrase chunk of each changed skill, and the manifest and
 * {@code tag.js} when a chunk changed (the tag moves). The chunk count follows the size of all term
 * data ({@link SearchIndexWriter#termBytes}), so the size is carried from patch to patch; a patch
 * that would change the count cannot be made.
 */
public final class ExportPatch {
  private static final String PREFIX = "SkillsiteSearch.";
  private static final String END = ");\n";
  private final Gson gson = new Gson();

  /**
   * A changed term's entry patched from its published one ({@link TermChunks#splice}): the changed
   * skills' postings sought in the patched index, every other posting copied as written, instead of
   * walking the term's postings in every field and each one's norm (O(the term's document
   * frequency) index reads: a common word of a trigger edit at 100k skills is held by tens of
   * thousands). Off for the figures' paired "before" ({@code -Dskillsite.exportsplice=false}).
   */
  static final boolean SPLICE = !"false".equals(System.getProperty("skillsite.exportsplice"));

  private final boolean splice;

  /**
   * A term chunk's entries found by scanning its text ({@link TermChunks#entries}), the unchanged
   * ones kept as written, instead of reading the chunk as a JSON tree and writing every entry again
   * (the same bytes: SearchIndexWriter wrote them with this Gson). Off for a paired "before"
   * ({@code -Dskillsite.exportscan=false}).
   */
  static final boolean SCAN = !"false".equals(System.getProperty("skillsite.exportscan"));

  /** What was read and made again, for {@code --timings}: counts, not times. */
  private final Map<String, Long> counts = new TreeMap<>();

  /** As the build patches: entries spliced unless {@code -Dskillsite.exportsplice=false}. */
  public ExportPatch() {
    this(SPLICE);
  }

  /** With changed terms' entries spliced from the published ones or made from their postings. */
  ExportPatch(boolean splice) {
    this.splice = splice;
  }

  /**
   * The last {@link #patch}'s counts: terms (changed terms), spliced (entries patched from the
   * published ones), remade (entries made from all their postings), postings (postings the remade
   * entries read), chunks (term chunk files read), scanned (of those, split as written: {@link
   * #SCAN}), written (files changed), bytes (their size).
   */
  public Map<String, Long> counts() {
    return counts;
  }

  /**
   * The files to write (site path → content; none to delete: a term left by every skill keeps no
   * entry, but its chunk stays), and the term data's size after them.
   */
  public record Files(Map<String, String> changed, long termBytes) {}

  /**
   * The export in {@code site} (as published, made from the index before {@code patch}) patched:
   * {@code shown} has (by id) each changed skill's {@link SearchIndexWriter.Display}, {@code
   * termBytes} is the term data size of the published export. Empty when the chunk count would
   * change.
   */
  public Optional<Files> patch(
      Path site,
      RoutingPatch.Patched patch,
      Map<String, SearchIndexWriter.Display> shown,
      long termBytes)
      throws IOException {
    Path dir = site.resolve(SearchIndexWriter.DIR);
    JsonObject manifest =
        JsonParser.parseString(unwrap(read(dir, "manifest.js"), "manifest(")).getAsJsonObject();
    int n = manifest.get("skillCount").getAsInt();
    int chunks = manifest.get("chunks").getAsInt();
    if (n != patch.size()
        || manifest.get("version").getAsInt() != SearchIndexWriter.FORMAT
        || !manifest.has("tag")
        || !java.nio.file.Files.isRegularFile(dir.resolve(SearchIndexWriter.TAG_FILE))) {
      return Optional.empty();
    }
    boolean normsInManifest = n <= SearchIndexWriter.NORMS_IN_MANIFEST_UP_TO;
    counts.clear();
    int[] ords = patch.changedIds().stream().mapToInt(patch::ordOf).sorted().toArray();
    Map<String, String> out = new TreeMap<>();
    // each changed chunk file as published, for the manifest's tag
    Map<String, String> before = new TreeMap<>();
    Map<Integer, List<String>> byChunk = new TreeMap<>();
    for (String t : patch.changedTerms()) {
      byChunk.computeIfAbsent(TermChunks.chunkOf(t, chunks), c -> new ArrayList<>()).add(t);
    }
    long bytes = termBytes;
    for (var e : byChunk.entrySet()) {
      String name = "t/" + Integer.toString(e.getKey(), 36) + ".js";
      String old = read(dir, name);
      count("chunks", 1);
      String head = "terms(" + e.getKey() + ",";
      // each entry as written (its key and value), the changed terms' read as JSON: the others
      // are kept as they stand (SearchIndexWriter wrote them with this Gson: the same text)
      TreeMap<String, TermChunks.Written> entries = written(unwrap(old, head));
      for (String t : e.getValue()) {
        TermChunks.Written was = entries.remove(t);
        if (was != null) {
          bytes -= t.length() + was.value().length() + 4;
        }
        Optional<JsonArray> now =
            splice && was != null
                ? spliced(
                    patch,
                    t,
                    JsonParser.parseString(was.value()).getAsJsonArray(),
                    ords,
                    normsInManifest)
                : entry(patch, t, normsInManifest);
        count("terms", 1);
        if (now.isPresent()) {
          String json = gson.toJson(now.get());
          entries.put(t, new TermChunks.Written(gson.toJson(t), json));
          bytes += t.length() + json.length() + 4;
        }
      }
      StringJoiner j = new StringJoiner(",", "{", "}");
      entries.values().forEach(w -> j.add(w.key() + ":" + w.value()));
      String now = PREFIX + head + j + END;
      if (!now.equals(old)) {
        out.put(SearchIndexWriter.DIR + "/" + name, now);
        before.put(SearchIndexWriter.DIR + "/" + name, old);
      }
    }
    if (TermChunks.count(bytes, SearchIndexWriter.CHUNK_TARGET, TermChunks.maxChunks(n))
        != chunks) {
      return Optional.empty();
    }
    JsonArray pageArray = manifest.getAsJsonArray("skillPage");
    String[] page = {pageArray.get(0).getAsString(), pageArray.get(1).getAsString()};
    for (String id : patch.changedIds()) {
      int ord = patch.ordOf(id);
      int chunk = ord / SearchIndexWriter.DOC_CHUNK;
      String name = "d/" + Integer.toString(chunk, 36) + ".js";
      String path = SearchIndexWriter.DIR + "/" + name;
      String old = out.containsKey(path) ? out.get(path) : read(dir, name);
      String head = "docs(" + chunk + ",";
      JsonArray both = JsonParser.parseString("[" + unwrap(old, head) + "]").getAsJsonArray();
      JsonArray docs = both.get(0).getAsJsonArray();
      JsonArray shownAs = both.get(1).getAsJsonArray();
      SearchIndexWriter.Display d = shown.get(id);
      if (d == null) {
        throw new IllegalArgumentException("no display for " + id);
      }
      docs.set(ord % SearchIndexWriter.DOC_CHUNK, SearchIndexWriter.docEntry(patch.skill(ord), d));
      shownAs.set(ord % SearchIndexWriter.DOC_CHUNK, SearchIndexWriter.skillEntry(d, page));
      String now = PREFIX + head + gson.toJson(docs) + "," + gson.toJson(shownAs) + END;
      if (!now.equals(old)) {
        before.putIfAbsent(path, old);
        out.put(path, now);
      }
    }
    String oldManifest = read(dir, "manifest.js");
    for (JsonElement f : manifest.getAsJsonArray("fields")) {
      JsonObject o = f.getAsJsonObject();
      String field = o.get("name").getAsString();
      long[] stats = patch.statistics(field);
      // the average length (on its grid) is unchanged: RoutingPatch patches only then
      o.addProperty("docCount", Bm25.documentCount(stats[0]));
      if (normsInManifest && o.has("norms")) {
        StringBuilder hex = new StringBuilder(o.get("norms").getAsString());
        for (String id : patch.changedIds()) {
          int ord = patch.ordOf(id);
          byte b = patch.norm(field, ord);
          hex.setCharAt(2 * ord, Character.forDigit((b >> 4) & 15, 16));
          hex.setCharAt(2 * ord + 1, Character.forDigit(b & 15, 16));
        }
        o.addProperty("norms", hex.toString());
      }
    }
    // the tag: the sum of every chunk file's part, the changed ones' parts replaced
    long sum = Long.parseUnsignedLong(manifest.get("tag").getAsString(), 36);
    for (var e : out.entrySet()) {
      sum +=
          SearchIndexWriter.fileHash(e.getKey(), e.getValue())
              - SearchIndexWriter.fileHash(e.getKey(), before.get(e.getKey()));
    }
    String oldTag = manifest.remove("tag").getAsString(); // last, as the writer adds it
    String tag = SearchIndexWriter.tag(sum);
    manifest.addProperty("tag", tag);
    if (!tag.equals(oldTag)) {
      out.put(
          SearchIndexWriter.DIR + "/" + SearchIndexWriter.TAG_FILE, SearchIndexWriter.tagFile(tag));
    }
    String now = PREFIX + "manifest(" + gson.toJson(manifest) + END;
    if (!now.equals(oldManifest)) {
      out.put(SearchIndexWriter.DIR + "/manifest.js", now);
    }
    count("written", out.size());
    out.values().forEach(v -> count("bytes", v.length()));
    return Optional.of(new Files(out, bytes));
  }

  /**
   * A term chunk's entries by term, each as written ({@link TermChunks#entries}); when the text is
   * not as {@link SearchIndexWriter} writes it, read as JSON and each entry written again as this
   * Gson writes it (what every entry was before {@link #SCAN}). {@code
   * -Dskillsite.exportscan=false}: always so.
   */
  private TreeMap<String, TermChunks.Written> written(String object) {
    Optional<TreeMap<String, TermChunks.Written>> scanned =
        SCAN ? TermChunks.entries(object) : Optional.empty();
    if (scanned.isPresent()) {
      count("scanned", 1);
      return scanned.get();
    }
    TreeMap<String, TermChunks.Written> out = new TreeMap<>();
    JsonParser.parseString(object)
        .getAsJsonObject()
        .entrySet()
        .forEach(
            x ->
                out.put(
                    x.getKey(),
                    new TermChunks.Written(gson.toJson(x.getKey()), gson.toJson(x.getValue()))));
    return out;
  }

  private void count(String what, long n) {
    counts.merge(what, n, Long::sum);
  }

  /**
   * A term's entry as {@link #entry} makes it, from its published entry {@code was}: in each
   * postings slot the changed skills' ({@code ords}, ascending) postings and norms as the patched
   * index holds them, the others as written (a skill that did not change holds the term as before,
   * at the same ord, with the same norm: the patch keeps the skill count); the background count as
   * ever, the count of skills holding it from the patched index's document frequency.
   */
  private Optional<JsonArray> spliced(
      RoutingPatch.Patched patch, String term, JsonArray was, int[] ords, boolean normsInManifest) {
    count("spliced", 1);
    List<String> slots = SearchIndexWriter.SLOTS;
    JsonElement[] e = new JsonElement[slots.size()];
    boolean any = false;
    Integer bg = Background.standard().docFreq().get(term);
    if (bg != null) {
      e[0] = new JsonPrimitive(bg);
      any = true;
    }
    int all = patch.docFreq(Fields.ALL, term);
    if (all > 0) {
      e[1] = new JsonPrimitive(all);
      any = true;
    }
    for (int s = SearchIndexWriter.FIRST_POSTINGS; s < slots.size(); s++) {
      String field = slots.get(s);
      String before = s < was.size() ? was.get(s).getAsString() : "";
      int[] freqs = patch.freqsAt(field, term, ords);
      boolean norms = !normsInManifest && SearchIndexWriter.scored(field);
      int[] normBytes = new int[ords.length];
      if (norms) {
        for (int i = 0; i < ords.length; i++) {
          normBytes[i] = freqs[i] > 0 ? patch.norm(field, ords[i]) : 0;
        }
      }
      boolean withFreqs = norms || !SearchIndexWriter.MEMBERSHIP_ONLY.contains(field);
      String now = TermChunks.splice(before, withFreqs, norms, ords, freqs, normBytes);
      if (!now.isEmpty()) {
        e[s] = new JsonPrimitive(now);
        any = true;
      }
    }
    return any ? Optional.of(SearchIndexWriter.termEntry(e)) : Optional.empty();
  }

  /** A term's entry as {@link SearchIndexWriter} makes it, from the patched index; empty: none. */
  private Optional<JsonArray> entry(
      RoutingPatch.Patched patch, String term, boolean normsInManifest) {
    List<String> slots = SearchIndexWriter.SLOTS;
    JsonElement[] e = new JsonElement[slots.size()];
    boolean any = false;
    Integer bg = Background.standard().docFreq().get(term);
    if (bg != null) {
      e[0] = new JsonPrimitive(bg);
      any = true;
    }
    count("remade", 1);
    List<IndexContents.Posting> all = patch.postings(Fields.ALL, term);
    count("postings", all.size());
    if (!all.isEmpty()) {
      e[1] = new JsonPrimitive(all.size());
      any = true;
    }
    for (int s = SearchIndexWriter.FIRST_POSTINGS; s < slots.size(); s++) {
      String field = slots.get(s);
      List<IndexContents.Posting> postings = patch.postings(field, term);
      count("postings", postings.size());
      if (postings.isEmpty()) {
        continue;
      }
      any = true;
      boolean freqs = !SearchIndexWriter.MEMBERSHIP_ONLY.contains(field);
      e[s] =
          new JsonPrimitive(
              !normsInManifest && SearchIndexWriter.scored(field)
                  ? TermChunks.encode(postings, doc -> patch.norm(field, doc))
                  : TermChunks.encode(postings, freqs));
    }
    return any ? Optional.of(SearchIndexWriter.termEntry(e)) : Optional.empty();
  }

  private static String read(Path dir, String name) throws IOException {
    return java.nio.file.Files.readString(dir.resolve(name), StandardCharsets.UTF_8);
  }

  /** The arguments after {@code head} of a file {@code SkillsiteSearch.HEAD…);}. */
  private static String unwrap(String file, String head) throws IOException {
    String start = PREFIX + head;
    if (!file.startsWith(start) || !file.endsWith(END)) {
      throw new IOException("not an export file of this version: " + head);
    }
    return file.substring(start.length(), file.length() - END.length());
  }
}
