package dev.skillsite.markdown;

import dev.skillsite.model.Diagnostic;
import dev.skillsite.model.SkillId;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A document as HTML: its markup, table of contents, mentions and diagnostics. A build's documents
 * wait for their pages with the markup and the table of contents in a spill file ({@link
 * #spillTo}): at 100,000 skills the headings alone are millions of strings.
 */
public final class RenderedDocument {
  private final SanitizedHtml html;
  private final List<TocEntry> toc;
  private final Optional<SpilledToc> spilledToc;
  private final Set<SkillId> mentions;
  private final List<Diagnostic> diagnostics;

  /**
   * A table of contents of {@code count} entries in a spill file: {@code size} bytes at {@code at}.
   */
  private record SpilledToc(HtmlSpill file, long at, int size, int count) {}

  /**
   * @param toc the table of contents, empty for short documents
   * @param mentions the other skills it links to by mention, in order of first mention
   * @param diagnostics problems with its links and images, in document order
   */
  public RenderedDocument(
      SanitizedHtml html, List<TocEntry> toc, Set<SkillId> mentions, List<Diagnostic> diagnostics) {
    this(
        Objects.requireNonNull(html),
        List.copyOf(toc),
        Optional.empty(),
        Collections.unmodifiableSet(new LinkedHashSet<>(mentions)),
        List.copyOf(diagnostics));
  }

  /**
   * A document left unrendered: no markup, headings, mentions or diagnostics (for a page that shows
   * nothing of it but what its {@link dev.skillsite.model.Reference} holds).
   */
  public static RenderedDocument unrendered() {
    return new RenderedDocument(new SanitizedHtml(""), List.of(), Set.of(), List.of());
  }

  private RenderedDocument(
      SanitizedHtml html,
      List<TocEntry> toc,
      Optional<SpilledToc> spilledToc,
      Set<SkillId> mentions,
      List<Diagnostic> diagnostics) {
    this.html = html;
    this.toc = toc;
    this.spilledToc = spilledToc;
    this.mentions = mentions;
    this.diagnostics = diagnostics;
  }

  public SanitizedHtml html() {
    return html;
  }

  /** The table of contents, read back from the spill file if it waits there. */
  public List<TocEntry> toc() {
    return spilledToc.map(RenderedDocument::read).orElse(toc);
  }

  public Set<SkillId> mentions() {
    return mentions;
  }

  public List<Diagnostic> diagnostics() {
    return diagnostics;
  }

  /** The same document with its markup and table of contents in {@code file} instead of memory. */
  public RenderedDocument spillTo(HtmlSpill file) {
    Optional<SpilledToc> at = spilledToc;
    if (at.isEmpty() && !toc.isEmpty()) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (DataOutputStream out = new DataOutputStream(bytes)) {
        for (TocEntry t : toc) {
          out.writeInt(t.depth());
          DocumentCodec.writeString(out, t.id());
          DocumentCodec.writeString(out, t.text());
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e); // in memory: not thrown
      }
      byte[] b = bytes.toByteArray();
      at = Optional.of(new SpilledToc(file, file.append(b), b.length, toc.size()));
    }
    return new RenderedDocument(
        html.spillTo(file), at.isPresent() ? List.of() : toc, at, mentions, diagnostics);
  }

  private static List<TocEntry> read(SpilledToc at) {
    byte[] b = at.file().read(at.at(), at.size());
    List<TocEntry> entries = new ArrayList<>(at.count());
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(b))) {
      for (int i = 0; i < at.count(); i++) {
        entries.add(
            new TocEntry(
                in.readInt(),
                DocumentCodec.readString(in, b.length),
                DocumentCodec.readString(in, b.length)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("spilled table of contents unreadable", e);
    }
    return List.copyOf(entries);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RenderedDocument d
        && html.equals(d.html)
        && toc().equals(d.toc())
        && mentions.equals(d.mentions)
        && diagnostics.equals(d.diagnostics);
  }

  @Override
  public int hashCode() {
    return Objects.hash(html, toc(), mentions, diagnostics);
  }

  @Override
  public String toString() {
    return "RenderedDocument[html="
        + html
        + ", toc="
        + toc()
        + ", mentions="
        + mentions
        + ", diagnostics="
        + diagnostics
        + "]";
  }
}
