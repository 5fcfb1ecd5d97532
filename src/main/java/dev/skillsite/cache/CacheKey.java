package dev.skillsite.cache;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The key of a part of the build cache: the code that wrote it ({@link CodeIdentity}), then what it
 * was made of, one part per line. A part is used again only when its key is the key this build
 * would write, so a new skillsite, a changed skill or a changed setting each make it stale.
 *
 * @param value the key as written beside the part it names
 */
public record CacheKey(String value) {
  /** The key of what depends on the code alone (the rendered documents). */
  public static CacheKey code() {
    return new CacheKey(CodeIdentity.VALUE + "\n");
  }

  /** This key followed by {@code part} (one line). */
  public CacheKey with(String part) {
    if (part.indexOf('\n') >= 0) {
      throw new IllegalArgumentException("a key part is one line: " + part);
    }
    return new CacheKey(value + part + "\n");
  }

  /**
   * One line naming this key and {@code fields}: a SHA-256 over them, each length-prefixed, so that
   * text moved from one field to the next is another key.
   */
  public CacheKey digest(List<String> fields) {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    update(sha, value);
    for (String f : fields) {
      update(sha, f);
    }
    return new CacheKey(HexFormat.of().formatHex(sha.digest()));
  }

  private static void update(MessageDigest sha, String s) {
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    sha.update(
        new byte[] {
          (byte) (bytes.length >>> 24),
          (byte) (bytes.length >>> 16),
          (byte) (bytes.length >>> 8),
          (byte) bytes.length
        });
    sha.update(bytes);
  }
}
