package dev.skillsite.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The parsed rule table the build leaves beside {@code rules.yaml} is the YAML's table. */
class RuleTableCodecTest {
  private final byte[] yaml = RuleTableCodec.resource("rules.yaml").orElseThrow();
  private final RuleTable parsed = RuleTable.parse(new String(yaml, StandardCharsets.UTF_8));

  @Test
  void theBuildLeavesTheParsedTableOfThisYamlAndTheStandardTableIsIt() {
    byte[] bin = RuleTableCodec.resource(RuleTableCodec.FILE).orElseThrow();
    Optional<RuleTable> read = RuleTableCodec.read(bin, yaml);
    assertTrue(read.isPresent(), "rules.bin was made from other YAML");
    assertEquals(fields(parsed), fields(read.get()));
    assertEquals(fields(parsed), fields(RuleTable.standard()));
    assertTrue(parsed.rules().size() > 20, "rules: " + parsed.rules().size());
  }

  @Test
  void aTableWrittenAndReadAgainHasEveryFieldOfEveryRule() throws IOException {
    RuleTable again = RuleTableCodec.read(encode(parsed, yaml), yaml).orElseThrow();
    assertEquals(fields(parsed), fields(again));
    // each field is told apart: a rule with one field changed renders otherwise
    AuditRule r = parsed.rules().get(0);
    assertTrue(!fields(parsed).equals(fields(withFirst(parsed, withWindow(r, r.window() + 1)))));
  }

  @Test
  void aTableMadeFromOtherYamlOrDamagedIsNotUsed() throws IOException {
    byte[] bin = encode(parsed, yaml);
    byte[] other = yaml.clone();
    other[other.length / 2] ^= 1;
    assertEquals(Optional.empty(), RuleTableCodec.read(bin, other));
    assertEquals(Optional.empty(), RuleTableCodec.read(bin, Arrays.copyOf(yaml, yaml.length - 1)));
    assertEquals(Optional.empty(), RuleTableCodec.read(Arrays.copyOf(bin, bin.length / 2), yaml));
    assertEquals(Optional.empty(), RuleTableCodec.read(new byte[0], yaml));
  }

  private static byte[] encode(RuleTable table, byte[] yaml) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      RuleTableCodec.write(table, yaml, out);
    }
    return bytes.toByteArray();
  }

  private static RuleTable withFirst(RuleTable t, AuditRule first) {
    List<AuditRule> rules = Stream.concat(Stream.of(first), t.rules().stream().skip(1)).toList();
    return new RuleTable(rules, t.context());
  }

  private static AuditRule withWindow(AuditRule r, int window) {
    return new AuditRule(
        r.id(),
        r.severity(),
        r.category(),
        r.title(),
        r.why(),
        r.safe(),
        r.match(),
        r.near(),
        window,
        r.unless(),
        r.lower(),
        r.raise(),
        r.described(),
        r.keywords(),
        r.files(),
        r.hiddenOnly(),
        r.detector(),
        r.examples());
  }

  /** Every field of every rule, patterns by source and flags (a Pattern has no equals). */
  private static List<Object> fields(RuleTable t) {
    return Stream.concat(
            Stream.of(p(t.context())),
            t.rules().stream()
                .map(
                    r ->
                        List.of(
                            r.id(),
                            r.severity(),
                            r.category(),
                            r.title(),
                            r.why(),
                            r.safe(),
                            p(r.match()),
                            p(r.near()),
                            r.window(),
                            p(r.unless()),
                            p(r.lower()),
                            p(r.raise()),
                            p(r.described()),
                            r.keywords(),
                            r.files(),
                            r.hiddenOnly(),
                            r.detector(),
                            r.examples())))
        .map(Object.class::cast)
        .toList();
  }

  private static String p(Optional<Pattern> p) {
    return p.map(x -> x.flags() + "/" + x.pattern()).orElse("-");
  }
}
