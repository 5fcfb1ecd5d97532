package dev.skillsite.markdown;

import org.commonmark.parser.beta.Position;
import org.commonmark.parser.beta.Scanner;

/**
 * Offsets of positions in one paragraph's text (a line break counts one), counted from the first
 * position asked about. Asked in the order the inline parser moves, forward, it costs time linear
 * in the paragraph in all.
 */
final class ParagraphOffsets {
  private Position seen;
  private int seenOffset = -1;

  /** The offset of {@code at}, which is not before any position asked about earlier. */
  int of(Scanner scanner, Position at) {
    if (seenOffset < 0) {
      seenOffset = 0;
    } else {
      seenOffset += scanner.getSource(seen, at).getContent().length();
    }
    seen = at;
    return seenOffset;
  }
}
