package dev.skillsite.testing;

import dev.skillsite.model.Skill;
import dev.skillsite.routing.StopWords;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Edits of one skill, for tests of incremental and patch builds. */
public final class SkillEdits {
  /** How much of a body the routing index reads ({@code SkillDocument.MAX_BODY_CHARS}). */
  public static final int INDEXED_BODY = 12_000;

  private SkillEdits() {}

  private static final String NEW_WORD = "quokka";

  /** A plain word: six letters or more, not part of a name, a path or a hyphenated word. */
  private static final Pattern PLAIN_WORD = Pattern.compile("(?<![\\w.-])([a-z]{6,})(?![\\w-])");

  /**
   * {@code text} with its first plain word that is not a stop word (nor an earlier replacement)
   * replaced by one made from {@code text}'s hash; empty when there is none.
   */
  private static Optional<String> firstPlainWordReplaced(String text, String seed) {
    Set<String> stop = new HashSet<>(StopWords.WORDS);
    String word = NEW_WORD + (char) ('a' + Math.floorMod(seed.hashCode(), 26));
    Matcher m = PLAIN_WORD.matcher(text);
    while (m.find()) {
      if (!stop.contains(m.group(1)) && !m.group(1).startsWith(NEW_WORD)) {
        return Optional.of(text.substring(0, m.start(1)) + word + text.substring(m.end(1)));
      }
    }
    return Optional.empty();
  }

  /** One word of the description (a plain word of six letters or more) replaced by another. */
  public static Skill descriptionWordReplaced(Skill s) {
    return withDescription(
        s,
        firstPlainWordReplaced(s.description(), s.description())
            .orElseThrow(
                () -> new AssertionError("no word to replace in the description of " + s.id())));
  }

  /** One plain body word replaced by another: every field keeps its length. */
  public static Skill bodyWordReplaced(Skill s) {
    String[] lines = s.body().split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].startsWith("#")) {
        continue;
      }
      Optional<String> line = firstPlainWordReplaced(lines[i], s.body());
      if (line.isPresent()) {
        lines[i] = line.get();
        return withBody(s, String.join("\n", lines));
      }
    }
    throw new AssertionError("no word to replace in " + s.id());
  }

  /**
   * The description's first word replaced by {@code word} (a reword that keeps the triggers: the
   * first word of a description is rarely inside its "Use when" clause).
   */
  public static Skill descriptionFirstWord(Skill s, String word) {
    Matcher m = Pattern.compile("\\p{L}+").matcher(s.description());
    if (!m.find()) {
      throw new IllegalArgumentException("no word in the description of " + s.id());
    }
    String d = s.description();
    return withDescription(s, d.substring(0, m.start()) + word + d.substring(m.end()));
  }

  /** {@code sentence} inserted as a paragraph after the body's first heading (or at its start). */
  public static Skill sentenceAfterFirstHeading(Skill s, String sentence) {
    String b = s.body();
    int h = b.startsWith("#") ? 0 : b.indexOf("\n#");
    int at = h < 0 ? 0 : b.indexOf('\n', h + 1);
    at = at < 0 ? b.length() : at + 1;
    return withBody(s, b.substring(0, at) + "\n" + sentence + "\n\n" + b.substring(at));
  }

  /** A sentence added past the indexed part of a long body. */
  public static Skill pastTheIndexedText(Skill s) {
    if (s.body().length() <= INDEXED_BODY) {
      throw new IllegalArgumentException("a short body: " + s.id());
    }
    return withBody(s, s.body() + "\n\nA sentence nobody indexes.\n");
  }

  public static Skill withBody(Skill s, String body) {
    return with(s, s.name(), s.description(), body);
  }

  public static Skill withName(Skill s, String name) {
    return with(s, name, s.description(), s.body());
  }

  public static Skill withDescription(Skill s, String description) {
    return with(s, s.name(), description, s.body());
  }

  private static Skill with(Skill s, String name, String description, String body) {
    return new Skill(
        s.id(),
        name,
        description,
        s.source(),
        s.collectionId(),
        s.frontmatter(),
        body,
        s.bodyLine(),
        s.references(),
        s.triggers(),
        s.declaredRelated());
  }
}
