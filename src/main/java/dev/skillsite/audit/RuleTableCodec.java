package dev.skillsite.audit;

import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

/**
 * The built-in {@link RuleTable} as {@code mvn} leaves it parsed beside {@code rules.yaml}: {@code
 * rules.bin}, written at {@code process-classes} by {@link #main} (pom.xml). A patch build audits
 * one skill, and reading the 65 KB of YAML was about half of its audit's start (50–60 ms of CPU in
 * a fresh JVM); this form is read in a few. It holds every field of every rule as the YAML gives it
 * after {@code defs} are expanded (patterns as their source, compiled again on reading), under the
 * length and CRC-32 of the YAML it was made from: a table made from other YAML (a stale build
 * folder) is not used, and {@link RuleTable#standard} parses the YAML as before. {@code
 * RuleTableCodecTest} compares the two forms field by field.
 */
final class RuleTableCodec {
  static final String FILE = "rules.bin";
  private static final int MAGIC = 0x5352_5431; // "SRT1"
  private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.MULTILINE;

  private RuleTableCodec() {}

  /** Writes the parsed form of {@code rules.yaml} (first argument: the folder of the class). */
  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args[0]);
    byte[] yaml = Files.readAllBytes(dir.resolve("rules.yaml"));
    RuleTable table = RuleTable.parse(new String(yaml, java.nio.charset.StandardCharsets.UTF_8));
    Path tmp = dir.resolve(FILE + ".tmp");
    try (DataOutputStream out =
        new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp)))) {
      write(table, yaml, out);
    }
    Files.move(tmp, dir.resolve(FILE), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }

  /** The table {@code bin} holds when it was made from {@code yaml}; empty otherwise. */
  static Optional<RuleTable> read(byte[] bin, byte[] yaml) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bin))) {
      if (in.readInt() != MAGIC || in.readInt() != yaml.length || in.readLong() != crc(yaml)) {
        return Optional.empty();
      }
      Optional<Pattern> context = pattern(in);
      int n = in.readInt();
      List<AuditRule> rules = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        rules.add(rule(in));
      }
      return Optional.of(new RuleTable(rules, context));
    } catch (IOException | RuntimeException e) {
      return Optional.empty(); // damaged or of another layout: the YAML is read instead
    }
  }

  /** The bytes of the resource {@code name} beside this class, or empty. */
  static Optional<byte[]> resource(String name) {
    try (InputStream in = RuleTableCodec.class.getResourceAsStream(name)) {
      return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void write(RuleTable table, byte[] yaml, DataOutputStream out) throws IOException {
    out.writeInt(MAGIC);
    out.writeInt(yaml.length);
    out.writeLong(crc(yaml));
    pattern(out, table.context());
    out.writeInt(table.rules().size());
    for (AuditRule r : table.rules()) {
      out.writeUTF(r.id());
      out.writeUTF(r.severity().name());
      out.writeUTF(r.category().name());
      out.writeUTF(r.title());
      string(out, r.why());
      string(out, r.safe());
      pattern(out, r.match());
      pattern(out, r.near());
      out.writeInt(r.window());
      pattern(out, r.unless());
      pattern(out, r.lower());
      pattern(out, r.raise());
      pattern(out, r.described());
      strings(out, r.keywords());
      strings(out, r.files().stream().sorted().toList());
      out.writeBoolean(r.hiddenOnly());
      out.writeBoolean(r.detector().isPresent());
      if (r.detector().isPresent()) {
        out.writeUTF(r.detector().get());
      }
      strings(out, r.examples().positive());
      strings(out, r.examples().negative());
      strings(out, r.examples().lowered());
      strings(out, r.examples().raised());
    }
  }

  private static AuditRule rule(DataInputStream in) throws IOException {
    String id = in.readUTF();
    AuditSeverity severity = AuditSeverity.valueOf(in.readUTF());
    AuditCategory category = AuditCategory.valueOf(in.readUTF());
    String title = in.readUTF();
    String why = string(in);
    String safe = string(in);
    Optional<Pattern> match = pattern(in);
    Optional<Pattern> near = pattern(in);
    int window = in.readInt();
    Optional<Pattern> unless = pattern(in);
    Optional<Pattern> lower = pattern(in);
    Optional<Pattern> raise = pattern(in);
    Optional<Pattern> described = pattern(in);
    List<String> keywords = strings(in);
    List<String> files = strings(in);
    boolean hidden = in.readBoolean();
    Optional<String> detector = in.readBoolean() ? Optional.of(in.readUTF()) : Optional.empty();
    AuditRule.Examples examples =
        new AuditRule.Examples(strings(in), strings(in), strings(in), strings(in));
    return new AuditRule(
        id,
        severity,
        category,
        title,
        why,
        safe,
        match,
        near,
        window,
        unless,
        lower,
        raise,
        described,
        keywords,
        java.util.Set.copyOf(files),
        hidden,
        detector,
        examples);
  }

  private static void pattern(DataOutputStream out, Optional<Pattern> p) throws IOException {
    out.writeBoolean(p.isPresent());
    if (p.isPresent()) {
      if (p.get().flags() != FLAGS) {
        throw new IllegalArgumentException("a pattern with other flags: " + p.get());
      }
      string(out, p.get().pattern());
    }
  }

  private static Optional<Pattern> pattern(DataInputStream in) throws IOException {
    return in.readBoolean() ? Optional.of(Pattern.compile(string(in), FLAGS)) : Optional.empty();
  }

  /** A string of any length (writeUTF stops at 64 KB). */
  private static void string(DataOutputStream out, String s) throws IOException {
    byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    out.writeInt(b.length);
    out.write(b);
  }

  private static String string(DataInputStream in) throws IOException {
    return new String(in.readNBytes(in.readInt()), java.nio.charset.StandardCharsets.UTF_8);
  }

  private static void strings(DataOutputStream out, List<String> list) throws IOException {
    out.writeInt(list.size());
    for (String s : list) {
      string(out, s);
    }
  }

  private static List<String> strings(DataInputStream in) throws IOException {
    int n = in.readInt();
    List<String> list = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      list.add(string(in));
    }
    return list;
  }

  private static long crc(byte[] bytes) {
    CRC32 crc = new CRC32();
    crc.update(bytes);
    return crc.getValue();
  }
}
