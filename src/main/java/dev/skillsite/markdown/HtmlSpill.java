package dev.skillsite.markdown;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A temporary file that a build's rendered markup waits in between rendering and page writing,
 * instead of the heap ({@link SanitizedHtml#spillTo}; also the tables of contents and the build
 * cache's records): at 100,000 skills the markup of every document, even deflated, is gigabytes.
 * Append-only; reads at any position, from any thread. The file is deleted when this is closed (on
 * Linux it is unlinked as soon as it is opened, so that nothing is left behind even if the process
 * dies).
 */
public final class HtmlSpill implements AutoCloseable {
  private final Path file;
  private final FileChannel channel;
  private long end;

  private HtmlSpill(Path file, FileChannel channel) {
    this.file = file;
    this.channel = channel;
  }

  /** A new, empty spill file in the system's temporary folder. */
  public static HtmlSpill create() throws IOException {
    Path file = Files.createTempFile("skillsite-markup-", ".tmp");
    try {
      return new HtmlSpill(
          file,
          FileChannel.open(
              file,
              StandardOpenOption.READ,
              StandardOpenOption.WRITE,
              StandardOpenOption.DELETE_ON_CLOSE));
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(file);
      throw e;
    }
  }

  /** Appends {@code bytes}; returns where they start. */
  public synchronized long append(byte[] bytes) {
    long at = end;
    try {
      ByteBuffer buf = ByteBuffer.wrap(bytes);
      while (buf.hasRemaining()) {
        channel.write(buf, end + buf.position());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
    end += bytes.length;
    return at;
  }

  /** The {@code size} bytes appended at {@code at}. */
  public byte[] read(long at, int size) {
    byte[] bytes = new byte[size];
    ByteBuffer buf = ByteBuffer.wrap(bytes);
    try {
      while (buf.hasRemaining()) {
        if (channel.read(buf, at + buf.position()) < 0) {
          throw new IOException("ends early");
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    return bytes;
  }

  /** How many bytes it holds. */
  public synchronized long size() {
    return end;
  }

  @Override
  public void close() throws IOException {
    channel.close();
    Files.deleteIfExists(file);
  }
}
