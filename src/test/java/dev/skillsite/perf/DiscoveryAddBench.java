package dev.skillsite.perf;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.skillsite.content.ContentLoader;
import dev.skillsite.discovery.DiscoveryIndexEntries;
import dev.skillsite.discovery.DiscoveryIndexWriter;
import dev.skillsite.model.Catalog;
import dev.skillsite.model.Skill;
import dev.skillsite.site.SiteLayout;
import dev.skillsite.site.SkillFilesPatch;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A skill added to the discovery index, spliced ({@link DiscoveryIndexEntries#add}) beside the
 * index read, parsed, the entry inserted and printed whole (Gson, as the writer prints it): {@code
 * DiscoveryAddBench CONTENT WORK ROUNDS SKILL_ID…}. Makes a site in WORK holding what the index
 * reads (each skill's archive or raw SKILL.md, as a build writes them), the index of the catalog
 * without each SKILL_ID and with it (the writer's); then per skill ROUNDS rounds of A (splice) and
 * B (whole) interleaved, each into an empty folder, both checked equal to the writer's index with
 * the skill, and the removal spliced. Prints per-round wall times and medians.
 */
public final class DiscoveryAddBench {
  private DiscoveryAddBench() {}

  public static void main(String[] args) throws Exception {
    Path content = Path.of(args[0]);
    Path work = Path.of(args[1]);
    int rounds = Integer.parseInt(args[2]);
    Catalog catalog = new ContentLoader().load(content, 1_000_000);
    Path site = Files.createDirectories(work.resolve("site"));
    long t0 = System.nanoTime();
    int archives = 0;
    for (Skill s : catalog.skills()) {
      SkillFilesPatch.Outcome o = SkillFilesPatch.add(content, s, List.of(), site);
      archives += o.archive().isPresent() ? 1 : 0;
    }
    System.out.printf(
        "site: %d skills, %d archives, %.1f s%n",
        catalog.skills().size(), archives, (System.nanoTime() - t0) / 1e9);
    for (int k = 3; k < args.length; k++) {
      String id = args[k];
      Skill x =
          catalog.skills().stream()
              .filter(s -> s.id().value().equals(id))
              .findFirst()
              .orElseThrow(() -> new IllegalArgumentException("no skill " + id));
      Path with = Files.createDirectories(work.resolve("with-" + id));
      Path without = Files.createDirectories(work.resolve("without-" + id));
      new DiscoveryIndexWriter().write(catalog, content, with, site::resolve);
      List<Skill> others = new ArrayList<>(catalog.skills());
      others.remove(x);
      new DiscoveryIndexWriter()
          .write(
              new Catalog(
                  catalog.config(),
                  catalog.collections(),
                  others,
                  catalog.skippedSources(),
                  catalog.diagnostics()),
              content,
              without,
              site::resolve);
      byte[] expect = Files.readAllBytes(with.resolve(DiscoveryIndexWriter.PATH));
      boolean archive = Files.isRegularFile(site.resolve(SkillFilesPatch.archivePath(x)));
      byte[] served =
          Files.readAllBytes(
              site.resolve(archive ? SkillFilesPatch.archivePath(x) : SiteLayout.rawSkill(x.id())));
      System.out.printf(
          "%s: index %d bytes with it (%s)%n", id, expect.length, archive ? "archive" : "skill-md");
      List<Long> splice = new ArrayList<>();
      List<Long> whole = new ArrayList<>();
      List<Long> removal = new ArrayList<>();
      for (int r = -2; r < rounds; r++) { // two rounds to warm up, not counted
        Path a = Files.createTempDirectory(work, "a");
        long s0 = System.nanoTime();
        Optional<DiscoveryIndexEntries.Change> c =
            DiscoveryIndexEntries.add(without, a, catalog.config(), x, archive, served);
        long s1 = System.nanoTime();
        check(c.isPresent() && Arrays.equals(expect, read(a)), "splice " + id);
        Path b = Files.createTempDirectory(work, "b");
        long w0 = System.nanoTime();
        wholeAdd(without, b, catalog, x, archive, served);
        long w1 = System.nanoTime();
        check(Arrays.equals(expect, read(b)), "whole " + id);
        Path d = Files.createTempDirectory(work, "d");
        String path = archive ? SkillFilesPatch.archivePath(x) : SiteLayout.rawSkill(x.id());
        long at = c.get().digestAt();
        long r0 = System.nanoTime();
        Optional<DiscoveryIndexEntries.Change> gone = DiscoveryIndexEntries.remove(a, d, path, at);
        long r1 = System.nanoTime();
        check(
            gone.isPresent()
                && Arrays.equals(
                    Files.readAllBytes(without.resolve(DiscoveryIndexWriter.PATH)), read(d)),
            "removal " + id);
        System.out.printf(
            "%s round %d: splice %.2f ms, whole %.2f ms, removal %.2f ms%n",
            id, r, (s1 - s0) / 1e6, (w1 - w0) / 1e6, (r1 - r0) / 1e6);
        if (r >= 0) {
          splice.add(s1 - s0);
          whole.add(w1 - w0);
          removal.add(r1 - r0);
        }
        for (Path p : List.of(a, b, d)) {
          deleteTree(p);
        }
      }
      System.out.printf(
          "%s medians of %d: splice %.2f ms, whole %.2f ms, removal %.2f ms%n",
          id, rounds, median(splice) / 1e6, median(whole) / 1e6, median(removal) / 1e6);
    }
  }

  /** The index read and parsed, the entry put in its place by name then id, printed whole. */
  private static void wholeAdd(
      Path site, Path staging, Catalog catalog, Skill x, boolean archive, byte[] served)
      throws Exception {
    String text = Files.readString(site.resolve(DiscoveryIndexWriter.PATH), StandardCharsets.UTF_8);
    JsonObject index = JsonParser.parseString(text).getAsJsonObject();
    JsonArray skills = index.getAsJsonArray("skills");
    String base =
        catalog.config().baseUrl().map(b -> b.replaceAll("/+$", "") + "/").orElse("../../");
    JsonObject o = new JsonObject();
    o.addProperty("name", x.name());
    o.addProperty("type", archive ? "archive" : "skill-md");
    o.addProperty("description", x.description().strip());
    o.addProperty(
        "url", base + (archive ? SkillFilesPatch.archivePath(x) : SiteLayout.rawSkill(x.id())));
    o.addProperty(
        "digest",
        "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(served)));
    JsonArray now = new JsonArray();
    boolean placed = false;
    for (JsonElement e : skills) {
      String name = e.getAsJsonObject().get("name").getAsString();
      String url = e.getAsJsonObject().get("url").getAsString();
      String id = url.substring(url.indexOf("skills/") + 7);
      id = id.substring(0, id.indexOf('/'));
      int c = name.compareTo(x.name());
      if (!placed && (c > 0 || (c == 0 && id.compareTo(x.id().value()) > 0))) {
        now.add(o);
        placed = true;
      }
      now.add(e);
    }
    if (!placed) {
      now.add(o);
    }
    index.add("skills", now);
    Path to = staging.resolve(DiscoveryIndexWriter.PATH);
    Files.createDirectories(to.getParent());
    Files.writeString(
        to,
        new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(index) + "\n",
        StandardCharsets.UTF_8);
  }

  private static byte[] read(Path staging) throws Exception {
    return Files.readAllBytes(staging.resolve(DiscoveryIndexWriter.PATH));
  }

  private static void check(boolean ok, String what) {
    if (!ok) {
      throw new IllegalStateException(what + ": not the writer's index");
    }
  }

  private static double median(List<Long> xs) {
    List<Long> s = xs.stream().sorted().toList();
    int n = s.size();
    return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2.0;
  }

  private static void deleteTree(Path root) throws Exception {
    try (Stream<Path> all = Files.walk(root)) {
      for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
