package dev.skillsite.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.skillsite.content.ContentLoader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The SARIF log of the fixture collection validates against the SARIF 2.1.0 JSON schema. */
class SarifLogTest {
  @Test
  void fixtureAuditIsValidSarif() throws IOException {
    Path root = AuditFixturesTest.FIXTURES;
    AuditReport report = Auditor.standard().audit(new ContentLoader().load(root), root);
    String sarif = new SarifLog(RuleTable.standard(), "test").format(report.findings(), root);
    Schema schema;
    try (InputStream in = getClass().getResourceAsStream("/audit/sarif/sarif-2.1.0-rtm.5.json")) {
      schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4).getSchema(in);
    }
    List<Error> errors = schema.validate(sarif, InputFormat.JSON);
    assertEquals(List.of(), errors.stream().map(Error::toString).toList());

    JsonObject run =
        JsonParser.parseString(sarif)
            .getAsJsonObject()
            .getAsJsonArray("runs")
            .get(0)
            .getAsJsonObject();
    assertEquals(report.findings().size(), run.getAsJsonArray("results").size());
    JsonObject first = run.getAsJsonArray("results").get(0).getAsJsonObject();
    JsonObject loc =
        first
            .getAsJsonArray("locations")
            .get(0)
            .getAsJsonObject()
            .getAsJsonObject("physicalLocation");
    Finding f = report.findings().get(0);
    assertEquals(f.pos().path(), loc.getAsJsonObject("artifactLocation").get("uri").getAsString());
    assertEquals(f.pos().line(), loc.getAsJsonObject("region").get("startLine").getAsInt());
    assertEquals(SarifLog.level(f.severity()), first.get("level").getAsString());
    assertTrue(sarif.contains("\"level\": \"error\""), "danger is level error");
  }

  @Test
  void aBrokenLogIsRejectedByTheSchema() throws IOException {
    Schema schema;
    try (InputStream in = getClass().getResourceAsStream("/audit/sarif/sarif-2.1.0-rtm.5.json")) {
      schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4).getSchema(in);
    }
    assertTrue(
        !schema
            .validate(
                "{\"version\": \"2.1.0\", \"runs\": [{\"results\": [{\"level\": \"danger\"}]}]}",
                InputFormat.JSON)
            .isEmpty(),
        "the validator must catch a bad level and a run without a tool");
  }
}
