package dev.skillsite.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skillsite.build.BuildOptions;
import dev.skillsite.build.BuildPipeline;
import dev.skillsite.build.BuildResult;
import dev.skillsite.build.PatchBuild;
import dev.skillsite.build.Progress;
import dev.skillsite.markdown.MarkdownRenderer;
import dev.skillsite.markdown.MentionIndex;
import dev.skillsite.output.OutputLock;
import dev.skillsite.testing.Trees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A patch's mention words and terms, looked up once and kept for the rest of the patch ({@link
 * SkillPagesPatch#WORD_MEMO}), answer as the pages record answers each lookup: every skill document
 * of {@code anthropic} scanned for the terms it uses, every term and only the distinctive ones, by
 * a state keeping its lookups (each document twice: the second scan answered from what the first
 * kept) and by one asking the record every time.
 */
class PatchTermsMemoTest {
  private static final Path CORPUS = Path.of("../shared/corpora/anthropic");

  @TempDir Path tmp;

  @Test
  void keptLookupsAnswerAsTheRecord() throws IOException {
    Path content = tmp.resolve("content");
    Trees.copy(CORPUS, content);
    Path site = tmp.resolve("site");
    BuildResult r =
        new PatchBuild(
                () -> new BuildPipeline(new SiteGenerator(Optional.empty()), Progress.NONE),
                Optional.empty(),
                OutputLock.Policy.build())
            .run(new BuildOptions(content, site, Optional.empty(), true, true), Optional.empty());
    assertTrue(r.published());
    List<Path> docs;
    try (Stream<Path> walk = Files.walk(content)) {
      docs = walk.filter(p -> p.toString().endsWith(".md")).sorted().toList();
    }
    MarkdownRenderer markdown = new MarkdownRenderer();
    int found = 0;
    try (SkillPagesPatch.State kept = SkillPagesPatch.State.open(site).orElseThrow();
        SkillPagesPatch.State asked = SkillPagesPatch.State.open(site).orElseThrow()) {
      asked.withoutMemo();
      List<MentionIndex> keptIndexes = List.of(kept.terms(false), kept.terms(true));
      List<MentionIndex> askedIndexes = List.of(asked.terms(false), asked.terms(true));
      for (int round = 0; round < 2; round++) {
        for (Path doc : docs) {
          String text = Files.readString(doc);
          for (int k = 0; k < 2; k++) {
            Set<String> want = markdown.mentionedTerms(text, askedIndexes.get(k));
            assertEquals(want, markdown.mentionedTerms(text, keptIndexes.get(k)), doc.toString());
            found += want.size();
            for (String t : want) {
              assertEquals(askedIndexes.get(k).owner(t), keptIndexes.get(k).owner(t), t);
            }
          }
        }
      }
    }
    assertFalse(docs.isEmpty());
    assertTrue(found > 0, "no document uses a term: the test compares nothing");
  }
}
