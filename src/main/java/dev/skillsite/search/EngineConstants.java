package dev.skillsite.search;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.skillsite.routing.Analysis;
import dev.skillsite.routing.Bm25;
import dev.skillsite.routing.Confidence;
import dev.skillsite.routing.Invocation;
import dev.skillsite.routing.Router;
import dev.skillsite.routing.StopWords;
import dev.skillsite.routing.Synonyms;
import java.util.List;

/**
 * Every routing constant the browser engine uses, with where {@code search/manifest.js} holds it:
 * the engine reads them from there and spells none of them itself. {@code EngineConstantsTest}
 * fails when a constant of {@code dev.skillsite.routing} is neither here nor on its list of
 * constants only Java needs.
 */
final class EngineConstants {
  /**
   * One exported constant.
   *
   * @param java {@code Class.FIELD}, as declared in {@code dev.skillsite.routing}
   * @param path where the manifest holds it, keys separated by dots
   * @param value its value
   */
  record Constant(String java, String path, Object value) {}

  static final List<Constant> ALL =
      List.of(
          new Constant("Bm25.K1", "k1", Bm25.K1),
          new Constant("Bm25.B", "b", Bm25.B),
          new Constant("Router.MAX_TERMS_PER_FIELD", "maxTerms", Router.MAX_TERMS_PER_FIELD),
          new Constant("Router.MIN_RANKED", "minRanked", Router.MIN_RANKED),
          new Constant("Synonyms.WEIGHT", "synonymWeight", Synonyms.WEIGHT),
          new Constant("Synonyms.GROUPS", "synonyms", Synonyms.GROUPS),
          new Constant("StopWords.WORDS", "stop", StopWords.WORDS),
          new Constant("Analysis.MAX_TOKEN_LENGTH", "maxTokenLength", Analysis.MAX_TOKEN_LENGTH),
          new Constant(
              "Invocation.NOT_WANTED",
              "notWanted",
              Invocation.NOT_WANTED.stream().sorted().toList()),
          new Constant("Invocation.REFUSAL_WINDOW", "refusalWindow", Invocation.REFUSAL_WINDOW),
          new Constant(
              "Confidence.AMBIGUOUS_MARGIN",
              "confidence.ambiguousMargin",
              Confidence.AMBIGUOUS_MARGIN),
          new Constant(
              "Confidence.PRIOR_SKILLS", "confidence.priorSkills", Confidence.PRIOR_SKILLS),
          new Constant(
              "Confidence.NEUTRAL_MARGIN", "confidence.neutralMargin", Confidence.NEUTRAL_MARGIN),
          new Constant("Confidence.BODY_CREDIT", "confidence.bodyCredit", Confidence.BODY_CREDIT),
          new Constant(
              "Confidence.MIN_EVIDENCE", "confidence.minEvidence", Confidence.MIN_EVIDENCE),
          new Constant(
              "Confidence.EVIDENCE_SLOPE", "confidence.evidenceSlope", Confidence.EVIDENCE_SLOPE),
          new Constant("Confidence.BIAS", "confidence.bias", Confidence.BIAS),
          new Constant(
              "Confidence.NAME_LIFTS_VETO", "confidence.nameLiftsVeto", Confidence.NAME_LIFTS_VETO),
          new Constant("Confidence.SURFACE", "confidence.surface", Confidence.SURFACE),
          new Constant("Confidence.W_MATCHED", "confidence.weights.matched", Confidence.W_MATCHED),
          new Constant("Confidence.W_KNOWN", "confidence.weights.known", Confidence.W_KNOWN),
          new Constant(
              "Confidence.W_EXPLAINED", "confidence.weights.explained", Confidence.W_EXPLAINED),
          new Constant("Confidence.W_MARGIN", "confidence.weights.margin", Confidence.W_MARGIN),
          new Constant(
              "Confidence.W_BG_KNOWN", "confidence.weights.bgKnown", Confidence.W_BG_KNOWN),
          new Constant(
              "Confidence.W_BG_EXPLAINED",
              "confidence.weights.bgExplained",
              Confidence.W_BG_EXPLAINED),
          new Constant(
              "Confidence.W_RAREST_MISSING",
              "confidence.weights.rarestMissing",
              Confidence.W_RAREST_MISSING),
          new Constant(
              "Confidence.W_EXCLUDED", "confidence.weights.excluded", Confidence.W_EXCLUDED));

  private static final Gson GSON = new Gson();

  private EngineConstants() {}

  /** Writes every constant into {@code manifest} at its path, making the objects on the way. */
  static void addTo(JsonObject manifest) {
    for (Constant c : ALL) {
      String[] keys = c.path().split("\\.");
      JsonObject at = manifest;
      for (int i = 0; i < keys.length - 1; i++) {
        if (!at.has(keys[i])) {
          at.add(keys[i], new JsonObject());
        }
        at = at.getAsJsonObject(keys[i]);
      }
      at.add(keys[keys.length - 1], GSON.toJsonTree(c.value()));
    }
  }

  /** The value at {@code path} of a manifest, for tests. */
  static JsonElement at(JsonObject manifest, String path) {
    JsonElement e = manifest;
    for (String key : path.split("\\.")) {
      e = e.getAsJsonObject().get(key);
    }
    return e;
  }
}
