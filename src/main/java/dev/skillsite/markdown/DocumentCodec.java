package dev.skillsite.markdown;

import dev.skillsite.model.Diagnostic;
import dev.skillsite.model.Severity;
import dev.skillsite.model.SkillId;
import dev.skillsite.model.SourcePos;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Writes a {@link RenderedDocument} to the build cache and reads it back, markup as it is held
 * (long markup stays deflated). The cache is written by a build into its own output folder; what is
 * read back is what a {@link MarkdownRenderer} made, so the markup is not sanitized again. Reading
 * checks every length against what is left of the file ({@code available}), so a damaged file fails
 * with an {@link IOException} instead of a huge allocation; the cache also carries a checksum (see
 * the site's {@code DocumentCache}).
 */
public final class DocumentCodec {
  private DocumentCodec() {}

  public static void write(DataOutput out, RenderedDocument doc) throws IOException {
    doc.html().writeTo(out);
    out.writeInt(doc.toc().size());
    for (TocEntry t : doc.toc()) {
      out.writeInt(t.depth());
      writeString(out, t.id());
      writeString(out, t.text());
    }
    out.writeInt(doc.mentions().size());
    for (SkillId id : doc.mentions()) {
      writeString(out, id.value());
    }
    out.writeInt(doc.diagnostics().size());
    for (Diagnostic d : doc.diagnostics()) {
      writeString(out, d.pos().path());
      out.writeInt(d.pos().line());
      out.writeInt(d.pos().col());
      out.writeByte(d.severity().ordinal());
      writeString(out, d.code());
      writeString(out, d.message());
    }
  }

  public static RenderedDocument read(DataInput in, int available) throws IOException {
    return read(in, available, UnaryOperator.identity());
  }

  /**
   * Like {@link #read(DataInput, int)}, passing heading ids, skill ids, paths and codes through
   * {@code shared} (which may return an equal string read before: a large site's cache repeats them
   * many times).
   */
  public static RenderedDocument read(DataInput in, int available, UnaryOperator<String> shared)
      throws IOException {
    SanitizedHtml html = SanitizedHtml.readFrom(in, available);
    int n = count(in, available);
    List<TocEntry> toc = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      toc.add(
          new TocEntry(
              in.readInt(), shared.apply(readString(in, available)), readString(in, available)));
    }
    n = count(in, available);
    Set<SkillId> mentions = new LinkedHashSet<>();
    for (int i = 0; i < n; i++) {
      mentions.add(new SkillId(shared.apply(readString(in, available))));
    }
    n = count(in, available);
    List<Diagnostic> diagnostics = new ArrayList<>(n);
    Severity[] severities = Severity.values();
    for (int i = 0; i < n; i++) {
      SourcePos pos =
          new SourcePos(shared.apply(readString(in, available)), in.readInt(), in.readInt());
      int s = in.readByte();
      if (s < 0 || s >= severities.length) {
        throw new IOException("unknown severity " + s);
      }
      diagnostics.add(
          new Diagnostic(
              pos,
              severities[s],
              shared.apply(readString(in, available)),
              readString(in, available)));
    }
    return new RenderedDocument(html, toc, mentions, diagnostics);
  }

  /**
   * A string as its UTF-8 length and bytes (no 64 KB limit, unlike {@link DataOutput#writeUTF}).
   */
  public static void writeString(DataOutput out, String s) throws IOException {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(b.length);
    out.write(b);
  }

  public static String readString(DataInput in, int available) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > available) {
      throw new IOException("bad string length " + n);
    }
    byte[] b = new byte[n];
    in.readFully(b);
    return new String(b, StandardCharsets.UTF_8);
  }

  /** A count of items that follow, each at least one byte long. */
  public static int count(DataInput in, int available) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > available) {
      throw new IOException("bad count " + n);
    }
    return n;
  }
}
