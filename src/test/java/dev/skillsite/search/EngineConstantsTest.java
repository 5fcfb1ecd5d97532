package dev.skillsite.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import dev.skillsite.build.BuildOptions;
import dev.skillsite.build.BuildPipeline;
import dev.skillsite.build.Progress;
import dev.skillsite.site.SiteGenerator;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The browser engine spells no routing constant itself: every constant of {@code
 * dev.skillsite.routing} is written into {@code search/manifest.js} ({@link EngineConstants}) or is
 * on the list below of constants only Java needs, with the reason. A constant added in Java and
 * forgotten here fails the first test.
 */
class EngineConstantsTest {
  /** Constants the browser engine does not need, and why. */
  private static final Map<String, String> JAVA_ONLY =
      Map.ofEntries(
          Map.entry(
              "Background.RESOURCE",
              "the file Java reads the background from; the export carries the counts"),
          Map.entry("Background.MIN_DF", "how the background file was cut when it was made"),
          Map.entry(
              "Bm25.AVERAGE_LENGTH_BITS",
              "the average length's grid; the manifest carries each field's quantized average"),
          Map.entry(
              "Bm25.DOCUMENT_COUNT_BITS",
              "the document count's grid; the manifest carries each count on it (docCount, n)"),
          Map.entry(
              "RoutingIndex.THRESHOLD",
              "the key the index keeps the threshold under; exported as a value"),
          Map.entry("RoutingIndex.BATCH", "how the index is built in parallel"),
          Map.entry("RoutingIndex.PART", "how the index is built in parallel"),
          Map.entry("RoutingIndex.MAX_PARTS", "how the index is built in parallel"),
          Map.entry(
              "SkillDocument.MAX_BODY_CHARS",
              "what is indexed; the export carries the index as built"),
          Map.entry(
              "QueryTerms.MAX_TERMS_PER_FIELD",
              "exported as Router.MAX_TERMS_PER_FIELD, which is this"),
          Map.entry("StopWords.ENGLISH", "part of StopWords.WORDS, which is exported"),
          Map.entry("StopWords.ITALIAN", "part of StopWords.WORDS, which is exported"),
          Map.entry(
              "StopWords.ITALIAN_KEPT",
              "how StopWords.ITALIAN was cut; StopWords.WORDS is exported"),
          Map.entry("SimilarSkills.MAX_TERMS", "related skills are chosen at build time"),
          Map.entry("SimilarSkills.FIELDS", "related skills are chosen at build time"),
          Map.entry("SimilarSkills.MIN_SHARED", "related skills are chosen at build time"),
          Map.entry("SimilarSkills.MAX_POSTINGS", "related skills are chosen at build time"),
          Map.entry("SimilarSkills.FLOOR_DEPTH", "related skills are chosen at build time"),
          Map.entry("SimilarSkills.MAX_N", "related skills are chosen at build time"),
          Map.entry(
              "PatchCaps.BASE_MS",
              "a patch build's cost guard; the export carries the index as built"),
          Map.entry(
              "PatchCaps.BUDGET_MS",
              "a patch build's cost guard; the export carries the index as built"),
          Map.entry(
              "PatchCaps.MAX_SIMILAR",
              "a patch build's cost guard; the export carries the index as built"),
          Map.entry(
              "PatchCaps.PER_100K_MS",
              "a patch build's cost guard; the export carries the index as built"),
          Map.entry(
              "PatchCaps.PRICED_RELATED",
              "a patch build's cost guard; the export carries the index as built"),
          Map.entry(
              "PatchCaps.SIMILAR_MS",
              "a patch build's cost guard; the export carries the index as built"),
          Map.entry(
              "PatchCaps.SIMILAR_PER_100K_MS",
              "a patch build's cost guard; the export carries the index as built"),
          Map.entry(
              "PatchCaps.MAX_SIMILAR_PRICED",
              "a patch build's cost guard; the export carries the index as built"),
          Map.entry(
              "PatchedStats.SCORE_DEN",
              "a lab switch for a patch build's paired figures; the export carries the index as built"),
          Map.entry(
              "PatchedStats.FIELD_KEYS",
              "a lab switch for a patch build's paired figures; the export carries the index as built"),
          Map.entry(
              "RoutingPatch$Unmoved.ON",
              "a lab switch for a patch build's paired figures; the export carries the index as built"),
          Map.entry(
              "RoutingPatch$Unmoved.READ_FIELDS",
              "a lab switch for a patch build's paired figures; the export carries the index as built"),
          Map.entry(
              "RoutingPatch$Unmoved.PRUNE",
              "a lab switch for a patch build's paired figures; the export carries the index as built"),
          Map.entry(
              "RoutingPatch$Unmoved.SATURATED_LAST",
              "a lab switch for a patch build's paired figures; the export carries the index as built"),
          Map.entry(
              "RoutingPatch$Recorded.TERMS_READ",
              "a lab switch for a patch build's paired figures; the export carries the index as built"),
          Map.entry(
              "PatchCaps.DECIDE_MS",
              "a patch build's cost guard; the export carries the index as built"),
          Map.entry(
              "PatchCaps.DECIDE_PER_100K_MS",
              "a patch build's cost guard; the export carries the index as built"),
          Map.entry(
              "RoutingPatch$Recorded.KEPT",
              "how deep a patch build's ranking records go; the export carries the index as built"),
          Map.entry(
              "ReproducibleCodec.NEUTRAL_DIAGNOSTICS",
              "what the index files record about the machine"),
          Map.entry(
              "Analysis$Chain.SPLIT_FLAGS",
              "the word splitting, which the engine has as code; SearchAnalyzerParityTest holds the two equal"));

