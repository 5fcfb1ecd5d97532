package dev.skillsite.routing;

import java.util.function.UnaryOperator;
import org.apache.lucene.analysis.it.ItalianLightStemmer;

/** The background's keys through the same Italian light stemmer. */
public class ExpItLightKey implements UnaryOperator<String> {
  private final ItalianLightStemmer s = new ItalianLightStemmer();

  @Override
  public String apply(String k) {
    char[] c = k.toCharArray();
    return new String(c, 0, s.stem(c, c.length));
  }
}
