package dev.skillsite.routing;

import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.en.EnglishMinimalStemFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.miscellaneous.WordDelimiterGraphFilter;
import org.apache.lucene.analysis.shingle.ShingleFilter;
import org.apache.lucene.analysis.util.CharTokenizer;

/**
 * The analysis chains of the routing index, kept simple enough to re-implement in JavaScript:
 *
 * <ol>
 *   <li>tokenize on runs of letters, digits and {@code _} ({@link #isTokenChar}); split runs of
 *       Chinese, Japanese and Korean characters into overlapping pairs ({@link CjkBigramFilter});
 *   <li>split words on case changes, letter/digit boundaries and {@code _}, keeping the original
 *       too ({@code GenServer} → {@code genserver, gen, server}; {@code handle_call} → {@code
 *       handle_call, handle, call});
 *   <li>lowercase; drop {@link StopWords} (negations are kept);
 *   <li>stem: Porter for the {@code stem} chain, English plural stemming for the {@code light}
 *       chain.
 * </ol>
 *
 * The {@code shingle} chain skips the word splitting and emits two-word shingles only ({@code
 * background job}).
 */
public final class Analysis {
  /**
   * A longer run of token characters is cut into tokens of this many UTF-16 units (Lucene's
   * default).
   */
  public static final int MAX_TOKEN_LENGTH = CharTokenizer.DEFAULT_MAX_WORD_LEN;

  private Analysis() {}

  /** The chain used by every text field except {@link Fields#SHINGLE} and {@link Fields#LIGHT}. */
  public static Analyzer stemmed() {
    return new Chain(Stemming.PORTER, false);
  }

  public static Analyzer light() {
    return new Chain(Stemming.MINIMAL, false);
  }

  public static Analyzer shingled() {
    return new Chain(Stemming.PORTER, true);
  }

  /** One analyzer per field, for indexing and for queries. */
  public static Analyzer perField() {
    return new PerFieldAnalyzerWrapper(
        stemmed(), Map.of(Fields.SHINGLE, shingled(), Fields.LIGHT, light()));
  }

  /** Which chain analyzes {@code field}: {@code shingle}, {@code light} or {@code stemmed}. */
  public static String chainOf(String field) {
    return switch (field) {
      case Fields.SHINGLE -> "shingle";
      case Fields.LIGHT -> "light";
      default -> "stemmed";
    };
  }

  /** Letters, digits and underscore make tokens; everything else separates them. */
  static boolean isTokenChar(int c) {
    return Character.isLetterOrDigit(c) || c == '_';
  }

  enum Stemming {
    PORTER,
    MINIMAL
  }

  private static final class Chain extends Analyzer {
    private static final int SPLIT_FLAGS =
        WordDelimiterGraphFilter.GENERATE_WORD_PARTS
            | WordDelimiterGraphFilter.GENERATE_NUMBER_PARTS
            | WordDelimiterGraphFilter.SPLIT_ON_CASE_CHANGE
            | WordDelimiterGraphFilter.SPLIT_ON_NUMERICS
            | WordDelimiterGraphFilter.STEM_ENGLISH_POSSESSIVE
            | WordDelimiterGraphFilter.PRESERVE_ORIGINAL;
    private final Stemming stemming;
    private final boolean shingles;
    private final CharArraySet stop = StopWords.set();

    Chain(Stemming stemming, boolean shingles) {
      this.stemming = stemming;
      this.shingles = shingles;
    }

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
      Tokenizer source = CharTokenizer.fromTokenCharPredicate(Analysis::isTokenChar);
      TokenStream ts = new CjkBigramFilter(source);
      if (!shingles) {
        ts = new WordDelimiterGraphFilter(ts, SPLIT_FLAGS, null);
      }
      ts = new LowerCaseFilter(ts);
      ts = new GaplessStopFilter(ts, stop);
      if (shingles) {
        ts = new PorterStemFilter(ts);
        ShingleFilter sf = new ShingleFilter(ts, 2, 2);
        sf.setOutputUnigrams(false);
        return new TokenStreamComponents(source, sf);
      }
      ts =
          stemming == Stemming.PORTER ? new PorterStemFilter(ts) : new EnglishMinimalStemFilter(ts);
      return new TokenStreamComponents(source, ts);
    }

    @Override
    protected TokenStream normalize(String fieldName, TokenStream in) {
      return new LowerCaseFilter(in);
    }
  }
}
