package dev.skillsite.cache;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.util.Optional;

/**
 * Frees a file mapping at once, as Lucene's {@code MMapDirectory} does on Java 17: {@code
 * sun.misc.Unsafe.invokeCleaner} (module {@code jdk.unsupported}). Otherwise a mapping lives until
 * the garbage collector finds its buffer, and with it the file: its space after a delete, its file
 * system busy for an unmount. Where the cleaner cannot be reached the buffer is left to the
 * collector, as before. The buffer must never be read again: reading an unmapped buffer crashes the
 * JVM, so its owner checks that it is open before each read.
 */
final class Unmapper {
  private static final Optional<MethodHandle> CLEANER = find();

  private Unmapper() {}

  /** Whether mappings are freed at once here. */
  static boolean available() {
    return CLEANER.isPresent();
  }

  /** Frees {@code buffer}'s mapping (never read it again); left to the collector if it cannot. */
  static void unmap(MappedByteBuffer buffer) {
    if (CLEANER.isEmpty()) {
      return;
    }
    try {
      CLEANER.get().invokeExact((ByteBuffer) buffer);
    } catch (Throwable e) { // NOPMD: a mapping the cleaner refuses is left to the collector
      // nothing was freed; the collector will
    }
  }

  private static Optional<MethodHandle> find() {
    try {
      Class<?> unsafeClass = Class.forName("sun.misc.Unsafe");
      Field field = unsafeClass.getDeclaredField("theUnsafe");
      field.setAccessible(true);
      Object unsafe = field.get(null);
      MethodHandle cleaner =
          MethodHandles.lookup()
              .findVirtual(
                  unsafeClass, "invokeCleaner", MethodType.methodType(void.class, ByteBuffer.class))
              .bindTo(unsafe);
      return Optional.of(cleaner);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
