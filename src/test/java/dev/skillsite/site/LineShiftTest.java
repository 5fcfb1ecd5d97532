package dev.skillsite.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skillsite.check.DescriptionFacts;
import dev.skillsite.content.ContentLoader;
import dev.skillsite.model.Skill;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link LineShift}: which lines of a SKILL.md kept their text, and which places of the check's
 * findings provably move with them (the check's own search for them run on both copies).
 */
class LineShiftTest {
  @TempDir Path tmp;

  private static final String HEAD = "---\nname: deck-colors\n";
  private static final String DESCRIPTION =
      "description: Applies the house colors to slide decks. Use when asked to \"recolor my"
          + " slides\".\n";
  private static final String WHEN = "when_to_use: Use when a poster needs the brand palette.\n";
  private static final String BODY = "---\n\n# Deck colors\n\nPick the palette first.\n";

  @Test
  void linesKeptAboveAndBelowAnInsertedLineAreMapped() {
    LineShift s = LineShift.of(5, "a\nb\nc\n---\nbody\n", "a\nb\nx\ny\nc\n---\nbody\n", true);
    assertEquals(2, s.same());
    assertEquals(3, s.suffixFrom());
    assertEquals(2, s.delta());
    LineShift gone = LineShift.of(7, "a\nb\nx\ny\nc\n---\nbody\n", "a\nb\nc\n---\nbody\n", true);
    assertEquals(2, gone.same());
    assertEquals(5, gone.suffixFrom());
    assertEquals(-2, gone.delta());
    LineShift changed = LineShift.of(5, "a\nb\nc\n---\nbody\n", "a\nB\nz\nc\n---\nbody\n", true);
    assertEquals(1, changed.same());
    assertEquals(3, changed.suffixFrom()); // old line 2 changed, 3 on kept
    assertEquals(1, changed.delta());
    // a lone carriage return: some readers count it as a line break, others do not
    assertEquals(0, LineShift.of(5, "a\rb\n", "a\rb\nc\n", true).same());
  }

  @Test
  void aFindingMovesWithItsLineWhenTheCheckFindsItThereAgain() throws IOException {
    // license added above the description: the key, the trigger and the when_to_use clause move
    String before = HEAD + DESCRIPTION + WHEN + BODY;
    String after = HEAD + "license: MIT\n" + DESCRIPTION + WHEN + BODY;
    LineShift s = shift(before, after, true);
    assertEquals(OptionalInt.of(4), s.line(3, 1)); // the description key
    int col = DESCRIPTION.indexOf("recolor my slides") + 1;
    assertEquals(OptionalInt.of(4), s.line(3, col)); // the trigger
    assertEquals(OptionalInt.empty(), s.line(3, 2), "no finding of the check is placed there");
    int clause = clauseColumn(before);
    assertEquals(OptionalInt.of(5), s.line(4, clause));
    assertEquals(OptionalInt.empty(), s.settled(false).line(4, clause), "not the copy's section");
    assertEquals(OptionalInt.empty(), s.settled(false).line(3, 1), "a moved line, not the copy's");
  }

  @Test
  void aLineThatTakesATriggersFirstPlaceIsNotProved() throws IOException {
    // a metadata line between the description and when_to_use names the clause's words: the check
    // finds the trigger there now, not on the moved when_to_use line
    String before = HEAD + DESCRIPTION + WHEN + BODY;
    String after =
        HEAD + DESCRIPTION + "metadata:\n  note: a poster needs the brand palette\n" + WHEN + BODY;
    LineShift s = shift(before, after, true);
    assertEquals(OptionalInt.empty(), s.line(4, clauseColumn(before)));
    assertEquals(OptionalInt.of(3), s.line(3, 1), "the description key stays");
  }

  @Test
  void theNameKeysPlaceIsProvedWhenItIsTheOnlyOne() {
    String before = "---\nname: a\ndescription: d\n---\nbody\n";
    String after = "---\nlicense: MIT\nname: a\ndescription: d\n---\nbody\n";
    LineShift s = LineShift.of(5, before, after, true);
    assertEquals(OptionalInt.empty(), s.line(2, 1), "not proved yet");
    assertEquals(OptionalInt.of(3), s.provenKey("name", before, after).line(2, 1));
    assertEquals(OptionalInt.empty(), s.provenKey("name", before, after).line(2, 2));
    String twice = "---\nname: a\nname: b\ndescription: d\n---\nbody\n";
    assertEquals(
        OptionalInt.empty(),
        LineShift.of(5, before, twice, true).provenKey("name", before, twice).line(2, 1),
        "two name keys: the loader's place of it is not known");
  }

  /** The column of the when_to_use clause's trigger on line 4, as the check places it. */
  private int clauseColumn(String text) throws IOException {
    Path root = tmp.resolve("clause");
    DescriptionFacts facts = DescriptionFacts.of(root, skill(root, text));
    return facts.triggers().values().stream()
        .filter(p -> p.line() == 4)
        .mapToInt(p -> p.col())
        .findFirst()
        .orElseThrow(() -> new AssertionError(facts.triggers().toString()));
  }

  private LineShift shift(String before, String after, boolean settled) throws IOException {
    Skill was = skill(tmp.resolve("before"), before);
    Skill now = skill(tmp.resolve("after"), after);
    assertTrue(was.bodyLine() != now.bodyLine());
    return LineShift.of(was.bodyLine(), before, after, settled)
        .proven(
            DescriptionFacts.of(tmp.resolve("before"), was),
            DescriptionFacts.of(tmp.resolve("after"), now));
  }

  private static Skill skill(Path root, String text) throws IOException {
    Path file = root.resolve("skills/deck-colors/SKILL.md");
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
    return new ContentLoader().load(root).skills().get(0);
  }
}
