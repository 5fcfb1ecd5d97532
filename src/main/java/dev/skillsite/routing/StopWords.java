package dev.skillsite.routing;

import java.util.List;
import org.apache.lucene.analysis.CharArraySet;

/**
 * English function words and conversational filler dropped before stemming. Negations ({@code no},
 * {@code not}, {@code without}, {@code never}) are kept: "not for" clauses and "without blocking" carry
 * meaning.
 */
public final class StopWords {
  private StopWords() {}

  public static final List<String> WORDS =
      List.of(
          "a", "about", "above", "after", "again", "all", "also", "am", "an", "and", "any", "are", "as", "at",
          "be", "because", "been", "before", "being", "below", "between", "both", "but", "by",
          "can", "could", "did", "do", "does", "doing", "down", "during", "each", "either", "else", "etc",
          "even", "ever", "every", "few", "for", "from", "further", "get", "gets", "getting", "got",
          "had", "has", "have", "having", "he", "her", "here", "hers", "him", "his", "how", "however",
          "i", "if", "im", "in", "into", "is", "it", "its", "itself", "just", "let", "lets", "like",
          "me", "might", "more", "most", "much", "must", "my", "myself", "need", "needs", "now",
          "of", "off", "ok", "okay", "on", "once", "one", "only", "or", "other", "our", "ours", "out", "over", "own",
          "please", "really", "same", "she", "should", "so", "some", "such", "than", "that", "the", "their",
          "theirs", "them", "then", "there", "these", "they", "thing", "things", "this", "those", "through",
          "to", "too", "under", "until", "up", "us", "use", "used", "uses", "using", "very", "via",
          "want", "wants", "was", "way", "we", "were", "what", "when", "where", "whether", "which", "while",
          "who", "whom", "why", "will", "with", "would", "yet", "you", "your", "yours", "yourself",
          "s", "t", "d", "ll", "re", "ve", "m", "don", "doesn", "didn", "isn", "aren", "won");

  /** A fresh set, lowercase, for one analyzer. */
  public static CharArraySet set() {
    return CharArraySet.unmodifiableSet(new CharArraySet(WORDS, false));
  }
}
