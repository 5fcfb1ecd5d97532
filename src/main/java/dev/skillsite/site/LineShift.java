package dev.skillsite.site;

import java.util.List;
import java.util.OptionalInt;

/**
 * How the lines of one SKILL.md moved between the copy the last build (or patch) published and the
 * content's now, for the findings its page's health section places on them: lines {@code 1..same}
 * are the same text in both, and the old lines from {@code suffixFrom} on are the same text as the
 * new ones from {@code suffixFrom + delta} on, to the end of the file; the lines between changed. A
 * finding on an unchanged line is the same finding after the edit when what the check reads of the
 * skill (its description, {@code when_to_use}, triggers) is the same ({@code settled}), so it moves
 * with its line; one on a changed line, or any past the common start of a section the routing side
 * made again, is not placed ({@link #line} is empty: the patch refuses).
 *
 * @param bodyBefore the first line of the published copy's body
 * @param settled whether the section's findings are the published copy's (its check inputs the same
 *     and its section not made again by this patch's routing side), so that those on the common end
 *     move too
 */
public record LineShift(int bodyBefore, int same, int suffixFrom, int delta, boolean settled) {

  /**
   * The shift from {@code before} to {@code after} (lines as {@link String#lines} splits them); a
   * text with a carriage return not followed by a line feed (lines some readers count apart) has no
   * unchanged line.
   */
  public static LineShift of(int bodyBefore, String before, String after, boolean settled) {
    if (loneReturn(before) || loneReturn(after)) {
      return new LineShift(bodyBefore, 0, Integer.MAX_VALUE, 0, false);
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
    return new LineShift(bodyBefore, same, a.size() - end + 1, b.size() - a.size(), settled);
  }

  /** As this, {@link #settled} only if it was and {@code still}. */
  public LineShift settled(boolean still) {
    return new LineShift(bodyBefore, same, suffixFrom, delta, settled && still);
  }

  /** Where a finding on line {@code old} of the published copy is now; empty when not known. */
  public OptionalInt line(int old) {
    if (old <= same) {
      return OptionalInt.of(old);
    }
    if (settled && old >= suffixFrom) {
      return OptionalInt.of(old + delta);
    }
    return OptionalInt.empty();
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
