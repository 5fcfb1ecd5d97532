package dev.skillsite.search;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dev.skillsite.routing.Analysis;
import dev.skillsite.routing.Background;
import dev.skillsite.routing.Bm25;
import dev.skillsite.routing.Fields;
import dev.skillsite.routing.IndexContents;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * Exports the routing index for the browser search ({@code assets/search-engine.js}) under {@code
 * search/}:
 *
 * <ul>
 *   <li>{@code manifest.js}: the scoring and confidence parameters (from the Java constants, not
 *       copied by hand), stop words and synonyms, each searched field's document count, sum of term
 *       frequencies and norm bytes (the engine makes Lucene's length table of norms itself), and
 *       each skill's id, name and page (an entry is {@code [id]}, {@code [id, name]} or {@code [id,
 *       name, page]}: only what differs from the id and the usual page), its format ({@link
 *       #FORMAT}) and the chunks' {@link #tag};
 *   <li>{@code tag.js}: the tag alone, read fresh by a page that has its manifest already;
 *   <li>{@code t/N.js}: the terms whose hash falls in chunk N, each with its background frequency,
 *       its document frequency in {@code all}, and its postings in every field a query reads;
 *   <li>{@code d/N.js}: the phrases, keywords, headings and one-line description of {@value
 *       #DOC_CHUNK} skills (and their "Not for …" clauses, when they have any), for the matched
 *       phrase, the text of the hits shown and the clause that made the top one abstain. The
 *       descriptions live here, not in the manifest every query loads first: on a large collection
 *       they were most of it (883 of them, 60 KB of the manifest's 81 KB gzipped), and only the
 *       hits shown need theirs.
 * </ul>
 *
 * Every file is a script calling {@code SkillsiteSearch.manifest/terms/docs}, so it loads with a
 * script tag from {@code file://} too. Same index, same bytes.
 */
public final class SearchIndexWriter {
  /** Where the files go inside the site. */
  public static final String DIR = "search";

  /**
   * The manifest's format, which {@code search-engine.js} checks before it reads one (an engine
   * refuses a format it was not written for, rather than misread it). 3: no length table (the
   * engine makes it), the skills' count on its grid as {@code n}, and the chunks' {@link #tag}.
   */
  public static final int FORMAT = 3;

  /** The file beside the manifest that holds only its {@link #tag} ({@link #tagFile}). */
  static final String TAG_FILE = "tag.js";

  /**
   * Skills per phrase chunk. The hits a query shows mostly fall in different chunks, so a smaller
   * chunk loads less of what is not shown: on large, a first query's download is 120.2 KB gzip p50
   * with 16 per chunk, 102.8 KB with 8 (111 files) and 92.3 KB with 4 (221 files, each one more to
   * write).
   */
  static final int DOC_CHUNK = 8;

  /**
   * Raw bytes a term chunk aims at: small enough that a query loads little, large enough to gzip
   * well. Large exports get bigger chunks instead of more files ({@link TermChunks#MAX_CHUNKS}).
   */
  static final int CHUNK_TARGET = 2_000;

  /**
   * The slots of a term entry, in order: background df, df in {@code all}, then postings per field
   * (with frequencies for the scored fields, without for the ones only asked "does the top skill
   * hold it").
   */
  static final List<String> SLOTS =
      List.of(
          "background",
          Fields.ALL,
          Fields.NAME,
          Fields.DESCRIPTION,
          Fields.HEADING,
          Fields.BODY,
          Fields.LIGHT,
          Fields.SHINGLE,
          Fields.PHRASE,
          Fields.KEYWORD,
          Fields.NOT_FOR);

  static final int FIRST_POSTINGS = 2;
  static final List<String> MEMBERSHIP_ONLY =
      List.of(Fields.PHRASE, Fields.KEYWORD, Fields.NOT_FOR);

  /** What a result shows for a skill: document i of the index is skill i. */
  public record Display(
      String id, String name, String url, String description, List<String> clauses) {
    public Display {
      clauses = List.copyOf(clauses);
    }

    /**
     * Without the description's sentences (a result then explains itself by its phrases and words
     * alone).
     */
    public Display(String id, String name, String url, String description) {
      this(id, name, url, description, List.of());
    }
  }

  /**
   * Up to this many skills each scored field's norms are one table in the manifest (two hex digits
   * a skill: at most 512 characters a field) instead of beside every posting of every term. A small
   * collection's long query loads dozens of term chunks, each of which would carry its postings'
   * norms again (elixir's longest first query: 47.3 KB gzip with them, under 46 KB without); past
   * this size the table would make the manifest every first query loads grow with the collection.
   */
  static final int NORMS_IN_MANIFEST_UP_TO = 256;

  private final Gson gson = new Gson();
  private long termBytes;

  /** The sum of the chunk files' {@link #fileHash} the running {@link #write} has written. */
  private long sum;

  /**
   * The size of the term data the last {@link #write} split into chunks (what the chunk count
   * follows): a patch of the export ({@link ExportPatch}) keeps it to know the count is unchanged.
   */
  public long termBytes() {
    return termBytes;
  }

  /**
   * Writes the files into {@code site}/{@value #DIR}.
   *
   * @return the files written, relative to {@code site}, with {@code /} between names
   */
  public List<String> write(IndexContents index, List<Display> skills, Path site)
      throws IOException {
    Path dir = site.resolve(DIR);
    List<String> written = new ArrayList<>();
    sum = 0;
    // each entry (numbers only) is serialized once: for the chunk count and for the chunk it goes
    // in
    Map<String, String> entries = new TreeMap<>();
    boolean normsInManifest = skills.size() <= NORMS_IN_MANIFEST_UP_TO;
    entries(index, !normsInManifest)
        .forEach((term, entry) -> entries.put(term, gson.toJson(entry)));
    long bytes =
        entries.entrySet().stream()
            .mapToLong(e -> e.getKey().length() + e.getValue().length() + 4)
            .sum();
    termBytes = bytes;
    int chunks = TermChunks.count(bytes, CHUNK_TARGET, TermChunks.maxChunks(index.size()));
    List<StringJoiner> split = new ArrayList<>();
    for (int i = 0; i < chunks; i++) {
      split.add(new StringJoiner(",", "{", "}"));
    }
    entries.forEach(
        (term, json) ->
            split.get(TermChunks.chunkOf(term, chunks)).add(gson.toJson(term) + ":" + json));
    Files.createDirectories(dir.resolve("t"));
    for (int i = 0; i < chunks; i++) {
      written.add(
          script(
              dir,
              "t/" + Integer.toString(i, 36) + ".js",
              "terms(" + i + "," + split.get(i) + ")"));
    }
    String[] page = pagePattern(skills);
    Files.createDirectories(dir.resolve("d"));
    for (int start = 0, n = 0; start < index.size(); start += DOC_CHUNK, n++) {
      JsonArray docs = new JsonArray();
      JsonArray shownAs = new JsonArray();
      for (int d = start; d < Math.min(index.size(), start + DOC_CHUNK); d++) {
        docs.add(docEntry(index.skill(d), skills.get(d)));
        shownAs.add(skillEntry(skills.get(d), page));
      }
      written.add(
          script(
              dir,
              "d/" + Integer.toString(n, 36) + ".js",
              "docs(" + n + "," + gson.toJson(docs) + "," + gson.toJson(shownAs) + ")"));
    }
    SkillNames names = new SkillNames(skills.stream().map(Display::name).toList());
    int nameChunks =
        TermChunks.count(names.bytes(), CHUNK_TARGET, TermChunks.maxChunks(skills.size()));
    Files.createDirectories(dir.resolve("n"));
    List<JsonObject> byChunk = new ArrayList<>();
    for (int i = 0; i < nameChunks; i++) {
      byChunk.add(new JsonObject());
    }
    names
        .byKey()
        .forEach(
            (key, doc) -> byChunk.get(TermChunks.chunkOf(key, nameChunks)).addProperty(key, doc));
    for (int i = 0; i < nameChunks; i++) {
      written.add(
          script(
              dir,
              "n/" + Integer.toString(i, 36) + ".js",
              "names(" + i + "," + gson.toJson(byChunk.get(i)) + ")"));
    }
    JsonObject m = manifest(index, skills, chunks, normsInManifest);
    m.addProperty("nameChunks", nameChunks);
    m.addProperty("longestName", names.longest());
    m.addProperty("distinctNames", names.distinct());
    m.add("skillPage", strings(List.of(page[0], page[1])));
    m.addProperty("tag", tag(sum));
    written.add(script(dir, "manifest.js", "manifest(" + gson.toJson(m) + ")"));
    Files.writeString(dir.resolve(TAG_FILE), tagFile(tag(sum)), StandardCharsets.UTF_8);
    written.add(DIR + "/" + TAG_FILE);
    return List.copyOf(written);
  }

  /** A skill's part of a phrase chunk ({@code d/N.js}). */
  static JsonArray docEntry(IndexContents.StoredSkill s, Display shown) {
    JsonArray one = new JsonArray();
    one.add(strings(s.phrases()));
    one.add(strings(s.keywords()));
    one.add(strings(s.headings()));
    one.add(shown.description());
    List<String> clauses = shown.clauses();
    if (!s.notFor().isEmpty() || !clauses.isEmpty()) {
      one.add(strings(s.notFor()));
    }
    if (!clauses.isEmpty()) {
      one.add(strings(clauses));
    }
    return one;
  }

  /**
   * A skill's entry: {@code [id]}, {@code [id, name]} or {@code [id, name, page]}, only what
   * differs from the id and the usual page.
   */
  static JsonArray skillEntry(Display d, String[] page) {
    boolean usualPage = d.url().equals(page[0] + d.id() + page[1]);
    return strings(
        !usualPage
            ? List.of(d.id(), d.name(), d.url())
            : d.name().equals(d.id()) ? List.of(d.id()) : List.of(d.id(), d.name()));
  }

  /** Writes {@code dir/name}; returns its path in the site. */
  private String script(Path dir, String name, String call) throws IOException {
    String text = "SkillsiteSearch." + call + ";\n";
    Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    if (!name.equals("manifest.js")) {
      sum += fileHash(DIR + "/" + name, text);
    }
    return DIR + "/" + name;
  }

  /**
   * What the manifest's {@code tag} is made of: one chunk file's part, the first 8 bytes of the
   * SHA-256 of its path and text. The tag is the sum of every chunk file's part (modulo 2^64), so a
   * patch of a few chunks makes the tag a clean build of the same export makes from the old tag,
   * their old parts and their new ones ({@link ExportPatch}), without reading the others.
   */
  static long fileHash(String path, String text) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(path.getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      sha.update(text.getBytes(StandardCharsets.UTF_8));
      return ByteBuffer.wrap(sha.digest()).getLong();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The manifest's {@code tag} for a sum of chunk parts ({@link #fileHash}): the browser asks for
   * each chunk as {@code t/N.js?g=TAG}, so a chunk an earlier export wrote, kept by a browser or a
   * CDN under its plain address or an old tag, is never read beside this manifest; a patch that
   * changes a chunk changes the tag (and the manifest), not the other chunks' files.
   */
  static String tag(long sum) {
    return Long.toUnsignedString(sum, 36);
  }

  /**
   * {@link #TAG_FILE}'s text for {@code tag}: it sets {@code SkillsiteSearch.tag}, nothing else. A
   * page left open across a deploy keeps the manifest it read, and asks for a chunk by that
   * manifest's tag while the host serves the new export's file under the same path; {@code
   * search.js} reads this file fresh after a query that loaded a chunk, and on another tag reads
   * the manifest again and asks once more.
   */
  static String tagFile(String tag) {
    return "SkillsiteSearch.tag=\"" + tag + "\";\n";
  }

  /**
   * Every term of every exported field, sorted, with the background terms a query may ask about.
   */
  private static Map<String, JsonArray> entries(IndexContents index, boolean normsInPostings) {
    Map<String, JsonElement[]> slots = new TreeMap<>();
    for (int s = FIRST_POSTINGS; s < SLOTS.size(); s++) {
      String field = SLOTS.get(s);
      boolean freqs = !MEMBERSHIP_ONLY.contains(field);
      byte[] norms = normsInPostings && scored(field) ? index.stats(field).norms() : null;
      int slot = s;
      index
          .postings(field)
          .forEach(
              (term, postings) ->
                  slots.computeIfAbsent(term, t -> new JsonElement[SLOTS.size()])[slot] =
                      new JsonPrimitive(
                          norms == null
                              ? TermChunks.encode(postings, freqs)
                              : TermChunks.encode(postings, norms)));
    }
    index
        .postings(Fields.ALL)
        .forEach(
            (term, postings) ->
                slots.computeIfAbsent(term, t -> new JsonElement[SLOTS.size()])[1] =
                    new JsonPrimitive(postings.size()));
    Background bg = index.background();
    bg.docFreq()
        .forEach(
            (term, df) ->
                slots.computeIfAbsent(term, t -> new JsonElement[SLOTS.size()])[0] =
                    new JsonPrimitive(df));
    Map<String, JsonArray> out = new LinkedHashMap<>();
    slots.forEach((term, e) -> out.put(term, termEntry(e)));
    return out;
  }

  /** A term's entry from its slots ({@link #SLOTS}; null: not held), trailing empty ones cut. */
  static JsonArray termEntry(JsonElement[] e) {
    int last = e.length - 1;
    while (last >= 0 && e[last] == null) {
      last--;
    }
    JsonArray a = new JsonArray();
    for (int i = 0; i <= last; i++) {
      a.add(
          e[i] != null ? e[i] : i < FIRST_POSTINGS ? new JsonPrimitive(0) : new JsonPrimitive(""));
    }
    return a;
  }

  /** Whether BM25 scores {@code field} (its postings then carry the documents' norms). */
  static boolean scored(String field) {
    return Fields.SEARCHED.stream().anyMatch(w -> w.field().equals(field) && w.boost() > 0);
  }

  private static JsonObject manifest(
      IndexContents index, List<Display> skills, int chunks, boolean norms) {
    JsonObject m = new JsonObject();
    m.addProperty("version", FORMAT);
    m.addProperty("skillCount", skills.size());
    // the skill count as the confidence and similar skills read it: on BM25's grid
    m.addProperty("n", Bm25.documentCount(skills.size()));
    m.addProperty("chunks", chunks);
    m.addProperty("docChunk", DOC_CHUNK);
    m.add("slots", strings(SLOTS));
    EngineConstants.addTo(m);
    m.addProperty("background", index.background().skills());
    JsonArray fields = new JsonArray();
    for (Fields.Weighted w : Fields.SEARCHED) {
      if (w.boost() <= 0) {
        continue;
      }
      IndexContents.FieldStats st = index.stats(w.field());
      JsonObject f = new JsonObject();
      f.addProperty("name", w.field());
      addNumber(f, "boost", w.boost());
      f.addProperty("chain", Analysis.chainOf(w.field()));
      // N as every idf reads it (on its grid): an edit that moves the count within a step leaves it
      f.addProperty("docCount", Bm25.documentCount(st.docCount()));
      // the average length every scorer reads, on its grid (Bm25.averageLength): exact as a double;
      // the exact token count is not exported (the engine reads only this)
      addNumber(f, "avgdl", (double) Bm25.averageLength(st.sumTotalTermFreq(), st.docCount()));
      if (norms) {
        StringBuilder hex = new StringBuilder();
        for (byte b : st.norms()) {
          hex.append(Character.forDigit((b >> 4) & 15, 16)).append(Character.forDigit(b & 15, 16));
        }
        f.addProperty("norms", hex.toString());
      }
      fields.add(f);
    }
    m.add("fields", fields);
    m.getAsJsonObject("confidence").addProperty("threshold", index.confidence().threshold());
    return m;
  }

  /**
   * The text before and after the id in the first skill's page ({@code skills/}, {@code
   * /index.html}).
   */
  static String[] pagePattern(List<Display> skills) {
    for (Display d : skills) {
      int at = d.url().indexOf(d.id());
      if (at >= 0) {
        return new String[] {d.url().substring(0, at), d.url().substring(at + d.id().length())};
      }
    }
    return new String[] {"", ""};
  }

  private static JsonArray strings(List<String> values) {
    JsonArray a = new JsonArray();
    values.forEach(a::add);
    return a;
  }

  /**
   * {@code value} as JSON, "2" rather than "2.0" when whole (every byte of the manifest is read
   * before the first answer), else as its own type prints it.
   */
  private static void addNumber(JsonObject o, String key, Number value) {
    double d = value.doubleValue();
    if (d == Math.rint(d) && Math.abs(d) < 1e15) {
      o.addProperty(key, (long) d);
    } else {
      o.addProperty(key, value);
    }
  }
}
