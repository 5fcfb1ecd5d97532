package dev.skillsite.content;

import dev.skillsite.model.Diagnostic;
import dev.skillsite.model.SourcePos;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a text file strictly: a size cap, UTF-8 decoding that reports the line of the first bad
 * byte, a leading byte-order mark dropped and line ends normalised to {@code \n} (CRLF and lone CR
 * alike, so line numbers stay those of the file).
 */
final class SourceText {
  private SourceText() {}

  /**
   * @param relPath the path used in diagnostics
   * @param maxBytes files larger than this give a {@code file-too-large} error
   */
  static String read(Path file, String relPath, long maxBytes) throws ContentException {
    return read(file, relPath, maxBytes, new java.util.ArrayList<>());
  }

  /**
   * As {@link #read(Path, String, long)}, adding a {@code byte-order-mark} warning to {@code
   * warnings}.
   */
  static String read(Path file, String relPath, long maxBytes, java.util.List<Diagnostic> warnings)
      throws ContentException {
    byte[] bytes;
    try {
      long size = Files.size(file);
      if (size > maxBytes) {
        throw new ContentException(
            Diagnostic.error(
                SourcePos.of(relPath),
                "file-too-large",
                "file is " + size + " bytes; the limit is " + maxBytes + " bytes"));
      }
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new ContentException(
          Diagnostic.error(
              SourcePos.of(relPath),
              "unreadable-file",
              "cannot read file: " + e.getClass().getSimpleName() + " " + e.getMessage()));
    }
    String text = decode(bytes, relPath);
    if (text.startsWith("\uFEFF")) {
      warnings.add(
          Diagnostic.warning(
              SourcePos.of(relPath),
              "byte-order-mark",
              "file starts with a byte-order mark, which skillsite drops; a reader that expects '---' as the first"
                  + " bytes finds no frontmatter (hint: save the file as UTF-8 without a BOM)"));
    }
    return normalize(text);
  }

  /**
   * Markdown text with each U+0000 replaced by U+FFFD, as CommonMark asks of a parser: done once
   * where it is read, so that no summary, title or page made from the raw text carries a NUL (issue
   * 26). One character for one: lines and columns stay those of the file.
   */
  static String markdown(String text) {
    return text.indexOf('\0') < 0 ? text : text.replace('\0', '\uFFFD');
  }

  /**
   * Decodes UTF-8 strictly; a malformed sequence gives an {@code invalid-utf8} error. The JDK's
   * fast decoder runs first; only when its result holds a replacement character (U+FFFD, which it
   * puts for every malformed sequence, or which the text may really contain) does a {@link
   * CharsetDecoder} set to {@link CodingErrorAction#REPORT} decode again to decide and find the bad
   * byte.
   */
  static String decode(byte[] bytes, String relPath) throws ContentException {
    String fast = new String(bytes, StandardCharsets.UTF_8);
    return fast.indexOf('\uFFFD') < 0 ? fast : decodeStrictly(bytes, relPath);
  }

  private static String decodeStrictly(byte[] bytes, String relPath) throws ContentException {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length + 1);
    CoderResult result = decoder.decode(in, out, true);
    if (!result.isError()) {
      result = decoder.flush(out);
    }
    if (result.isError()) {
      int offset = in.position();
      int line = 1;
      int lineStart = 0;
      for (int i = 0; i < offset; i++) {
        if (bytes[i] == '\n') {
          line++;
          lineStart = i + 1;
        }
      }
      throw new ContentException(
          Diagnostic.error(
              new SourcePos(relPath, line, offset - lineStart + 1),
              "invalid-utf8",
              String.format(
                  java.util.Locale.ROOT,
                  "file is not valid UTF-8: bad byte 0x%02X at offset %d",
                  bytes[offset] & 0xFF,
                  offset)));
    }
    out.flip();
    return out.toString();
  }

  /** Drops a leading byte-order mark and turns CRLF and lone CR into LF. */
  static String normalize(String text) {
    String s = text.startsWith("\uFEFF") ? text.substring(1) : text;
    if (s.indexOf('\r') < 0) {
      return s;
    }
    return s.replace("\r\n", "\n").replace('\r', '\n');
  }
}
