package dev.skillsite.routing;

import java.io.IOException;
import java.lang.reflect.Field;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import org.apache.lucene.util.StringHelper;

/**
 * Makes the ids Lucene writes into an index's files depend on its content instead of on a random
 * seed.
 *
 * <p>Lucene stamps every segment and commit with a 128-bit id from {@link StringHelper#randomId()},
 * a counter started at a random value once per JVM, so two builds of the same skills differ in
 * those bytes. The ids only need to be unique among the files of one index. While an index is
 * written inside {@link #run}, the counter starts at a value derived from the content (and is
 * restored afterwards), and Lucene's own lock on the counter is held, so other threads that want an
 * id wait instead of taking one from the sequence. The index writer must therefore not hand work to
 * other threads (use a serial merge scheduler).
 *
 * <p>This reaches into a private field of Lucene ({@code StringHelper.nextId}, Lucene 9). Should
 * that field not exist, the index is written as usual, with random ids, and only byte-for-byte
 * reproducibility is lost.
 */
final class ReproducibleIds {
  /** The job run with fixed ids. */
  interface Job<T> {
    T run() throws IOException;
  }

  private static final Field NEXT_ID = field("nextId");
  private static final Field ID_LOCK = field("idLock");

  private ReproducibleIds() {}

  /** Whether ids can be fixed in this JVM. */
  static boolean available() {
    return NEXT_ID != null && ID_LOCK != null;
  }

  /** Runs {@code job} with Lucene's ids counted from a value derived from {@code seed}. */
  static <T> T run(byte[] seed, Job<T> job) throws IOException {
    if (!available()) {
      return job.run();
    }
    Object lock;
    try {
      lock = ID_LOCK.get(null);
    } catch (IllegalAccessException e) {
      return job.run();
    }
    synchronized (lock) {
      Object saved;
      try {
        saved = NEXT_ID.get(null);
        NEXT_ID.set(null, new BigInteger(1, Arrays.copyOf(sha256(seed), StringHelper.ID_LENGTH)));
      } catch (IllegalAccessException e) {
        return job.run();
      }
      try {
        return job.run();
      } finally {
        try {
          NEXT_ID.set(null, saved);
        } catch (IllegalAccessException e) {
          throw new IllegalStateException(e);
        }
      }
    }
  }

  /** A seed from strings, each length-prefixed so that ("ab","c") and ("a","bc") differ. */
  static byte[] seedOf(Iterable<String> parts) {
    MessageDigest md = digest();
    for (String p : parts) {
      byte[] b = p.getBytes(StandardCharsets.UTF_8);
      md.update(BigInteger.valueOf(b.length).toByteArray());
      md.update((byte) 0);
      md.update(b);
    }
    return md.digest();
  }

  private static byte[] sha256(byte[] in) {
    return digest().digest(in);
  }

  private static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Field field(String name) {
    try {
      Field f = StringHelper.class.getDeclaredField(name);
      f.setAccessible(true);
      return f;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }
}
