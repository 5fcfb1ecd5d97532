package dev.skillsite.perf;

import dev.skillsite.content.ContentLoader;
import dev.skillsite.discovery.LlmsTxtPatch;
import dev.skillsite.model.Catalog;
import dev.skillsite.model.Skill;
import dev.skillsite.site.ListPatch;
import dev.skillsite.site.ListState;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The cost of staging the lists of one changed card ({@link ListPatch} + {@link LlmsTxtPatch}, what
 * a patch build's card step runs) on a site built with the cache: {@code CardPatchBench CONTENT
 * SITE SKILL_MD ROUNDS}. Each round replaces the first word of the skill's description (in a fresh
 * file: CONTENT may be a hard-linked copy), reads the catalog (not timed), stages into an empty
 * folder (timed: wall and this thread's CPU, the templates compiled once per round as a patch build
 * would) and lays the staged files over SITE, so the next round patches a patched site. Prints a
 * line per round and the state's size.
 */
public final class CardPatchBench {
  private CardPatchBench() {}

  public static void main(String[] args) throws Exception {
    Path content = Path.of(args[0]);
    Path site = Path.of(args[1]);
    Path md = content.resolve(args[2]);
    int rounds = Integer.parseInt(args[3]);
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    long pages = Files.size(site.resolve(ListState.PAGES));
    long skills = Files.size(site.resolve(ListState.SKILLS));
    String original = Files.readString(md, StandardCharsets.UTF_8);
    String[] words = {"Quokka", "Wombat", "Numbat", "Bilby"};
    for (int r = 0; r < rounds; r++) {
      String text = original.replaceFirst("description: ", "description: " + words[r % 4] + " ");
      Files.delete(md); // never write through a hard link
      Files.writeString(md, text, StandardCharsets.UTF_8);
      Catalog catalog = new ContentLoader().load(content, 1_000_000);
      Skill now =
          catalog.skills().stream()
              .filter(s -> content.resolve(s.source()).equals(md))
              .findFirst()
              .orElseThrow();
      Path staging = Files.createTempDirectory("card-bench");
      long wall = System.nanoTime();
      long cpu = mx.getCurrentThreadCpuTime();
      ListPatch.Outcome out =
          new ListPatch(Optional.empty())
              .stage(site, catalog.config(), Map.of(now.id(), now), Map.of(), staging);
      List<String> staged = new ArrayList<>();
      if (out instanceof ListPatch.Staged s) {
        staged.addAll(s.paths());
        try (ListState state = ListState.open(site).orElseThrow()) {
          staged.addAll(
              LlmsTxtPatch.stage(site, state, catalog.config(), Map.of(now.id(), now), staging)
                  .orElseThrow());
        }
      }
      double cpuMs = (mx.getCurrentThreadCpuTime() - cpu) / 1e6;
      double wallMs = (System.nanoTime() - wall) / 1e6;
      long bytes = 0;
      for (String p : staged) {
        bytes += Files.size(staging.resolve(p));
        Path to = site.resolve(p);
        Files.createDirectories(to.getParent());
        Files.copy(staging.resolve(p), to, StandardCopyOption.REPLACE_EXISTING);
      }
      System.out.printf(
          "round %d: %s, %d files (%,d bytes) staged, CPU %.0f ms, wall %.0f ms: %s%n",
          r + 1,
          out instanceof ListPatch.Refused f ? "refused (" + f.reason() + ")" : "staged",
          staged.size(),
          bytes,
          cpuMs,
          wallMs,
          staged);
      try (Stream<Path> all = Files.walk(staging)) {
        for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
    Files.delete(md);
    Files.writeString(md, original, StandardCharsets.UTF_8);
    System.out.printf(
        "state: list-pages.tab %,d bytes, list-skills.tab %,d bytes%n", pages, skills);
  }
}
