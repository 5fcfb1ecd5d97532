package dev.skillsite.routing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skillsite.model.Skill;
import dev.skillsite.testing.CorpusSkills;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@link PhraseTerms}: every trigger phrase's analysed terms, as the full build keeps them in its
 * record, read back are exactly what the analysis makes of the phrase (words, each field's terms
 * and weights, synonyms included), so a patch's {@code Unmoved} decision that reads them decides as
 * one that analyses the phrase again. Records without terms (an older state) still parse.
 */
class PhraseTermsTest {
  @Test
  void everyTriggerOfLargeReadsBackAsItsAnalysis() throws Exception {
    List<Skill> skills = CorpusSkills.load(Path.of("../shared/corpora/large"));
    Set<String> triggers = new LinkedHashSet<>();
    for (Skill s : skills) {
      triggers.addAll(s.triggers().phrases());
      triggers.addAll(s.triggers().keywords());
    }
    triggers.add("summarise the PDF, then chart it"); // synonyms and punctuation
    triggers.add("x"); // a phrase of one short word
    Synonyms synonyms = new Synonyms();
    TermReader reader = new TermReader(Analysis.perField());
    int synonymTerms = 0;
    try (RoutingIndex index = RoutingIndex.build(skills)) {
      for (String q : triggers) {
        QueryTerms qt = QueryTerms.of(q, reader, synonyms, Fields.SEARCHED);
        RoutingPatch.Recorded r = RoutingPatch.Recorded.of(index, synonyms, q);
        assertEquals(qt, r.terms(), q);
        RoutingPatch.Recorded back = RoutingPatch.Recorded.parse(r.bytes()).orElseThrow();
        assertEquals(qt, back.terms(), q);
        assertArrayEquals(r.ords(), back.ords(), q);
        assertArrayEquals(r.scores(), back.scores(), q);
        for (Fields.Weighted f : Fields.SEARCHED) {
          synonymTerms +=
              (int)
                  qt.byField().get(f.field()).values().stream()
                      .filter(w -> w == Synonyms.WEIGHT)
                      .count();
        }
      }
    }
    assertTrue(synonymTerms > 0, "some phrase has synonyms");
  }

  @Test
  void aRecordWithoutTermsParsesAndAMalformedTailDoesNot() {
    RoutingPatch.Recorded r =
        new RoutingPatch.Recorded(new int[] {3, 1}, new float[] {2.5f, 1.25f});
    RoutingPatch.Recorded back = RoutingPatch.Recorded.parse(r.bytes()).orElseThrow();
    assertNull(back.terms());
    assertArrayEquals(r.ords(), back.ords());
    byte[] bytes = r.bytes();
    byte[] longer = java.util.Arrays.copyOf(bytes, bytes.length + 3);
    longer[bytes.length] = 0;
    longer[bytes.length + 1] = 5; // five words announced, none there
    assertTrue(RoutingPatch.Recorded.parse(longer).isEmpty());
    QueryTerms qt =
        QueryTerms.of(
            "convert a spreadsheet",
            new TermReader(Analysis.perField()),
            new Synonyms(),
            Fields.SEARCHED);
    byte[] kept = PhraseTerms.bytes(qt, Fields.SEARCHED);
    assertEquals(qt, PhraseTerms.parse(kept, 0, Fields.SEARCHED).orElseThrow());
    byte[] cut = java.util.Arrays.copyOf(kept, kept.length - 1);
    assertTrue(PhraseTerms.parse(cut, 0, Fields.SEARCHED).isEmpty());
  }
}
