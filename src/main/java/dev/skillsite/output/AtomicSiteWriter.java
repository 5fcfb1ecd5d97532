package dev.skillsite.output;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;

/**
 * Writes a site beside its output folder and swaps it in at the end, so that readers and a killed
 * build only ever see the old site or the new one, whole.
 *
 * <p>The new site is written into {@code .<out>.staging-<id>} in the output folder's parent. {@link
 * #commit()} renames the old folder to {@code .<out>.old-<id>}, renames the staging folder to the
 * output name (two atomic renames on one file system), then deletes the old copy. A build killed
 * between the two renames leaves the old site in {@code .<out>.old-<id>}; the next build puts it
 * back before it starts. Nothing else is touched: only the output folder and these two siblings,
 * which carry its name.
 *
 * <p>Callers hold the output folder's {@link OutputLock} from {@link #begin} to {@link #close}: the
 * clean-up {@code begin} does would otherwise delete the staging folder of another build that is
 * still running.
 */
public final class AtomicSiteWriter implements AutoCloseable {
  private final Path out;
  private final Path staging;
  private final Path old;
  private boolean committed;

  private AtomicSiteWriter(Path out, String id) {
    this.out = out;
    String name = out.getFileName().toString();
    this.staging = out.resolveSibling("." + name + ".staging-" + id);
    this.old = out.resolveSibling("." + name + ".old-" + id);
  }

  /**
   * Recovers from an interrupted earlier build, then creates a staging folder holding only the
   * marker.
   */
  public static AtomicSiteWriter begin(OutputLocation location) throws IOException {
    Path out = location.out();
    Files.createDirectories(out.getParent());
    recover(out);
    AtomicSiteWriter w = new AtomicSiteWriter(out, UUID.randomUUID().toString().substring(0, 8));
    Files.createDirectory(w.staging);
    Files.writeString(
        w.staging.resolve(OutputLocation.MARKER),
        OutputLocation.MARKER_TEXT,
        StandardCharsets.UTF_8);
    return w;
  }

  /** The folder to write the new site into. */
  public Path staging() {
    return staging;
  }

  /** Swaps the staged site in. */
  public void commit() throws IOException {
    boolean hadOld = Files.exists(out);
    if (hadOld) {
      Files.move(out, old, StandardCopyOption.ATOMIC_MOVE);
    }
    Files.move(staging, out, StandardCopyOption.ATOMIC_MOVE);
    committed = true;
    if (hadOld) {
      FileTrees.delete(old);
    }
  }

  /** Deletes the staging folder unless the site was committed. */
  @Override
  public void close() throws IOException {
    if (!committed && Files.exists(staging)) {
      FileTrees.delete(staging);
    }
  }

  /**
   * Puts back a site left aside by a killed swap and removes stale staging folders of this output.
   */
  static void recover(Path out) throws IOException {
    String name = out.getFileName().toString();
    try (DirectoryStream<Path> siblings =
        Files.newDirectoryStream(out.getParent(), "." + name + ".*")) {
      for (Path p : siblings) {
        String n = p.getFileName().toString();
        if (n.startsWith("." + name + ".old-") && !Files.exists(out)) {
          Files.move(p, out, StandardCopyOption.ATOMIC_MOVE);
        } else if (n.startsWith("." + name + ".old-") || n.startsWith("." + name + ".staging-")) {
          FileTrees.delete(p);
        }
      }
    }
  }
}