  /**
   * Classes whose constants only Java needs: the SolrCloud source, which {@code route --solr}
   * reads.
   */
  private static final Set<String> JAVA_ONLY_CLASSES =
      Set.of(
          "SolrDocuments",
          "SolrSource",
          // the patch rebuild's state (build --changed): how it is stored, not how it ranks
          "NameTable",
          "TriggerTable",
          "PatchedIndex",
          "PatchFold",
          "PhraseTerms",
          "PublishedIndex",
          "RoutingPatch",
          "SimilarTable");

  /**
   * Field names: the export writes its fields under these names, and the engine asks for them by
   * name.
   */
  private static final String FIELD_NAMES = "Fields.";

  @TempDir Path tmp;

  @Test
  void everyRoutingConstantIsExportedOrSaidToBeJavaOnly() throws Exception {
    Set<String> exported =
        EngineConstants.ALL.stream()
            .map(EngineConstants.Constant::java)
            .collect(Collectors.toSet());
    List<String> missing = new ArrayList<>();
    for (String name : routingConstants().keySet()) {
      if (!exported.contains(name)
          && !JAVA_ONLY.containsKey(name)
          && !name.startsWith(FIELD_NAMES)
          && !JAVA_ONLY_CLASSES.contains(name.substring(0, name.indexOf('.')))) {
        missing.add(name);
      }
    }
    assertEquals(
        List.of(), missing, "routing constants neither in EngineConstants nor in JAVA_ONLY");
    Set<String> stale = new TreeSet<>(JAVA_ONLY.keySet());
    stale.removeAll(routingConstants().keySet());
    assertEquals(Set.of(), stale, "JAVA_ONLY names constants that no longer exist");
  }

  @Test
  void theExportHoldsEachConstantsJavaValue() throws Exception {
    Map<String, Object> values = routingConstants();
    JsonObject manifest = manifest();
    Gson gson = new Gson();
    for (EngineConstants.Constant c : EngineConstants.ALL) {
      assertTrue(
          values.containsKey(c.java()), c.java() + " is not a constant of dev.skillsite.routing");
      Object java = values.get(c.java());
      Object value =
          java instanceof Set<?> set ? set.stream().map(String::valueOf).sorted().toList() : java;
      assertEquals(
          gson.toJson(value),
          gson.toJson(EngineConstants.at(manifest, c.path())),
          c.java() + " at " + c.path());
    }
  }

  @Test
  void theEngineReadsEveryConstantFromTheManifest() throws Exception {
    String engine = Files.readString(NodeScript.ENGINE, StandardCharsets.UTF_8);
    for (EngineConstants.Constant c : EngineConstants.ALL) {
      String key = c.path().substring(c.path().lastIndexOf('.') + 1);
      assertTrue(engine.contains("." + key), "search-engine.js never reads " + c.path());
    }
    // the values it used to spell itself
    assertFalse(engine.contains("255"), "search-engine.js spells the longest token");
    assertFalse(engine.contains("\"besides\""), "search-engine.js spells the refusal words");
  }

  private JsonObject manifest() throws Exception {
    Path content = tmp.resolve("content/skills/pdf");
    Files.createDirectories(content);
    Files.writeString(
        content.resolve("SKILL.md"),
        "---\nname: pdf\ndescription: Fills PDF forms. Use when the user asks to \"fill a form\".\n---\n# PDF\n",
        StandardCharsets.UTF_8);
    Path site = tmp.resolve("site");
    new BuildPipeline(new SiteGenerator(Optional.empty()), Progress.NONE)
        .run(new BuildOptions(tmp.resolve("content"), site, Optional.empty(), true));
    String js = Files.readString(site.resolve("search/manifest.js"), StandardCharsets.UTF_8);
    return new Gson()
        .fromJson(js.substring(js.indexOf('{'), js.lastIndexOf('}') + 1), JsonObject.class);
  }

  /**
   * Every static final field of a plain value type in the main classes of {@code
   * dev.skillsite.routing}.
   */
  private static Map<String, Object> routingConstants() throws Exception {
    Path dir = Path.of("target/classes/dev/skillsite/routing");
    Map<String, Object> out = new java.util.TreeMap<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".class")).sorted().toList()) {
        String simple = f.getFileName().toString().replace(".class", "");
        if (simple.equals("package-info")) {
          continue;
        }
        Class<?> type = Class.forName("dev.skillsite.routing." + simple);
        for (Field field : type.getDeclaredFields()) {
          int mod = field.getModifiers();
          if (Modifier.isStatic(mod)
              && Modifier.isFinal(mod)
              && !field.isSynthetic()
              && plain(field.getType())) {
            field.setAccessible(true);
            out.put(simple + "." + field.getName(), field.get(null));
          }
        }
      }
    }
    return out;
  }

  private static boolean plain(Class<?> type) {
    return type.isPrimitive()
        || type == String.class
        || Collection.class.isAssignableFrom(type)
        || Map.class.isAssignableFrom(type);
  }
}
