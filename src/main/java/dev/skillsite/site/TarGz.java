package dev.skillsite.site;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * A gzip-compressed POSIX tar archive built in memory, the same bytes for the same files on any
 * machine: entries in the order given, every time stamp 0, owner 0:0 without names, modes 0644 or
 * 0755. A path too long (or not ASCII) for the ustar header gets a pax header before its entry, as
 * POSIX tar does. Not thread-safe; one archive each.
 */
final class TarGz {
  private static final int BLOCK = 512;

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final GZIPOutputStream gzip;

  TarGz() {
    try {
      gzip = new GZIPOutputStream(bytes);
    } catch (IOException e) {
      throw new IllegalStateException("writing to memory cannot fail", e);
    }
  }

  /** Adds a regular file. */
  void add(String path, byte[] content, boolean executable) throws IOException {
    byte[] name = path.getBytes(StandardCharsets.UTF_8);
    String ustarName = path;
    String prefix = "";
    boolean ascii = name.length == path.length();
    if (!ascii || name.length > 100) {
      int cut = path.lastIndexOf('/', 155);
      boolean splits = ascii && cut > 0 && path.length() - cut - 1 <= 100 && cut <= 155;
      if (splits) {
        prefix = path.substring(0, cut);
        ustarName = path.substring(cut + 1);
      } else {
        byte[] record = paxRecord("path", path);
        gzip.write(header("PaxHeader/" + shortened(path), "", record.length, 0644, 'x'));
        gzip.write(record);
        pad(record.length);
        ustarName = shortened(path);
      }
    }
    gzip.write(header(ustarName, prefix, content.length, executable ? 0755 : 0644, '0'));
    gzip.write(content);
    pad(content.length);
  }

  /** A file of an archive: its path, whether it is executable, its size. */
  record Listed(String path, boolean executable, long size) {}

  /**
   * The regular files of an archive this class wrote, in order: what {@link #add} was given, read
   * back from the headers (pax paths included) without keeping the contents.
   */
  static List<Listed> listing(byte[] archive) throws IOException {
    List<Listed> out = new ArrayList<>();
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(archive))) {
      String pax = null;
      while (true) {
        byte[] h = in.readNBytes(BLOCK);
        if (h.length < BLOCK || h[0] == 0) {
          return out;
        }
        long size = Long.parseLong(text(h, 124, 12).trim(), 8);
        byte[] content = in.readNBytes((int) size);
        in.readNBytes((int) ((BLOCK - size % BLOCK) % BLOCK));
        if (h[156] == 'x') {
          String record = new String(content, StandardCharsets.UTF_8);
          pax = record.substring(record.indexOf("path=") + 5, record.length() - 1);
          continue;
        }
        String prefix = text(h, 345, 155);
        String name =
            pax != null ? pax : prefix.isEmpty() ? text(h, 0, 100) : prefix + "/" + text(h, 0, 100);
        pax = null;
        int mode = Integer.parseInt(text(h, 100, 8).trim(), 8);
        out.add(new Listed(name, (mode & 0100) != 0, size));
      }
    }
  }

  private static String text(byte[] h, int at, int max) {
    int end = at;
    while (end < at + max && h[end] != 0) {
      end++;
    }
    return new String(h, at, end - at, StandardCharsets.US_ASCII);
  }

  /** Ends the archive and returns its bytes. */
  byte[] finish() throws IOException {
    gzip.write(new byte[2 * BLOCK]);
    gzip.finish();
    gzip.close();
    return bytes.toByteArray();
  }

  private void pad(long length) throws IOException {
    int rest = (int) (length % BLOCK);
    if (rest != 0) {
      gzip.write(new byte[BLOCK - rest]);
    }
  }

  /** An ASCII stand-in for a name the pax header carries in full. */
  private static String shortened(String path) {
    StringBuilder sb = new StringBuilder();
    for (char c : path.toCharArray()) {
      sb.append(c < 0x20 || c > 0x7e ? '_' : c);
    }
    String s = sb.toString();
    return s.length() <= 90 ? s : s.substring(s.length() - 90);
  }

  private static byte[] paxRecord(String key, String value) {
    String body = " " + key + "=" + value + "\n";
    int len = body.getBytes(StandardCharsets.UTF_8).length;
    int total = len + String.valueOf(len).length();
    if (String.valueOf(total).length() != String.valueOf(len).length()) {
      total = len + String.valueOf(total).length();
    }
    return (total + body).getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] header(String name, String prefix, long size, int mode, char type) {
    byte[] h = new byte[BLOCK];
    put(h, 0, 100, name.getBytes(StandardCharsets.US_ASCII));
    octal(h, 100, 8, mode);
    octal(h, 108, 8, 0);
    octal(h, 116, 8, 0);
    octal(h, 124, 12, size);
    octal(h, 136, 12, 0);
    for (int i = 148; i < 156; i++) {
      h[i] = ' ';
    }
    h[156] = (byte) type;
    put(h, 257, 6, "ustar\0".getBytes(StandardCharsets.US_ASCII));
    put(h, 263, 2, "00".getBytes(StandardCharsets.US_ASCII));
    put(h, 345, 155, prefix.getBytes(StandardCharsets.US_ASCII));
    long sum = 0;
    for (byte b : h) {
      sum += b & 0xff;
    }
    String chk = String.format(java.util.Locale.ROOT, "%06o", sum);
    put(h, 148, 6, chk.getBytes(StandardCharsets.US_ASCII));
    h[154] = 0;
    h[155] = ' ';
    return h;
  }

  private static void octal(byte[] h, int at, int width, long value) {
    String s = String.format(java.util.Locale.ROOT, "%0" + (width - 1) + "o", value);
    put(h, at, width - 1, s.getBytes(StandardCharsets.US_ASCII));
  }

  private static void put(byte[] h, int at, int max, byte[] value) {
    System.arraycopy(value, 0, h, at, Math.min(max, value.length));
  }
}
