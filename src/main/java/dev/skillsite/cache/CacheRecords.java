package dev.skillsite.cache;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Reading and writing the length-prefixed records of the build cache's binary files; a count or a
 * length past the caller's bound is a damaged file, not an allocation.
 */
final class CacheRecords {
  private CacheRecords() {}

  /** A count written by {@link DataOutputStream#writeInt}, checked to be 0 to {@code max}. */
  static int count(DataInputStream in, int max) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > max) {
      throw new IOException("bad count " + n);
    }
    return n;
  }

  /** A string written by {@link #string(DataOutputStream, String)}, at most {@code max} bytes. */
  static String string(DataInputStream in, int max) throws IOException {
    byte[] b = new byte[count(in, max)];
    in.readFully(b);
    return new String(b, StandardCharsets.UTF_8);
  }

  /** {@code s} as its UTF-8 length, then its bytes. */
  static void string(DataOutputStream out, String s) throws IOException {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(b.length);
    out.write(b);
  }
}
