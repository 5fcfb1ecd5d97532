package dev.skillsite.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skillsite.model.Skill;
import dev.skillsite.testing.CorpusSkills;
import dev.skillsite.testing.SkillEdits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.lucene.index.CorruptIndexException;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The published routing index under a series of patches ({@link PublishedIndex}): after each patch
 * the folder, changed only by the files {@link RoutingPatch.Patched#published} returns, opens with
 * {@link RoutingIndex#open} and answers every trigger and eval request exactly as a fresh index of
 * the edited collection (ids, scores, confidence, abstention, matched phrase, the explained field
 * contributions); a plain Lucene reader refuses it with a message naming skillsite; a patch that
 * replaces no document leaves it as it is; the base segment is never written again.
 */
class PublishedIndexTest {
  private static final int TOP = 5;
  private static final String KEY = "code+config";

  @TempDir Path tmp;

  @Test
  void patchesOfMediumPublishedAnswerAsAFreshIndex() throws IOException {
    List<Skill> skills = CorpusSkills.load(Path.of("../shared/corpora/medium"));
    Sequence s = new Sequence(skills, tmp);
    Map<String, String> full = fingerprint(s.published);
    // an edit that replaces no document publishes nothing: the full build's folder, bytes kept
    s.patch(longBody(skills), SkillEdits::pastTheIndexedText);
    assertEquals(full, fingerprint(s.published), "no document replaced: the folder as it was");
    assertFalse(PublishedIndex.isPatched(s.published));
    s.patch(0, SkillEdits::bodyWordReplaced);
    assertTrue(PublishedIndex.isPatched(s.published));
    s.patch(57, SkillEdits::descriptionWordReplaced);
    s.patch(0, SkillEdits::bodyWordReplaced); // the same skill again: a fully deleted segment
    s.patch(140, b -> SkillEdits.withBody(b, b.body() + "\n\nAlso covers quokka habitats.\n"));
    // refused: nothing published, the folder still answers as before the refused edit
    Skill before = s.skills.get(longBody(skills));
    assertInstanceOf(
        RoutingPatch.CannotPatch.class,
        RoutingPatch.patch(
            s.cache,
            KEY,
            List.of(new RoutingPatch.Change(before, SkillEdits.withBody(before, "Short now.\n"))),
            List.of(),
            List.of(),
            TOP));
    s.check();
    s.patch(longBody(skills), SkillEdits::pastTheIndexedText); // nothing replaced, still patched
    s.patch(140, SkillEdits::bodyWordReplaced);
    // the base segment's files are the full build's, untouched by every patch
    Map<String, String> now = fingerprint(s.published);
    full.forEach(
        (name, sha) -> {
          if (!name.startsWith("segments_") && !name.endsWith(".liv")) {
            assertEquals(sha, now.get(name), "base file kept: " + name);
          }
        });
    // a plain Lucene reader (and so an older skillsite) refuses the folder, it does not answer
    CorruptIndexException e =
        assertThrows(
            CorruptIndexException.class,
            () -> DirectoryReader.open(FSDirectory.open(s.published)).close());
    assertTrue(e.getMessage().contains(PublishedIndex.WHY), e.getMessage());
    // the build cache does not read a patched folder back (the full build writes it again)
    assertTrue(RoutingIndex.reuse(s.published, s.skills).isEmpty());
    try (RoutingIndex open = RoutingIndex.open(s.published)) {
      assertTrue(open.patched());
      assertThrows(IllegalStateException.class, open::similarSkills);
    }
  }

  @Test
  void patchesOfAnthropicPublishedAnswerAsAFreshIndex() throws IOException {
    List<Skill> skills = CorpusSkills.load(Path.of("../shared/corpora/anthropic"));
    Sequence s = new Sequence(skills, tmp);
    s.patch(1, SkillEdits::bodyWordReplaced);
    s.patch(5, SkillEdits::descriptionWordReplaced);
    s.patch(1, SkillEdits::bodyWordReplaced);
  }

  @Test
  void aNewerLayoutIsRefusedWithItsReason() throws IOException {
    List<Skill> skills = CorpusSkills.load(Path.of("../shared/corpora/anthropic"));
    Sequence s = new Sequence(skills, tmp);
    s.patch(1, SkillEdits::bodyWordReplaced);
    Path marker = s.published.resolve(PublishedIndex.MARKER);
    Files.writeString(marker, Files.readString(marker).replace("format=1", "format=2"));
    IOException e = assertThrows(IOException.class, () -> RoutingIndex.open(s.published));
    assertTrue(e.getMessage().contains("format 2"), e.getMessage());
  }

  @Test
  void afterMaxPatchesTheBuildFallsBackToCompact() throws IOException {
    List<Skill> skills = new ArrayList<>(CorpusSkills.load(Path.of("../shared/corpora/medium")));
    Path cache = tmp.resolve("cache");
    try (RoutingIndex fresh = RoutingIndex.build(skills)) {
      RoutingPatch.write(cache, fresh, List.of(), KEY);
    }
    int patched = 0;
    for (int i = 0; patched < RoutingPatch.MAX_PATCHES && i < skills.size(); i++) {
      Skill after = SkillEdits.bodyWordReplaced(skills.get(i));
      RoutingPatch.Outcome o = patch(cache, skills.get(i), after);
      if (o instanceof RoutingPatch.CannotPatch c) {
        assertFalse(c.reason().contains("compact"), c.reason()); // a statistics refusal
        continue;
      }
      try (RoutingPatch.Patched p = (RoutingPatch.Patched) o) {
        p.commit();
      }
      skills.set(i, after);
      patched++;
    }
    assertEquals(RoutingPatch.MAX_PATCHES, patched);
    RoutingPatch.Outcome o =
        patch(cache, skills.get(0), SkillEdits.bodyWordReplaced(skills.get(0)));
    assertInstanceOf(RoutingPatch.CannotPatch.class, o);
    assertTrue(((RoutingPatch.CannotPatch) o).reason().contains("compact"), o.toString());
  }

  private static RoutingPatch.Outcome patch(Path cache, Skill before, Skill after) {
    return RoutingPatch.patch(
        cache, KEY, List.of(new RoutingPatch.Change(before, after)), List.of(), List.of(), TOP);
  }

  /** The first skill whose body is longer than the indexed part. */
  private static int longBody(List<Skill> skills) {
    for (int i = 0; i < skills.size(); i++) {
      if (skills.get(i).body().length() > SkillEdits.INDEXED_BODY + 100) {
        return i;
      }
    }
    throw new AssertionError("no skill with a long body");
  }

  /** File name (relative) → SHA-256 of every file under {@code dir}. */
  static Map<String, String> fingerprint(Path dir) throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        out.put(
            dir.relativize(f).toString(),
            java.util.HexFormat.of().formatHex(sha256(Files.readAllBytes(f))));
      }
    }
    return out;
  }

  private static byte[] sha256(byte[] b) {
    try {
      return java.security.MessageDigest.getInstance("SHA-256").digest(b);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A collection, its patch state, its published folder, and its current skills. */
  private static final class Sequence {
    final List<Skill> skills;
    final Path cache;
    final Path published;
    final List<String> queries;

    Sequence(List<Skill> skills, Path tmp) throws IOException {
      this.skills = new ArrayList<>(skills);
      this.cache = tmp.resolve("cache");
      this.published = tmp.resolve("site/search/lucene");
      Set<String> t = new LinkedHashSet<>();
      for (Skill s : skills) {
        t.addAll(s.triggers().phrases());
        t.addAll(s.triggers().keywords());
      }
      Set<String> q = new LinkedHashSet<>(t);
      for (String line : Files.readAllLines(Path.of("../shared/eval/large.jsonl"))) {
        Matcher m = Pattern.compile("\"query\":\\s*\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(line);
        if (m.find()) {
          q.add(m.group(1).replace("\\\"", "\""));
        }
      }
      for (int i = 0; i < skills.size(); i += 10) {
        q.add(skills.get(i).name()); // called by name
      }
      this.queries = List.copyOf(q);
      try (RoutingIndex fresh = RoutingIndex.build(skills)) {
        fresh.writeTo(published);
        RoutingPatch.write(cache, fresh, t, KEY);
      }
    }

    /** Patches one edit, publishes what the patch says, commits, and checks the folder. */
    void patch(int at, UnaryOperator<Skill> edit) throws IOException {
      Skill before = skills.get(at);
      Skill after = edit.apply(before);
      assertFalse(after.equals(before));
      RoutingPatch.Outcome o =
          RoutingPatch.patch(
              cache,
              KEY,
              List.of(new RoutingPatch.Change(before, after)),
              List.of(),
              List.of(),
              TOP);
      assertInstanceOf(RoutingPatch.Patched.class, o, o.toString());
      try (RoutingPatch.Patched p = (RoutingPatch.Patched) o) {
        RoutingPatch.Published files = p.published(published);
        for (var e : files.written().entrySet()) {
          assertFalse(e.getKey().startsWith("_0."), "base segment written again: " + e.getKey());
          Path to = published.resolve(e.getKey());
          Files.createDirectories(to.getParent());
          Files.write(to, e.getValue());
        }
        for (String d : files.deleted()) {
          Files.delete(published.resolve(d));
        }
        assertTrue(files.written().size() <= 40, "O(change): " + files.written().keySet());
        p.commit();
      }
      skills.set(at, after);
      check();
    }

    /** The published folder answers as a fresh index of the current skills. */
    void check() throws IOException {
      try (RoutingIndex open = RoutingIndex.open(published);
          RoutingIndex fresh = RoutingIndex.build(skills)) {
        assertEquals(fresh.size(), open.size());
        assertEquals(fresh.confidence(), open.confidence());
        Router a = new Router(fresh);
        Router b = new Router(open);
        for (String q : queries) {
          assertEquals(a.explain(q, TOP), b.explain(q, TOP), "explain: " + q);
        }
        for (Skill k : skills) {
          assertTrue(open.hasSkillNamed(k.name()));
        }
        assertFalse(open.hasSkillNamed("no-such-skill-anywhere"));
      }
    }
  }
}
