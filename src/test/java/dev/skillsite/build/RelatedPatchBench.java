package dev.skillsite.build;

import dev.skillsite.cache.IndexAnswers;
import dev.skillsite.content.ContentLoader;
import dev.skillsite.model.Catalog;
import dev.skillsite.model.Skill;
import dev.skillsite.model.SkillId;
import dev.skillsite.routing.RoutingIndex;
import dev.skillsite.routing.RoutingPatch;
import dev.skillsite.routing.StopWords;
import dev.skillsite.site.RelatedSkill;
import dev.skillsite.testing.SkillEdits;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lab program (not a test): the related lists a patch makes again ({@link RelatedPatch}) for a
 * sequence of random one-word body edits (a plain word of the indexed body replaced by a word of
 * another random skill's body, seed fixed), then edits putting the collection's commonest usable
 * body word into a body: per patch, how many skills' lists may change ({@code similarMayChange}),
 * how many differ, and the thread CPU of making them again. The state is recorded once as a full
 * build would (routing state, related lists).
 *
 * <pre>
 * java -Xmx2g -cp target/classes:target/test-classes:$(cat cp.txt) \
 *     dev.skillsite.build.RelatedPatchBench ../shared/corpora/large /tmp/work 20 3
 * </pre>
 */
public final class RelatedPatchBench {
  private static final Pattern WORD = Pattern.compile("(?<![\\w.-])([a-z]{6,})(?![\\w-])");
  private static final Set<String> STOP = new HashSet<>(StopWords.WORDS);

  private RelatedPatchBench() {}

  public static void main(String[] args) throws IOException {
    Path work = Files.createTempDirectory(Files.createDirectories(Path.of(args[1])), "rel");
    int random = Integer.parseInt(args[2]);
    int common = Integer.parseInt(args[3]);
    int described = args.length > 4 ? Integer.parseInt(args[4]) : 0;
    int sentences = args.length > 5 ? Integer.parseInt(args[5]) : 0;
    var bean = ManagementFactory.getThreadMXBean();
    long c = bean.getCurrentThreadCpuTime();
    Catalog catalog = new ContentLoader().load(Path.of(args[0]), 200_000);
    List<Skill> skills = new ArrayList<>(catalog.skills());
    Path cache = work.resolve("cache");
    long record;
    long afterRelate;
    try (RoutingIndex index = RoutingIndex.build(skills)) {
      long r0 = bean.getCurrentThreadCpuTime();
      RoutingPatch.write(cache, index, List.of(), "k");
      record = bean.getCurrentThreadCpuTime() - r0;
      Map<SkillId, List<RelatedSkill>> lists =
          new RelatedSkillsStage(BuildPipeline.RELATED).relate(catalog, index, new IndexAnswers());
      RelatedState.write(work, catalog, lists);
      // the full build's order: relate, then the state written from the walks relate made
      long r1 = bean.getCurrentThreadCpuTime();
      RoutingPatch.write(cache, index, List.of(), "k");
      afterRelate = bean.getCurrentThreadCpuTime() - r1;
    }
    System.out.printf(
        "%d skills: load, index, relate, record: %.1f s CPU (this thread)%n",
        skills.size(), (bean.getCurrentThreadCpuTime() - c) / 1e9);
    System.out.printf(
        "routing state written (with the similar table): %.1f s CPU before relate (every query"
            + " made again), %.1f s CPU after it (its walks taken)%n",
        record / 1e9, afterRelate / 1e9);
    String frequent = commonestBodyWord(skills);
    System.out.println("commonest usable body word: " + frequent);
    Random r = new Random(27);
    List<long[]> rows = new ArrayList<>();
    int patches = 0;
    String[] kinds = {"random", "common", "descr.", "sentence"};
    List<String> pool = commonBodyWords(skills, 200);
    for (int e = 0; e < random + common + described + sentences; e++) {
      int kind = e < random ? 0 : e < random + common ? 1 : e < random + common + described ? 2 : 3;
      int at = r.nextInt(skills.size());
      Skill before = skills.get(at);
      String word;
      Skill after;
      if (kind == 3) {
        word = sentence(skills, pool, r);
        after = SkillEdits.sentenceAfterFirstHeading(before, word);
      } else if (kind == 2) {
        word = randomDescriptionWord(skills.get(r.nextInt(skills.size())), r);
        after = replaceRandomDescriptionWord(before, word, r);
      } else {
        word = kind == 0 ? randomWord(skills.get(r.nextInt(skills.size())), r) : frequent;
        after = replaceRandomBodyWord(before, word, r);
      }
      if (word == null || after == null) {
        e--;
        continue;
      }
      if (++patches == 16) { // RoutingPatch.MAX_PATCHES: a full build would write the state again
        try (RoutingIndex index = RoutingIndex.build(skills)) {
          RoutingPatch.write(cache, index, List.of(), "k");
        }
        patches = 1;
      }
      long p0 = bean.getCurrentThreadCpuTime();
      RoutingPatch.Outcome o =
          RoutingPatch.patch(
              cache, "k", List.of(new RoutingPatch.Change(before, after)), List.of(), List.of(), 5);
      long patchCpu = bean.getCurrentThreadCpuTime() - p0;
      if (o instanceof RoutingPatch.CannotPatch no) {
        System.out.println(before.id() + ": cannot patch: " + no.reason());
        continue;
      }
      Path staging = Files.createDirectories(work.resolve("staging"));
      try (RoutingPatch.Patched p = (RoutingPatch.Patched) o;
          RelatedState state = RelatedState.open(work).orElseThrow()) {
        long t0 = bean.getCurrentThreadCpuTime();
        long w0 = System.nanoTime();
        RelatedPatch.Outcome out =
            RelatedPatch.patch(
                state, p.similarMayChange(), p.similarSkills()::similar, List.of(after), staging);
        long cpu = bean.getCurrentThreadCpuTime() - t0;
        long wall = System.nanoTime() - w0;
        int differ = out instanceof RelatedPatch.Patched done ? done.changed().size() : -1;
        int wide = p.similarMayChangeWide().size();
        long c0 = bean.getCurrentThreadCpuTime();
        p.commit();
        long commitCpu = bean.getCurrentThreadCpuTime() - c0;
        System.out.printf(
            "%s %-40s %-18s may change %5d (wide %5d), differ %2d, routing patch %6.1f ms,"
                + " lists %7.1f ms (wall %7.1f), commit %6.1f ms CPU %s%n",
            kinds[kind],
            before.id().value(),
            word.length() > 18 ? word.substring(0, 15) + "…" : word,
            p.similarMayChange().size(),
            wide,
            differ,
            patchCpu / 1e6,
            cpu / 1e6,
            wall / 1e6,
            commitCpu / 1e6,
            p.similarMayChangeParts().values());
        rows.add(
            new long[] {kind, p.similarMayChange().size(), differ, cpu, wide, patchCpu, commitCpu});
      }
      if (Files.exists(staging.resolve(RelatedState.PATCHED))) {
        Files.move(
            staging.resolve(RelatedState.PATCHED),
            work.resolve(RelatedState.PATCHED),
            StandardCopyOption.REPLACE_EXISTING);
      }
      skills.set(at, after);
    }
    for (int kind = 0; kind < 4; kind++) {
      int k = kind;
      long[] may = column(rows, k, 1);
      long[] wide = column(rows, k, 4);
      long[] cpu = column(rows, k, 3);
      long[] patchCpu = column(rows, k, 5);
      long[] commitCpu = column(rows, k, 6);
      long differ = rows.stream().filter(x -> x[0] == k).mapToLong(x -> Math.max(0, x[2])).sum();
      long refused = rows.stream().filter(x -> x[0] == k && x[2] < 0).count();
      if (may.length > 0) {
        System.out.printf(
            "%s edits: %d; may change median / p95 / max %d / %d / %d (wide %d / %d / %d);"
                + " lists differing %d in all, refused (> 512) %d; CPU median / max: routing"
                + " patch %.1f / %.1f ms, lists %.1f / %.1f ms, commit %.1f / %.1f ms;"
                + " per list asked %.2f ms%n",
            kinds[k],
            may.length,
            may[may.length / 2],
            may[(int) Math.ceil(0.95 * may.length) - 1],
            may[may.length - 1],
            wide[wide.length / 2],
            wide[(int) Math.ceil(0.95 * wide.length) - 1],
            wide[wide.length - 1],
            differ,
            refused,
            patchCpu[patchCpu.length / 2] / 1e6,
            patchCpu[patchCpu.length - 1] / 1e6,
            cpu[cpu.length / 2] / 1e6,
            cpu[cpu.length - 1] / 1e6,
            commitCpu[commitCpu.length / 2] / 1e6,
            commitCpu[commitCpu.length - 1] / 1e6,
            Arrays.stream(cpu).sum() / 1e6 / Math.max(1, Arrays.stream(may).sum()));
      }
    }
  }

  /**
   * A sentence of 6–12 words: each a common body word ({@code pool}, the collection's commonest
   * usable ones) or a plain body word of a random skill, half and half.
   */
  private static String sentence(List<Skill> skills, List<String> pool, Random r) {
    int count = 6 + r.nextInt(7);
    List<String> words = new ArrayList<>();
    while (words.size() < count) {
      String w =
          r.nextBoolean()
              ? pool.get(r.nextInt(pool.size()))
              : randomWord(skills.get(r.nextInt(skills.size())), r);
      if (w != null) {
        words.add(w);
      }
    }
    String s = String.join(" ", words);
    return Character.toUpperCase(s.charAt(0)) + s.substring(1) + ".";
  }

  /** The {@code count} commonest body words under a quarter of the skills. */
  private static List<String> commonBodyWords(List<Skill> skills, int count) {
    Map<String, Integer> df = new HashMap<>();
    for (Skill s : skills) {
      for (String w : new HashSet<>(bodyWords(s))) {
        df.merge(w, 1, Integer::sum);
      }
    }
    return df.entrySet().stream()
        .filter(e -> e.getValue() < 0.25 * skills.size())
        .sorted(
            Map.Entry.<String, Integer>comparingByValue()
                .reversed()
                .thenComparing(Map.Entry.comparingByKey()))
        .limit(count)
        .map(Map.Entry::getKey)
        .toList();
  }

  private static long[] column(List<long[]> rows, int kind, int col) {
    return rows.stream().filter(x -> x[0] == kind).mapToLong(x -> x[col]).sorted().toArray();
  }

  private static String randomDescriptionWord(Skill s, Random r) {
    List<String> words = new ArrayList<>();
    Matcher m = WORD.matcher(s.description());
    while (m.find()) {
      if (!STOP.contains(m.group(1))) {
        words.add(m.group(1));
      }
    }
    return words.isEmpty() ? null : words.get(r.nextInt(words.size()));
  }

  /** A random plain description word replaced by {@code word}. */
  private static Skill replaceRandomDescriptionWord(Skill s, String word, Random r) {
    String d = replaceRandomWord(s.description(), s.description().length(), word, r);
    return d == null ? null : SkillEdits.withDescription(s, d);
  }

  /**
   * A random plain word of {@code text}'s first {@code limit} characters (not in a heading line,
   * not a stop word, not {@code word}) replaced by {@code word}; null when none or no word.
   */
  private static String replaceRandomWord(String text, int limit, String word, Random r) {
    if (word == null) {
      return null;
    }
    List<int[]> spans = new ArrayList<>();
    int lineStart = 0;
    for (String line : text.substring(0, limit).split("\n", -1)) {
      if (!line.startsWith("#")) {
        Matcher m = WORD.matcher(line);
        while (m.find()) {
          if (!STOP.contains(m.group(1)) && !m.group(1).equals(word)) {
            spans.add(new int[] {lineStart + m.start(1), lineStart + m.end(1)});
          }
        }
      }
      lineStart += line.length() + 1;
    }
    if (spans.isEmpty()) {
      return null;
    }
    int[] at = spans.get(r.nextInt(spans.size()));
    return text.substring(0, at[0]) + word + text.substring(at[1]);
  }

  private static String randomWord(Skill s, Random r) {
    List<String> words = bodyWords(s);
    return words.isEmpty() ? null : words.get(r.nextInt(words.size()));
  }

  private static List<String> bodyWords(Skill s) {
    List<String> out = new ArrayList<>();
    String body = s.body().substring(0, Math.min(s.body().length(), SkillEdits.INDEXED_BODY));
    for (String line : body.split("\n")) {
      if (line.startsWith("#")) {
        continue;
      }
      Matcher m = WORD.matcher(line);
      while (m.find()) {
        if (!STOP.contains(m.group(1))) {
          out.add(m.group(1));
        }
      }
    }
    return out;
  }

  /** A random plain word of the indexed body (not in a heading) replaced by {@code word}. */
  private static Skill replaceRandomBodyWord(Skill s, String word, Random r) {
    int limit = Math.min(s.body().length(), SkillEdits.INDEXED_BODY - 200);
    String b = replaceRandomWord(s.body(), limit, word, r);
    return b == null ? null : SkillEdits.withBody(s, b);
  }

  private static String commonestBodyWord(List<Skill> skills) {
    Map<String, Integer> df = new HashMap<>();
    for (Skill s : skills) {
      for (String w : new HashSet<>(bodyWords(s))) {
        df.merge(w, 1, Integer::sum);
      }
    }
    return df.entrySet().stream()
        .filter(e -> e.getValue() < 0.25 * skills.size())
        .max(
            Map.Entry.<String, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
        .orElseThrow()
        .getKey();
  }
}
