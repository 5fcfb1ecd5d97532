package dev.skillsite.routing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;

/** Runs text through a field's analysis chain. */
final class TermReader {
  private final Analyzer analyzer;

  TermReader(Analyzer analyzer) {
    this.analyzer = analyzer;
  }

  /** The distinct terms of {@code text} for {@code field}, in order of first occurrence. */
  List<String> terms(String field, String text) {
    return new ArrayList<>(surfaces(field, text).keySet());
  }

  /**
   * Each distinct term with the text it came from ({@code supervis} → {@code supervision}),
   * lowercased.
   */
  Map<String, String> surfaces(String field, String text) {
    Map<String, String> out = new LinkedHashMap<>();
    try (TokenStream ts = analyzer.tokenStream(field, text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      OffsetAttribute offset = ts.addAttribute(OffsetAttribute.class);
      ts.reset();
      while (ts.incrementToken()) {
        String t = term.toString();
        if (!out.containsKey(t)) {
          int start = Math.max(0, offset.startOffset());
          int end = Math.min(text.length(), Math.max(start, offset.endOffset()));
          out.put(t, text.substring(start, end).toLowerCase(Locale.ROOT));
        }
      }
      ts.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }
}
