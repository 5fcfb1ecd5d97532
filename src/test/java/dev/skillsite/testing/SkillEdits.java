package dev.skillsite.testing;

import dev.skillsite.model.Skill;
import dev.skillsite.routing.StopWords;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Edits of one skill, for tests of incremental and patch builds. */
public final class SkillEdits {
  /** How much of a body the routing index reads ({@code SkillDocument.MAX_BODY_CHARS}). */
  public static final int INDEXED_BODY = 12_000;

  private SkillEdits() {}

  private static final String NEW_WORD = "quokka";

  /** One word of the description (a plain word of six letters or more) replaced by another. */
  public static Skill descriptionWordReplaced(Skill s) {
    Matcher m = Pattern.compile("(?<![\\w.-])([a-z]{6,})(?![\\w-])").matcher(s.description());
    Set<String> stop = new HashSet<>(StopWords.WORDS);
    String word = NEW_WORD + (char) ('a' + Math.floorMod(s.description().hashCode(), 26));
    while (m.find()) {
      if (!stop.contains(m.group(1)) && !m.group(1).startsWith(NEW_WORD)) {
        return withDescription(
            s,
            s.description().substring(0, m.start(1)) + word + s.description().substring(m.end(1)));
      }
    }
    throw new AssertionError("no word to replace in the description of " + s.id());
  }

  /** One plain body word replaced by another: every field keeps its length. */
  public static Skill bodyWordReplaced(Skill s) {
    Set<String> stop = new HashSet<>(StopWords.WORDS);
    String[] lines = s.body().split("\n", -1);
    String word = NEW_WORD + (char) ('a' + Math.floorMod(s.body().hashCode(), 26));
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].startsWith("#")) {
        continue;
      }
      Matcher m = Pattern.compile("(?<![\\w.-])([a-z]{6,})(?![\\w-])").matcher(lines[i]);
      while (m.find()) {
        if (!stop.contains(m.group(1)) && !m.group(1).startsWith(NEW_WORD)) {
          lines[i] = lines[i].substring(0, m.start(1)) + word + lines[i].substring(m.end(1));
          return withBody(s, String.join("\n", lines));
        }
      }
    }
    throw new AssertionError("no word to replace in " + s.id());
  }

  /** A sentence added past the indexed part of a long body. */
  public static Skill pastTheIndexedText(Skill s) {
    if (s.body().length() <= INDEXED_BODY) {
      throw new IllegalArgumentException("a short body: " + s.id());
    }
    return withBody(s, s.body() + "\n\nA sentence nobody indexes.\n");
  }

  public static Skill withBody(Skill s, String body) {
    return new Skill(
        s.id(),
        s.name(),
        s.description(),
        s.source(),
        s.collectionId(),
        s.frontmatter(),
        body,
        s.bodyLine(),
        s.references(),
        s.triggers(),
        s.declaredRelated());
  }

  public static Skill withName(Skill s, String name) {
    return new Skill(
        s.id(),
        name,
        s.description(),
        s.source(),
        s.collectionId(),
        s.frontmatter(),
        s.body(),
        s.bodyLine(),
        s.references(),
        s.triggers(),
        s.declaredRelated());
  }

  public static Skill withDescription(Skill s, String description) {
    return new Skill(
        s.id(),
        s.name(),
        description,
        s.source(),
        s.collectionId(),
        s.frontmatter(),
        s.body(),
        s.bodyLine(),
        s.references(),
        s.triggers(),
        s.declaredRelated());
  }
}
