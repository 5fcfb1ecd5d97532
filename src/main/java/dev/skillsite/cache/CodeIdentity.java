package dev.skillsite.cache;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Names the code that is running, for the caches a build leaves in its output folder: what one
 * skillsite wrote, only the same code may use.
 */
public final class CodeIdentity {
  /** The identity of this program's code (see {@link #identity}). */
  public static final String VALUE = identity();

  private CodeIdentity() {}

  /**
   * This program: its version and the name and checksum of every file of its code, so that a cache
   * is used by the same code only. From a jar, the checksums are read from the jar's directory (not
   * the jar's bytes or time, which change with every packaging of the same sources, nor the order
   * of its entries). From class folders (development, tests), the classes are read, and the
   * libraries are named by their locations, which carry their versions.
   */
  private static String identity() {
    String version =
        Optional.ofNullable(CodeIdentity.class.getPackage().getImplementationVersion())
            .orElse("dev");
    try {
      Path code = codeOf(CodeIdentity.class);
      Map<String, Long> crcs = new TreeMap<>(); // by name, whatever order the files come in
      if (Files.isRegularFile(code)) {
        try (ZipFile jar = new ZipFile(code.toFile())) {
          for (Enumeration<? extends ZipEntry> e = jar.entries(); e.hasMoreElements(); ) {
            ZipEntry entry = e.nextElement();
            crcs.put(entry.getName(), entry.getCrc());
          }
        }
      } else {
        try (var files = Files.walk(code)) {
          for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
            CRC32 crc = new CRC32();
            crc.update(Files.readAllBytes(f));
            crcs.put(code.relativize(f).toString(), crc.getValue());
          }
        }
        for (Class<?> library :
            new Class<?>[] {
              org.commonmark.parser.Parser.class,
              org.jsoup.Jsoup.class,
              org.apache.lucene.index.IndexWriter.class,
              org.apache.lucene.analysis.en.PorterStemFilter.class
            }) {
          crcs.put("library " + codeOf(library), 0L);
        }
      }
      long h = 0xcbf29ce484222325L;
      for (Map.Entry<String, Long> e : crcs.entrySet()) {
        for (byte b : e.getKey().getBytes(StandardCharsets.UTF_8)) {
          h = (h ^ b) * 0x100000001b3L;
        }
        h = (h ^ e.getValue()) * 0x100000001b3L;
      }
      return version + " " + crcs.size() + " " + Long.toHexString(h);
    } catch (Exception e) {
      // code that cannot be named: a cache for this process only
      return version
          + " process "
          + ProcessHandle.current().pid()
          + " "
          + ProcessHandle.current().info().startInstant().map(Object::toString).orElse("");
    }
  }

  private static Path codeOf(Class<?> c) throws java.net.URISyntaxException {
    return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
  }
}
