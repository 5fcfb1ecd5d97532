package dev.skillsite.routing;

import java.util.function.UnaryOperator;
import org.tartarus.snowball.ext.ItalianStemmer;

/** The background's keys through the same Italian Snowball stemmer. */
public class ExpItSnowKey implements UnaryOperator<String> {
  private final ItalianStemmer s = new ItalianStemmer();

  @Override
  public String apply(String k) {
    s.setCurrent(k);
    s.stem();
    return s.getCurrent();
  }
}
