package dev.skillsite.search;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.skillsite.build.BuildPipeline;
import dev.skillsite.routing.IndexContents;
import dev.skillsite.routing.RoutingIndex;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Lab program: writes the browser search of a built site again, in this checkout's format, without
 * building the site: {@code SearchExportBench SITE OUT}. Reads {@code SITE}'s routing index ({@code
 * search/lucene}) and what its search showed per skill (a version-1 export: the manifest's skills,
 * the phrase chunks' descriptions and clauses), writes {@code OUT/search/} with {@link
 * SearchIndexWriter}, the search page and this checkout's two search scripts, so that {@code node
 * bench/search.js OUT …} measures the new format on a 100k-skill index in minutes instead of a
 * 40-minute build. Prints the time the export took.
 */
final class SearchExportBench {
  private SearchExportBench() {}

  public static void main(String[] args) throws Exception {
    Path site = Path.of(args[0]);
    Path out = Path.of(args[1]);
    Path lucene = args.length > 2 ? Path.of(args[2]) : site.resolve(BuildPipeline.LUCENE_DIR);
    List<SearchIndexWriter.Display> one = displayOf(site.resolve(SearchIndexWriter.DIR));
    // an index of copies (ReplicateIndex): the skills again, each copy's ids told apart
    List<SearchIndexWriter.Display> shown = new ArrayList<>(one);
    Files.createDirectories(out.resolve("assets"));
    Files.createDirectories(out.resolve(SearchIndexWriter.DIR));
    for (String js : List.of("search-engine.js", "search.js")) {
      Files.copy(
          Path.of("templates/assets", js),
          out.resolve("assets").resolve(js),
          StandardCopyOption.REPLACE_EXISTING);
    }
    Files.copy(
        site.resolve("search/index.html"),
        out.resolve("search/index.html"),
        StandardCopyOption.REPLACE_EXISTING);
    long t0 = System.nanoTime();
    try (RoutingIndex index = RoutingIndex.open(lucene)) {
      for (int copy = 2; shown.size() < index.size(); copy++) {
        for (SearchIndexWriter.Display d : one) {
          String id = d.id() + "-r" + copy;
          shown.add(
              new SearchIndexWriter.Display(
                  id, d.name(), d.url().replace(d.id(), id), d.description(), d.clauses()));
        }
      }
      List<String> files = new SearchIndexWriter().write(new IndexContents(index), shown, out);
      System.out.printf(
          "%d skills, %d files, %.1f s%n",
          index.size(), files.size(), (System.nanoTime() - t0) / 1e9);
    }
  }

  /** What a version-1 export showed per skill. */
  private static List<SearchIndexWriter.Display> displayOf(Path search) throws Exception {
    JsonObject m = call(search.resolve("manifest.js"), "manifest(").getAsJsonObject();
    JsonArray skills = m.getAsJsonArray("skills");
    JsonArray page = m.getAsJsonArray("skillPage");
    int per = m.get("docChunk").getAsInt();
    List<SearchIndexWriter.Display> out = new ArrayList<>();
    JsonArray chunk = null;
    for (int d = 0; d < skills.size(); d++) {
      if (d % per == 0) {
        int n = d / per;
        chunk =
            call(search.resolve("d/" + Integer.toString(n, 36) + ".js"), "docs(" + n + ",")
                .getAsJsonArray();
      }
      JsonArray s = skills.get(d).getAsJsonArray();
      JsonArray doc = chunk.get(d % per).getAsJsonArray();
      String id = s.get(0).getAsString();
      String name = s.size() > 1 ? s.get(1).getAsString() : id;
      String url =
          s.size() > 2
              ? s.get(2).getAsString()
              : page.get(0).getAsString() + id + page.get(1).getAsString();
      List<String> clauses = new ArrayList<>();
      if (doc.size() > 5) {
        doc.get(5).getAsJsonArray().forEach(c -> clauses.add(c.getAsString()));
      }
      out.add(new SearchIndexWriter.Display(id, name, url, doc.get(3).getAsString(), clauses));
    }
    return out;
  }

  private static com.google.gson.JsonElement call(Path file, String prefix) throws Exception {
    String s = Files.readString(file, StandardCharsets.UTF_8);
    String start = "SkillsiteSearch." + prefix;
    if (!s.startsWith(start) || !s.endsWith(");\n")) {
      throw new IllegalArgumentException(file + ": not a version-1 search file");
    }
    return new Gson()
        .fromJson(s.substring(start.length(), s.length() - 3), com.google.gson.JsonElement.class);
  }
}
