package dev.skillsite.model;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * The text of a Markdown file, held in memory or read again each time it is asked for: a registry's
 * reference files (gigabytes at 100,000 skills) do not all fit in a small heap, and only rendering
 * and checks need their text. What the rest of a build needs of it — its length and two 64-bit
 * hashes of its characters (FNV-1a and a polynomial hash, the build cache's key) — is computed once
 * from the text as loaded, so equal texts give equal values whether held or not.
 */
public final class MarkdownText {
  private final int length;
  private final long fnv;
  private final long poly;
  private final Supplier<String> text;

  private MarkdownText(int length, long fnv, long poly, Supplier<String> text) {
    this.length = length;
    this.fnv = fnv;
    this.poly = poly;
    this.text = text;
  }

  /** A text held in memory. */
  public static MarkdownText of(String text) {
    return hashed(text, () -> text);
  }

  /**
   * A text that is not held: {@code loaded} is what was read (hashed here, then dropped), {@code
   * reader} reads it again when it is asked for. The reader should give the same text; a file that
   * changed since is read as it is now.
   */
  public static MarkdownText reread(String loaded, Supplier<String> reader) {
    return hashed(loaded, reader);
  }

  private static MarkdownText hashed(String m, Supplier<String> text) {
    long fnv = 0xcbf29ce484222325L;
    long poly = 0;
    for (int i = 0, n = m.length(); i < n; i++) {
      char c = m.charAt(i);
      fnv = (fnv ^ c) * 0x100000001b3L;
      poly = poly * 1_000_003L + c;
    }
    return new MarkdownText(m.length(), fnv, poly, text);
  }

  /** The text (read again when it is not held). */
  public String text() {
    return text.get();
  }

  /** Its length in chars, as loaded. */
  public int length() {
    return length;
  }

  /** FNV-1a over its chars, as loaded. */
  public long fnv() {
    return fnv;
  }

  /** A polynomial hash (base 1,000,003) over its chars, as loaded. */
  public long poly() {
    return poly;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MarkdownText t && t.length == length && t.fnv == fnv && t.poly == poly;
  }

  @Override
  public int hashCode() {
    return Objects.hash(length, fnv, poly);
  }

  @Override
  public String toString() {
    return "MarkdownText[" + length + " chars]";
  }
}
