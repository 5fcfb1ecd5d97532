package dev.skillsite.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.skillsite.routing.Analysis;
import dev.skillsite.routing.Fields;
import dev.skillsite.routing.StopWords;
import dev.skillsite.testing.CorpusSkills;
import dev.skillsite.testing.Frontmatter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The browser analyzer ({@code search-engine.js}, run by node) gives the same tokens as the Lucene
 * chains, in the same order, for every description in ../shared/corpora and every query in
 * ../shared/eval, and for texts that exercise the corners (CJK, long tokens, case changes, digits,
 * non-Latin scripts).
 */
@Tag("corpus")
class SearchAnalyzerParityTest {
  private static final Path CORPORA = Path.of("../shared/corpora");
  private static final Path EVAL = Path.of("../shared/eval");
  private static final List<String> CHAINS =
      List.of(Fields.DESCRIPTION, Fields.LIGHT, Fields.SHINGLE);
  private static final List<String> CORNERS =
      List.of(
          "GenServer handle_call HTTPServer2Go json2xml XMLHttpRequest iOS macOS _private trailing_ __dunder__",
          "規劃新功能 app で日本語のテキスト 한국어 텍스트 mixed漢字text 新",
          "x".repeat(300)
              + " "
              + "ab".repeat(200)
              + "😀emoji😀 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 İstanbul ΣΊΣΥΦΟΣ straße ǅemal ªº",
          "running runs ran happiness relational conditional hopefully generalizations ponies ties caresses agreed",
          "Don't use it for the Foo's bar; NOT for deploys — 3.14 v2 IPv6 100ms k8s C++ C# .NET node.js");

  @Test
  void javaScriptTokensEqualLuceneTokens() throws Exception {
    List<String> texts = new ArrayList<>(texts());
    assertTrue(texts.size() > 1000, "descriptions and queries found: " + texts.size());
    JsonObject input = new JsonObject();
    input.add("stop", new Gson().toJsonTree(StopWords.WORDS));
    input.addProperty("maxToken", Analysis.MAX_TOKEN_LENGTH);
    input.add("texts", new Gson().toJsonTree(texts));
    JsonArray js = NodeScript.run("analyze-node.js", input).getAsJsonArray();
    assertEquals(texts.size(), js.size());
    Analyzer lucene = Analysis.perField();
    List<String> diffs = new ArrayList<>();
    long tokens = 0;
    for (int i = 0; i < texts.size(); i++) {
      for (int c = 0; c < CHAINS.size(); c++) {
        List<String> expected = tokens(lucene, CHAINS.get(c), texts.get(i));
        List<String> actual = new Gson().fromJson(js.get(i).getAsJsonArray().get(c), List.class);
        tokens += expected.size();
        if (!expected.equals(actual)) {
          diffs.add(
              CHAINS.get(c)
                  + " of "
                  + abbreviate(texts.get(i))
                  + "\n  lucene "
                  + firstDiff(expected, actual));
        }
      }
    }
    assertTrue(tokens > 100_000, "tokens compared: " + tokens);
    assertEquals(
        List.of(), diffs.subList(0, Math.min(20, diffs.size())), diffs.size() + " texts differ");
  }

  private static Set<String> texts() throws IOException {
    Set<String> out = new LinkedHashSet<>(CORNERS);
    for (Path f : CorpusSkills.files(CORPORA)) {
      Map<String, Object> fm = Frontmatter.read(f);
      if (fm.get("description") != null) {
        out.add(String.valueOf(fm.get("description")));
      }
    }
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(EVAL, "*.jsonl")) {
      for (Path f : ds) {
        for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
          if (!line.isBlank()) {
            out.add(new Gson().fromJson(line, JsonObject.class).get("query").getAsString());
          }
        }
      }
    }
    return out;
  }

  private static List<String> tokens(Analyzer a, String field, String text) throws IOException {
    List<String> out = new ArrayList<>();
    try (TokenStream ts = a.tokenStream(field, text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      ts.reset();
      while (ts.incrementToken()) {
        out.add(term.toString());
      }
      ts.end();
    }
    return out;
  }

  private static String firstDiff(List<String> expected, List<String> actual) {
    int i = 0;
    while (i < expected.size() && i < actual.size() && expected.get(i).equals(actual.get(i))) {
      i++;
    }
    return "at token "
        + i
        + ": "
        + expected.subList(i, Math.min(expected.size(), i + 5))
        + "\n  js     "
        + actual.subList(i, Math.min(actual.size(), i + 5));
  }

  private static String abbreviate(String s) {
    return s.length() > 80 ? s.substring(0, 80) + "…" : s;
  }
}
