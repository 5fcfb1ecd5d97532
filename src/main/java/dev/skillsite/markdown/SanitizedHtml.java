package dev.skillsite.markdown;

import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * HTML that came out of the {@link HtmlSanitizer}: the only content HTML templates may print
 * unescaped. There is no public way to make one from an arbitrary string.
 *
 * <p>A site's rendered documents all wait in memory until every page's cross-links are known, so
 * long markup is kept deflated (HTML shrinks several times) and inflated when a page prints it.
 */
public final class SanitizedHtml {
  private static final int DEFLATE_FROM = 2048;

  /** Shorter markup stays in memory when spilled: its place in the file would cost as much. */
  private static final int SPILL_FROM = 256;

  private final String text;
  private final byte[] deflated;
  private final int length;

  /** Where the markup is, when it is not held ({@link #spillTo}). */
  private final Optional<Spilled> spilled;

  /**
   * Markup in a spill file: {@code size} bytes at {@code at}, UTF-8 ({@code deflated} false) or
   * deflated from {@code length} bytes.
   */
  private record Spilled(HtmlSpill file, long at, int size, boolean deflated) {}

  SanitizedHtml(String html) {
    boolean deflate = html.length() >= DEFLATE_FROM;
    this.text = deflate ? "" : html;
    byte[] utf8 = deflate ? html.getBytes(StandardCharsets.UTF_8) : new byte[0];
    this.deflated = deflate ? deflate(utf8) : utf8;
    this.length = utf8.length;
    this.spilled = Optional.empty();
  }

  private SanitizedHtml(String text, byte[] deflated, int length) {
    this(text, deflated, length, Optional.empty());
  }

  private SanitizedHtml(String text, byte[] deflated, int length, Optional<Spilled> spilled) {
    this.text = text;
    this.deflated = deflated;
    this.length = length;
    this.spilled = spilled;
  }

  /**
   * This markup written to {@code file} and no longer held: read back when a page prints it or the
   * build cache stores it. Short markup is kept as it is.
   */
  public SanitizedHtml spillTo(HtmlSpill file) {
    if (spilled.isPresent() || (deflated.length == 0 && text.length() < SPILL_FROM)) {
      return this;
    }
    boolean deflate = deflated.length > 0;
    byte[] bytes = deflate ? deflated : text.getBytes(StandardCharsets.UTF_8);
    return new SanitizedHtml(
        "",
        new byte[0],
        length,
        Optional.of(new Spilled(file, file.append(bytes), bytes.length, deflate)));
  }

  /** Writes this markup as it is held (see {@link DocumentCodec}). */
  void writeTo(DataOutput out) throws IOException {
    if (spilled.isPresent()) {
      Spilled at = spilled.get();
      byte[] bytes = at.file().read(at.at(), at.size());
      if (at.deflated()) {
        out.writeByte(1);
        out.writeInt(length);
        out.writeInt(bytes.length);
      } else {
        out.writeByte(0);
        out.writeInt(bytes.length); // as DocumentCodec.writeString
      }
      out.write(bytes);
    } else if (deflated.length == 0) {
      out.writeByte(0);
      DocumentCodec.writeString(out, text);
    } else {
      out.writeByte(1);
      out.writeInt(length);
      out.writeInt(deflated.length);
      out.write(deflated);
    }
  }

  /**
   * Reads markup written by {@link #writeTo}: only from the build cache, which holds what this
   * class made (see {@link DocumentCodec}).
   */
  static SanitizedHtml readFrom(DataInput in, int available) throws IOException {
    int kind = in.readByte();
    if (kind == 0) {
      return new SanitizedHtml(DocumentCodec.readString(in, available), new byte[0], 0);
    }
    if (kind != 1) {
      throw new IOException("unknown markup kind " + kind);
    }
    int length = in.readInt();
    int size = in.readInt();
    if (length <= 0
        || size <= 0
        || size > available
        || length > 1032L * size + 1024) { // deflate's bound
      throw new IOException("bad deflated markup size");
    }
    byte[] bytes = new byte[size];
    in.readFully(bytes);
    return new SanitizedHtml("", bytes, length);
  }

  /**
   * Feeds {@code sha} with this markup's UTF-8 bytes, length-prefixed: the same markup feeds alike
   * however it is held (plain, deflated, spilled), so a page kept by its digest is not rendered
   * again only because its markup came back from the build cache in another form.
   */
  public void digestInto(java.security.MessageDigest sha) {
    byte[] bytes;
    if (spilled.isPresent()) {
      Spilled at = spilled.get();
      byte[] held = at.file().read(at.at(), at.size());
      bytes = at.deflated() ? inflate(held, length) : held;
    } else if (deflated.length == 0) {
      bytes = text.getBytes(StandardCharsets.UTF_8);
    } else {
      bytes = inflate(deflated, length);
    }
    int n = bytes.length;
    sha.update(new byte[] {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n});
    sha.update(bytes);
  }

  /** The markup, safe to insert into a page as is. */
  public String html() {
    if (spilled.isPresent()) {
      Spilled at = spilled.get();
      byte[] bytes = at.file().read(at.at(), at.size());
      return at.deflated()
          ? new String(inflate(bytes, length), StandardCharsets.UTF_8)
          : new String(bytes, StandardCharsets.UTF_8);
    }
    return deflated.length == 0
        ? text
        : new String(inflate(deflated, length), StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return html();
  }

  private static byte[] deflate(byte[] bytes) {
    Deflater deflater = new Deflater(Deflater.BEST_SPEED);
    try {
      deflater.setInput(bytes);
      deflater.finish();
      ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 4 + 64);
      byte[] buf = new byte[8192];
      while (!deflater.finished()) {
        out.write(buf, 0, deflater.deflate(buf));
      }
      return out.toByteArray();
    } finally {
      deflater.end();
    }
  }

  private static byte[] inflate(byte[] bytes, int length) {
    Inflater inflater = new Inflater();
    try {
      inflater.setInput(bytes);
      byte[] out = new byte[length];
      int n = 0;
      while (n < length) {
        int got = inflater.inflate(out, n, length - n);
        if (got == 0
            && (inflater.finished() || inflater.needsInput() || inflater.needsDictionary())) {
          throw new DataFormatException("deflated markup ends early");
        }
        n += got;
      }
      return out;
    } catch (DataFormatException e) {
      throw new IllegalStateException("corrupt deflated markup", e);
    } finally {
      inflater.end();
    }
  }
}
