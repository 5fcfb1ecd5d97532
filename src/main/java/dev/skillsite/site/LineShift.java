package dev.skillsite.site;

import dev.skillsite.check.DescriptionFacts;
import dev.skillsite.model.SourcePos;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

/**
 * How the lines of one SKILL.md moved between the copy the last build (or patch) published and the
 * content's now, for the findings its page's health section places on them: lines {@code 1..same}
 * are the same text in both, and the old lines from {@code suffixFrom} on are the same text as the
 * new ones from {@code suffixFrom + delta} on, to the end of the file; the lines between changed. A
 * check rule places a skill's findings at its description key, at the first place of a trigger (or
 * a lint word) in the frontmatter from the description on, which other lines can change: only the
 * {@code places} (line:col of the published copy) where the same search on the content now ({@link
 * DescriptionFacts}, before and after) finds the same thing on the moved line are known. A finding
 * elsewhere, on a changed line, or past the common start of a section that is not the published
 * copy's is not placed ({@link #line} is empty: the patch refuses).
 *
 * @param bodyBefore the first line of the published copy's body
 * @param settled whether the section's findings are the published copy's (its check inputs the same
 *     and its section not made again by this patch's routing side), so that those on the common end
 *     move too
 * @param places the published copy's places ({@code line:col}) proved to move with their lines
 */
public record LineShift(
    int bodyBefore, int same, int suffixFrom, int delta, boolean settled, Set<String> places) {
  public LineShift {
    places = Set.copyOf(places);
  }

  /**
   * The shift from {@code before} to {@code after} (lines as {@link String#lines} splits them); a
   * text with a carriage return not followed by a line feed (lines some readers count apart) has no
   * unchanged line.
   */
  public static LineShift of(int bodyBefore, String before, String after, boolean settled) {
    if (loneReturn(before) || loneReturn(after)) {
      return new LineShift(bodyBefore, 0, Integer.MAX_VALUE, 0, false, Set.of());
    }
    List<String> a = before.lines().toList();
    List<String> b = after.lines().toList();
    int same = 0;
    while (same < a.size() && same < b.size() && a.get(same).equals(b.get(same))) {
      same++;
    }
    int end = 0;
    while (end < a.size() - same
        && end < b.size() - same
        && a.get(a.size() - 1 - end).equals(b.get(b.size() - 1 - end))) {
      end++;
    }
    return new LineShift(
        bodyBefore, same, a.size() - end + 1, b.size() - a.size(), settled, Set.of());
  }

  /** As this, {@link #settled} only if it was and {@code still}. */
  public LineShift settled(boolean still) {
    return new LineShift(bodyBefore, same, suffixFrom, delta, settled && still, places);
  }

  /**
   * As this, its {@link #places} those of {@code before} (the published copy's facts) that {@code
   * now} (the content's) has on the moved line, at the same column: the description key, each
   * trigger both have, each lint finding (when both have the same lint, in order). A place one pair
   * proves and another does not is left out.
   */
  public LineShift proven(DescriptionFacts before, DescriptionFacts now) {
    Set<String> good = new HashSet<>();
    Set<String> bad = new HashSet<>();
    check(before.key(), now.key(), good, bad);
    for (Map.Entry<String, SourcePos> t : before.triggers().entrySet()) {
      SourcePos n = now.triggers().get(t.getKey());
      if (n != null) {
        check(t.getValue(), n, good, bad);
      }
    }
    boolean sameLint = before.lint().size() == now.lint().size();
    for (int i = 0; sameLint && i < before.lint().size(); i++) {
      sameLint =
          before.lint().get(i).code().equals(now.lint().get(i).code())
              && before.lint().get(i).message().equals(now.lint().get(i).message());
    }
    for (int i = 0; i < before.lint().size(); i++) {
      if (sameLint) {
        check(before.lint().get(i).pos(), now.lint().get(i).pos(), good, bad);
      } else {
        bad.add(place(before.lint().get(i).pos().line(), before.lint().get(i).pos().col()));
      }
    }
    good.removeAll(bad);
    return new LineShift(bodyBefore, same, suffixFrom, delta, settled, good);
  }

  /**
   * As this, the place of the top-level {@code key} (column 1: where the loader's findings about
   * it, e.g. {@code duplicate-name}, point) among its {@link #places} when each text's frontmatter
   * has one line starting with it and the shift moves the old one onto the new one.
   */
  public LineShift provenKey(String key, String before, String after) {
    OptionalInt b = keyLine(key, before);
    OptionalInt a = keyLine(key, after);
    if (b.isEmpty() || a.isEmpty() || !moved(b.getAsInt()).equals(a)) {
      return this;
    }
    Set<String> more = new HashSet<>(places);
    more.add(place(b.getAsInt(), 1));
    return new LineShift(bodyBefore, same, suffixFrom, delta, settled, more);
  }

  /** The one line of the frontmatter that starts with {@code key} and a colon; else empty. */
  private static OptionalInt keyLine(String key, String text) {
    List<String> lines = text.lines().toList();
    if (lines.isEmpty() || !lines.get(0).strip().equals("---")) {
      return OptionalInt.empty();
    }
    OptionalInt found = OptionalInt.empty();
    for (int i = 1; i < lines.size() && !lines.get(i).strip().equals("---"); i++) {
      String l = lines.get(i);
      if (l.startsWith(key) && l.substring(key.length()).stripLeading().startsWith(":")) {
        if (found.isPresent()) {
          return OptionalInt.empty();
        }
        found = OptionalInt.of(i + 1);
      }
    }
    return found;
  }

  private void check(SourcePos before, SourcePos now, Set<String> good, Set<String> bad) {
    String at = place(before.line(), before.col());
    OptionalInt moved = moved(before.line());
    if (moved.isPresent()
        && moved.getAsInt() == now.line()
        && before.col() == now.col()
        && before.path().equals(now.path())) {
      good.add(at);
    } else {
      bad.add(at);
    }
  }

  /**
   * Where a finding at {@code old:col} of the published copy is now; empty when not known (not a
   * proved place, a changed line, or past the common start of a section not the copy's).
   */
  public OptionalInt line(int old, int col) {
    return places.contains(place(old, col)) ? moved(old) : OptionalInt.empty();
  }

  private OptionalInt moved(int old) {
    if (old <= same) {
      return OptionalInt.of(old);
    }
    if (settled && old >= suffixFrom) {
      return OptionalInt.of(old + delta);
    }
    return OptionalInt.empty();
  }

  private static String place(int line, int col) {
    return line + ":" + col;
  }

  private static boolean loneReturn(String s) {
    for (int i = s.indexOf('\r'); i >= 0; i = s.indexOf('\r', i + 1)) {
      if (i + 1 >= s.length() || s.charAt(i + 1) != '\n') {
        return true;
      }
    }
    return false;
  }
}
