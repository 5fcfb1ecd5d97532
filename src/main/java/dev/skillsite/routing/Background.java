package dev.skillsite.routing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * A background model of the words skills use: for each analyzed term (the {@code stemmed} chain of
 * {@link Analysis}), in how many of a large, varied set of public skills it occurs (name,
 * description and body). It says how rare a word is in the world of skills, which a collection of
 * six skills cannot say about itself. Built by {@code BackgroundBuilder} (test code) from every
 * collection of the shared corpora together; terms used by fewer than {@link #MIN_DF} skills are
 * left out and count as unseen.
 *
 * @param skills how many skills the frequencies were counted over
 * @param docFreq skills using each term
 */
public record Background(int skills, Map<String, Integer> docFreq) {
  public static final String RESOURCE = "background-df.tsv";
  public static final int MIN_DF = 3;

  public Background {
    docFreq = Map.copyOf(docFreq);
  }

  /** The frequency list shipped with skillsite (read once). */
  public static Background standard() {
    return Shipped.INSTANCE;
  }

  private static final class Shipped {
    static final Background INSTANCE = load();
  }

  private static Background load() {
    try (InputStream in = Background.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + RESOURCE);
      }
      return read(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Reads the format written by the builder: a first line {@code skills\tN}, then {@code term\tdf}
   * lines.
   */
  static Background read(InputStream in) throws IOException {
    BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    String first = r.readLine();
    if (first == null || !first.startsWith("skills\t")) {
      throw new IOException("background: bad header");
    }
    int n = Integer.parseInt(first.substring(7).trim());
    Map<String, Integer> df = new HashMap<>();
    for (String line = r.readLine(); line != null; line = r.readLine()) {
      int tab = line.indexOf('\t');
      if (tab > 0) {
        df.put(line.substring(0, tab), Integer.parseInt(line.substring(tab + 1).trim()));
      }
    }
    return new Background(n, df);
  }

  /** Skills of the background using {@code term}; 0 when it is rarer than {@link #MIN_DF}. */
  public int df(String term) {
    return docFreq.getOrDefault(term, 0);
  }

  /** {@code ln(1 + skills)}: an upper bound of {@link #idf}, to scale it into 0..1. */
  double maxIdf() {
    return Math.log(1 + skills);
  }

  /** BM25's idf against the background, unseen terms counted as used by one skill. */
  double idf(String term) {
    return Idf.exact(skills, Math.max(1, df(term)));
  }
}
