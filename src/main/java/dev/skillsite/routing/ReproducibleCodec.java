package dev.skillsite.routing;

import java.io.IOException;
import java.lang.reflect.Field;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import org.apache.lucene.codecs.Codec;
import org.apache.lucene.codecs.FilterCodec;
import org.apache.lucene.codecs.SegmentInfoFormat;
import org.apache.lucene.index.SegmentInfo;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.IOContext;

/**
 * Lucene's default codec, except that a segment's diagnostics carry no clock time and nothing about
 * the machine that wrote it (operating system, Java vendor and version): the same skills give the
 * same index bytes on any machine. It keeps the default codec's name, so readers open the index
 * with the stock codec, and writes the same format.
 *
 * <p>Lucene keeps diagnostics in an immutable map whose iteration order changes from JVM to JVM;
 * they are written in that order. They are replaced by a sorted map through Lucene's private field
 * (Lucene 9); should that field not exist, the values are still neutralized and only their order
 * may vary.
 */
final class ReproducibleCodec extends FilterCodec {
  /**
   * Diagnostics Lucene stamps on every segment that change from run to run or machine to machine.
   */
  static final Map<String, String> NEUTRAL_DIAGNOSTICS =
      Map.of(
          "timestamp",
          "0",
          "os",
          "",
          "os.arch",
          "",
          "os.version",
          "",
          "java.vendor",
          "",
          "java.runtime.version",
          "",
          "java.version",
          "");

  private static final Field DIAGNOSTICS = diagnosticsField();

  ReproducibleCodec() {
    super(Codec.getDefault().getName(), Codec.getDefault());
  }

  @Override
  public SegmentInfoFormat segmentInfoFormat() {
    SegmentInfoFormat format = delegate.segmentInfoFormat();
    return new SegmentInfoFormat() {
      @Override
      public SegmentInfo read(Directory dir, String segment, byte[] segmentID, IOContext context)
          throws IOException {
        return format.read(dir, segment, segmentID, context);
      }

      @Override
      public void write(Directory dir, SegmentInfo info, IOContext context) throws IOException {
        neutralize(info);
        format.write(dir, info, context);
      }
    };
  }

  private static void neutralize(SegmentInfo info) {
    Map<String, String> sorted = new TreeMap<>(info.getDiagnostics());
    sorted.putAll(NEUTRAL_DIAGNOSTICS);
    if (DIAGNOSTICS != null) {
      try {
        DIAGNOSTICS.set(info, Collections.unmodifiableMap(sorted));
        return;
      } catch (IllegalAccessException | RuntimeException e) {
        // fall through: neutral values in Lucene's order
      }
    }
    info.addDiagnostics(NEUTRAL_DIAGNOSTICS);
  }

  private static Field diagnosticsField() {
    try {
      Field f = SegmentInfo.class.getDeclaredField("diagnostics");
      f.setAccessible(true);
      return f;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }
}
