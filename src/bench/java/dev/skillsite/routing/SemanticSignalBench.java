package dev.skillsite.routing;

import dev.skillsite.model.Skill;
import dev.skillsite.routing.Calibration.Model;
import dev.skillsite.routing.Calibration.Row;
import dev.skillsite.routing.Calibration.Score;
import dev.skillsite.routing.eval.EvalCase;
import dev.skillsite.routing.eval.EvalFile;
import dev.skillsite.testing.CorpusSkills;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.lucene.search.ScoreDoc;

/**
 * Issue 22, "vocabulary gaps": static word vectors distilled from MiniLM (each word embedded alone
 * by {@code bench/semantic/Distil.java}), a request's vector the background-idf-weighted mean of
 * its words' vectors, a skill's the same over its name, description, when-clauses and keywords.
 * Measured two ways against the lexical router, in sample and leave-one-set-out (the same 50 units
 * and fit as {@link LeaveOneSetOutBench}):
 *
 * <ol>
 *   <li>as confidence features of the top skill (its cosine, the margin to the best other skill,
 *       and the idf-weighted share of request words it explains semantically);
 *   <li>as retrieval over every skill, blended with BM25 ({@code lex / lexMax + β · cos}, β chosen
 *       without the set scored), the confidence features recomputed for the blended top.
 * </ol>
 *
 * Nothing here is shipped. Steps: {@code vocab} writes the words to embed ({@code term\tsurface});
 * {@code Distil} embeds them; the default mode reads the vectors and prints the tables.
 */
final class SemanticSignalBench {
  static final Path DIR = Path.of("target/semantic");
  static final Path WORDS = DIR.resolve("words.tsv");
  static final Path VECTORS = DIR.resolve("vectors.bin");
  static final double[] BETAS = {0, 0.02, 0.05, 0.1, 0.2, 0.5, 1.0, 2.0};
  static final List<String> SEM = List.of("semTop", "semMargin", "semCover");

  /** One unit's skills and cases. */
  record Source(
      String name, String language, boolean dev, List<Skill> skills, List<EvalCase> cases) {}

  public static void main(String[] args) throws Exception {
    List<Source> sources = sources();
    if (args.length > 0 && args[0].equals("vocab")) {
      vocab(sources);
      return;
    }
    Map<String, float[]> raw = readVectors(VECTORS);
    Map<String, String> surface = readWords(WORDS);
    if (args.length > 0 && args[0].equals("cost")) {
      cost(sources, WordVectors.of(raw, surface, args.length > 1 ? args[1] : "pca128q"));
      return;
    }
    if (args.length > 0 && args[0].equals("near")) {
      near(WordVectors.of(raw, surface, "full"), surface, List.of(args).subList(1, args.length));
      return;
    }
    List<String> variants =
        args.length > 0 ? List.of(args[0].split(",")) : List.of("full", "pca128q", "rp128q");
    boolean oracle = args.length > 1 && args[1].equals("oracle");
    for (String variant : variants) {
      long t0 = System.nanoTime();
      WordVectors wv = WordVectors.of(raw, surface, variant);
      System.out.printf(
          Locale.ROOT,
          "%n## variant %s (dim %d, %d bytes a term; vocabulary %s), reduced in %.1f s%n",
          variant,
          wv.dim(),
          wv.bytesPerTerm(),
          oracle ? "every word, queries' too (oracle)" : "the collection's and the background's",
          (System.nanoTime() - t0) / 1e9);
      run(sources, wv, oracle);
    }
  }

  /**
   * What the design costs on the development collections: the words to embed at build time
   * (collection and background), the vector bytes, and what a reader's first query would fetch on
   * top of today's download: the int8 vectors of its own terms (base64, gzip) and every skill's
   * vector (needed for the margin and for retrieval over every skill).
   */
  static void cost(List<Source> sources, WordVectors wv) throws Exception {
    Set<String> background = Background.standard().docFreq().keySet();
    for (Source s : sources) {
      if (!s.dev()) {
        continue;
      }
      try (RoutingIndex index = RoutingIndex.build(s.skills())) {
        Set<String> vocab = new HashSet<>(collectionTerms(index, s.skills()));
        int collection = vocab.size();
        vocab.addAll(background);
        int n = index.size();
        int per = wv.bytesPerTerm();
        byte[] skills = new byte[n * per];
        new Random(1).nextBytes(skills);
        List<Integer> perQuery = new ArrayList<>();
        Synonyms synonyms = new Synonyms();
        for (EvalCase c : s.cases()) {
          QueryTerms qt = QueryTerms.of(c.query(), index.terms(), synonyms, Fields.SEARCHED);
          StringBuilder b = new StringBuilder();
          for (String t : qt.words()) {
            float[] v = wv.byTerm().get(t);
            if (v != null && vocab.contains(t)) {
              b.append('"').append(t).append("\":\"").append(base64(int8(v))).append("\",");
            }
          }
          perQuery.add(gzip(b.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
        StringBuilder sv = new StringBuilder();
        for (int d = 0; d < n; d++) {
          IndexedSkill k = index.skill(d);
          String text =
              String.join(
                  "\n",
                  Stream.of(List.of(k.name(), k.description()), k.phrases(), k.keywords())
                      .flatMap(List::stream)
                      .toList());
          double[] v =
              mean(
                  index.terms().terms(Fields.DESCRIPTION, text), wv, index.background(), t -> true);
          float[] f = new float[wv.dim()];
          for (int i = 0; v != null && i < f.length; i++) {
            f[i] = (float) v[i];
          }
          sv.append(base64(int8(f))).append('\n');
        }
        byte[] skillVectors = sv.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        perQuery.sort(Integer::compare);
        System.out.printf(
            Locale.ROOT,
            "%s: %d skills; %d collection terms, %d with the background (%d to embed, %.0f s at"
                + " 9.3 ms a word); vectors %d B a term, %.1f MB for the vocabulary; skill vectors"
                + " %d B raw, %d B gzip; a query's own term vectors gzip p50 %d B, max %d B%n",
            s.name(),
            n,
            collection,
            vocab.size(),
            vocab.size(),
            vocab.size() * 0.0093,
            per,
            vocab.size() * (double) per / 1e6,
            skillVectors.length,
            gzip(skillVectors),
            perQuery.get(perQuery.size() / 2),
            perQuery.get(perQuery.size() - 1));
      }
    }
  }

  static byte[] int8(float[] y) {
    float max = 0;
    for (float x : y) {
      max = Math.max(max, Math.abs(x));
    }
    float scale = max == 0 ? 1 : max / 127f;
    java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(y.length + 4);
    b.putFloat(scale);
    for (float x : y) {
      b.put((byte) Math.round(x / scale));
    }
    return b.array();
  }

  static String base64(byte[] b) {
    return java.util.Base64.getEncoder().withoutPadding().encodeToString(b);
  }

  static int gzip(byte[] b) throws IOException {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    try (java.util.zip.GZIPOutputStream z = new java.util.zip.GZIPOutputStream(out)) {
      z.write(b);
    }
    return out.size();
  }

  /** The nearest terms of each term (cosine of the centred vectors), to eyeball the vectors. */
  static void near(WordVectors wv, Map<String, String> surface, List<String> terms) {
    for (String t : terms) {
      float[] v = wv.byTerm().get(t);
      if (v == null) {
        System.out.println(t + ": no vector");
        continue;
      }
      float[] u = unit(v);
      List<Map.Entry<String, Double>> all = new ArrayList<>();
      for (var e : wv.byTerm().entrySet()) {
        float[] w = unit(e.getValue());
        double d = 0;
        for (int i = 0; i < u.length; i++) {
          d += u[i] * w[i];
        }
        all.add(Map.entry(surface.get(e.getKey()), d));
      }
      all.sort(Map.Entry.<String, Double>comparingByValue().reversed());
      StringBuilder b = new StringBuilder(t + ":");
      for (var e : all.subList(1, 11)) {
        b.append(String.format(Locale.ROOT, " %s %.2f", e.getKey(), e.getValue()));
      }
      System.out.println(b);
    }
  }

  static List<Source> sources() throws Exception {
    List<Source> out = new ArrayList<>();
    for (TriggerEvalSets.EvalSet set : TriggerEvalSets.loadAll()) {
      if (!set.cases().isEmpty()) {
        out.add(new Source(set.folder(), set.script(), false, set.skills(), set.cases()));
      }
    }
    for (String d : LeaveOneSetOutBench.DEV) {
      out.add(
          new Source(
              d,
              "en",
              true,
              CorpusSkills.load(Path.of("../shared/corpora", d)),
              EvalFile.read(Path.of("../shared/eval", d + ".jsonl"), Optional.empty())));
    }
    return out;
  }

  /** The words to embed: every collection's, the queries', and the background list's terms. */
  static void vocab(List<Source> sources) throws IOException {
    TermReader reader = new TermReader(Analysis.stemmed());
    Map<String, Map<String, Integer>> surfaces = new HashMap<>();
    List<String> texts = new ArrayList<>();
    for (Source s : sources) {
      for (Skill k : s.skills()) {
        texts.add(k.name() + "\n" + k.description() + "\n" + k.body());
      }
      for (EvalCase c : s.cases()) {
        texts.add(c.query());
      }
    }
    try (Stream<Path> files = Files.walk(Path.of("../shared/corpora"))) {
      for (Path p : files.filter(p -> p.endsWith("SKILL.md")).toList()) {
        texts.add(Files.readString(p));
      }
    }
    for (String text : texts) {
      for (var e : reader.surfaces(Fields.DESCRIPTION, text).entrySet()) {
        surfaces
            .computeIfAbsent(e.getKey(), k -> new HashMap<>())
            .merge(e.getValue(), 1, Integer::sum);
      }
    }
    Files.createDirectories(DIR);
    StringBuilder b = new StringBuilder();
    for (var e : surfaces.entrySet()) {
      String best =
          e.getValue().entrySet().stream()
              .max(
                  Map.Entry.<String, Integer>comparingByValue()
                      .thenComparing(Map.Entry.comparingByKey()))
              .orElseThrow()
              .getKey();
      if (best.length() <= 40) {
        b.append(e.getKey()).append('\t').append(best).append('\n');
      }
    }
    Files.writeString(WORDS, b);
    System.out.printf("%d terms written to %s%n", surfaces.size(), WORDS);
  }

  static Map<String, String> readWords(Path p) throws IOException {
    Map<String, String> out = new HashMap<>();
    for (String line : Files.readAllLines(p)) {
      int tab = line.indexOf('\t');
      out.put(line.substring(0, tab), line.substring(tab + 1));
    }
    return out;
  }

  static Map<String, float[]> readVectors(Path p) throws IOException {
    Map<String, float[]> out = new HashMap<>();
    try (DataInputStream d =
        new DataInputStream(new BufferedInputStream(Files.newInputStream(p)))) {
      int n = d.readInt();
      int dim = d.readInt();
      for (int i = 0; i < n; i++) {
        String w = d.readUTF();
        float[] v = new float[dim];
        for (int j = 0; j < dim; j++) {
          v[j] = d.readFloat();
        }
        out.put(w, v);
      }
    }
    return out;
  }

  /**
   * The term vectors after centring, reduction and quantisation (dequantised for the arithmetic, as
   * a browser would).
   */
  record WordVectors(Map<String, float[]> byTerm, int dim, int bytesPerTerm) {
    static WordVectors of(Map<String, float[]> raw, Map<String, String> surface, String variant) {
      Map<String, float[]> byTerm = new HashMap<>();
      for (var e : surface.entrySet()) {
        float[] v = raw.get(e.getValue());
        if (v != null) {
          byTerm.put(e.getKey(), v);
        }
      }
      int d0 = byTerm.values().iterator().next().length;
      double[] mean = new double[d0];
      for (float[] v : byTerm.values()) {
        for (int i = 0; i < d0; i++) {
          mean[i] += v[i];
        }
      }
      for (int i = 0; i < d0; i++) {
        mean[i] /= byTerm.size();
      }
      boolean quantise = variant.endsWith("q");
      String kind = variant.replaceAll("[0-9]+q?$", "");
      int dim = kind.equals("full") ? d0 : Integer.parseInt(variant.replaceAll("[^0-9]", ""));
      double[][] basis = null;
      if (kind.equals("pca")) {
        basis = pca(byTerm.values(), mean, dim);
      } else if (kind.equals("sif")) {
        // the common directions removed (SIF): the PCA basis without its first two components
        double[][] b = pca(byTerm.values(), mean, dim + 2);
        basis = Arrays.copyOfRange(b, 2, b.length);
      } else if (kind.equals("rp")) {
        Random r = new Random(22);
        basis = new double[dim][d0];
        for (double[] row : basis) {
          for (int i = 0; i < d0; i++) {
            row[i] = r.nextGaussian() / Math.sqrt(dim);
          }
        }
      }
      Map<String, float[]> out = new HashMap<>();
      for (var e : byTerm.entrySet()) {
        float[] v = e.getValue();
        float[] c = new float[d0];
        for (int i = 0; i < d0; i++) {
          c[i] = (float) (v[i] - mean[i]);
        }
        float[] y = c;
        if (basis != null) {
          y = new float[dim];
          for (int k = 0; k < dim; k++) {
            double s = 0;
            for (int i = 0; i < d0; i++) {
              s += basis[k][i] * c[i];
            }
            y[k] = (float) s;
          }
        }
        if (quantise) {
          y = quantised(y);
        }
        out.put(e.getKey(), y);
      }
      return new WordVectors(out, dim, quantise ? dim + 4 : dim * 4);
    }

    /** int8 with one float scale per vector (max |x| / 127), dequantised. */
    static float[] quantised(float[] y) {
      float max = 0;
      for (float x : y) {
        max = Math.max(max, Math.abs(x));
      }
      float scale = max == 0 ? 1 : max / 127f;
      float[] out = new float[y.length];
      for (int i = 0; i < y.length; i++) {
        out[i] = Math.round(y[i] / scale) * scale;
      }
      return out;
    }

    /** The top {@code k} principal directions (power iteration with deflation). */
    static double[][] pca(java.util.Collection<float[]> vs, double[] mean, int k) {
      int d = mean.length;
      double[][] cov = new double[d][d];
      for (float[] v : vs) {
        double[] c = new double[d];
        for (int i = 0; i < d; i++) {
          c[i] = v[i] - mean[i];
        }
        for (int i = 0; i < d; i++) {
          for (int j = i; j < d; j++) {
            cov[i][j] += c[i] * c[j];
          }
        }
      }
      for (int i = 0; i < d; i++) {
        for (int j = 0; j < i; j++) {
          cov[i][j] = cov[j][i];
        }
      }
      double[][] basis = new double[k][];
      Random r = new Random(22);
      for (int n = 0; n < k; n++) {
        double[] x = new double[d];
        for (int i = 0; i < d; i++) {
          x[i] = r.nextGaussian();
        }
        for (int it = 0; it < 200; it++) {
          double[] y = new double[d];
          for (int i = 0; i < d; i++) {
            double s = 0;
            for (int j = 0; j < d; j++) {
              s += cov[i][j] * x[j];
            }
            y[i] = s;
          }
          for (int m = 0; m < n; m++) {
            double dot = 0;
            for (int i = 0; i < d; i++) {
              dot += y[i] * basis[m][i];
            }
            for (int i = 0; i < d; i++) {
              y[i] -= dot * basis[m][i];
            }
          }
          double norm = Math.sqrt(Arrays.stream(y).map(a -> a * a).sum());
          for (int i = 0; i < d; i++) {
            x[i] = y[i] / norm;
          }
        }
        basis[n] = x;
      }
      return basis;
    }
  }

  /** One case: the lexical scores of every skill and the cosine of every skill. */
  record Case(
      EvalCase c,
      QueryTerms qt,
      Map<Integer, Float> lexical,
      boolean invoked,
      double[] cos,
      double[] cover) {}

  static void run(List<Source> sources, WordVectors wv, boolean oracle) throws Exception {
    // rows[betaIndex] per unit
    List<String> names = new ArrayList<>();
    List<List<List<Row>>> byBeta = new ArrayList<>();
    for (int b = 0; b < BETAS.length; b++) {
      byBeta.add(new ArrayList<>());
    }
    List<List<Double>> rankTop1 = new ArrayList<>();
    int queryWords = 0;
    int covered = 0;
    long t0 = System.nanoTime();
    long cosNanos = 0;
    int cases = 0;
    for (Source s : sources) {
      names.add(s.name());
      try (RoutingIndex index = RoutingIndex.build(s.skills())) {
        LocalSource source = new LocalSource(index);
        Background bg = index.background();
        Synonyms synonyms = new Synonyms();
        int n = index.size();
        Set<String> vocabulary = collectionTerms(index, s.skills());
        double[][] skillVec = new double[n][];
        List<List<float[]>> skillWords = new ArrayList<>();
        for (int d = 0; d < n; d++) {
          IndexedSkill k = index.skill(d);
          String text =
              String.join(
                  "\n",
                  Stream.of(List.of(k.name(), k.description()), k.phrases(), k.keywords())
                      .flatMap(List::stream)
                      .toList());
          List<String> terms = index.terms().terms(Fields.DESCRIPTION, text);
          skillVec[d] = mean(terms, wv, bg, t -> true);
          List<float[]> ws = new ArrayList<>();
          for (String t : terms) {
            float[] v = wv.byTerm().get(t);
            if (v != null) {
              ws.add(unit(v));
            }
          }
          skillWords.add(ws);
        }
        List<Case> cs = new ArrayList<>();
        for (EvalCase c : s.cases()) {
          long c0 = System.nanoTime();
          QueryTerms qt = QueryTerms.of(c.query(), index.terms(), synonyms, Fields.SEARCHED);
          java.util.function.Predicate<String> has =
              t -> oracle || vocabulary.contains(t) || bg.df(t) > 0;
          for (String t : qt.words()) {
            queryWords++;
            covered += has.test(t) && wv.byTerm().containsKey(t) ? 1 : 0;
          }
          double[] q = mean(new ArrayList<>(qt.words()), wv, bg, has);
          double[] cos = new double[n];
          double[] cover = new double[n];
          for (int d = 0; d < n; d++) {
            cos[d] = q == null || skillVec[d] == null ? 0 : dot(q, skillVec[d]);
          }
          cosNanos += System.nanoTime() - c0;
          RoutingSource.Ranked ranked = source.rank(c.query(), qt, Fields.SEARCHED, Math.max(1, n));
          Map<Integer, Float> lex = new LinkedHashMap<>();
          for (ScoreDoc sd : ranked.hits()) {
            lex.put(sd.doc, sd.score);
          }
          // semantic cover is needed only for the skills that can come first: compute lazily below
          Case k = new Case(c, qt, lex, ranked.invoked(), cos, cover);
          Arrays.fill(cover, Double.NaN);
          cs.add(k);
          cases++;
        }
        int semRight = 0;
        int lexRight = 0;
        int positives = 0;
        for (Case k : cs) {
          if (!k.c().isPositive()) {
            continue;
          }
          positives++;
          int arg = 0;
          for (int d = 1; d < n; d++) {
            arg = k.cos()[d] > k.cos()[arg] ? d : arg;
          }
          semRight += k.c().expected().contains(index.skill(arg).name()) ? 1 : 0;
          int lexTop = k.lexical().isEmpty() ? -1 : k.lexical().keySet().iterator().next();
          lexRight += lexTop >= 0 && k.c().expected().contains(index.skill(lexTop).name()) ? 1 : 0;
        }
        if (n > 1) {
          System.out.printf(
              Locale.ROOT,
              "ranking top-1 of %s (%d skills): cosine alone %.3f, BM25 %.3f%n",
              s.name(),
              n,
              (double) semRight / Math.max(1, positives),
              (double) lexRight / Math.max(1, positives));
        }
        for (int b = 0; b < BETAS.length; b++) {
          List<Row> rows = new ArrayList<>();
          for (Case k : cs) {
            rows.add(row(s.name(), index, source, bg, wv, skillWords, k, BETAS[b], oracle));
          }
          byBeta.get(b).add(rows);
        }
      }
    }
    System.out.printf(
        Locale.ROOT,
        "%d cases; query words with a vector %d / %d (%.3f); query vector + every skill's cosine"
            + " %.3f ms a case (JVM, warm); whole pass %.1f s%n",
        cases,
        covered,
        queryWords,
        (double) covered / queryWords,
        cosNanos / 1e6 / cases,
        (System.nanoTime() - t0) / 1e9);
    int changed = 0;
    for (int u = 0; u < names.size(); u++) {
      for (int i = 0; i < byBeta.get(0).get(u).size(); i++) {
        Row a = byBeta.get(0).get(u).get(i);
        Row z = byBeta.get(1).get(u).get(i);
        if (a.rankedRight() != z.rankedRight()
            || a.firingFails() != z.firingFails()
            || a.silent() != z.silent()) {
          changed++;
          System.out.printf(
              Locale.ROOT,
              "changed at β %.2f: %s %s right %b→%b fails %b→%b silent %b→%b: %s%n",
              BETAS[1],
              names.get(u),
              a.positive() ? "+" : "−",
              a.rankedRight(),
              z.rankedRight(),
              a.firingFails(),
              z.firingFails(),
              a.silent(),
              z.silent(),
              a.query().substring(0, Math.min(90, a.query().length())).replace('\n', ' '));
        }
      }
    }
    System.out.println("cases whose top skill changed at the smallest β: " + changed);
    auc(sources, byBeta.get(0));
    if (!Boolean.getBoolean("semantic.diffOnly")) {
      report(sources, names, byBeta);
    }
  }

  /** Every term the collection's index holds (name, description, body: analysed as indexed). */
  static Set<String> collectionTerms(RoutingIndex index, List<Skill> skills) {
    Set<String> out = new HashSet<>();
    for (Skill k : skills) {
      out.addAll(
          index
              .terms()
              .terms(Fields.DESCRIPTION, k.name() + "\n" + k.description() + "\n" + k.body()));
    }
    return out;
  }

  static float[] unit(float[] v) {
    double n = 0;
    for (float x : v) {
      n += x * x;
    }
    float[] out = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = (float) (v[i] / Math.sqrt(n));
    }
    return out;
  }

  /** The idf-weighted mean of the terms' unit vectors, normalised; null when none has a vector. */
  static double[] mean(
      List<String> terms, WordVectors wv, Background bg, java.util.function.Predicate<String> has) {
    double[] s = new double[wv.dim()];
    boolean any = false;
    for (String t : terms) {
      float[] v = wv.byTerm().get(t);
      if (v == null || !has.test(t)) {
        continue;
      }
      float[] u = unit(v);
      double w = bg.idf(t);
      for (int i = 0; i < s.length; i++) {
        s[i] += w * u[i];
      }
      any = true;
    }
    if (!any) {
      return null;
    }
    double n = Math.sqrt(Arrays.stream(s).map(x -> x * x).sum());
    if (n == 0) {
      return null;
    }
    for (int i = 0; i < s.length; i++) {
      s[i] /= n;
    }
    return s;
  }

  static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  /**
   * The idf-weighted share of the request's words the skill explains semantically: each word's best
   * cosine with one of the skill's words (floored at 0).
   */
  static double cover(
      Case k, int doc, WordVectors wv, Background bg, List<List<float[]>> skillWords) {
    if (!Double.isNaN(k.cover()[doc])) {
      return k.cover()[doc];
    }
    double total = 0;
    double got = 0;
    for (String t : k.qt().words()) {
      double w = bg.idf(t);
      total += w;
      float[] v = wv.byTerm().get(t);
      if (v == null) {
        continue;
      }
      float[] u = unit(v);
      double best = 0;
      for (float[] s : skillWords.get(doc)) {
        double d = 0;
        for (int i = 0; i < u.length; i++) {
          d += u[i] * s[i];
        }
        best = Math.max(best, d);
      }
      got += w * best;
    }
    k.cover()[doc] = total == 0 ? 0 : got / total;
    return k.cover()[doc];
  }

  static Row row(
      String unit,
      RoutingIndex index,
      LocalSource source,
      Background bg,
      WordVectors wv,
      List<List<float[]>> skillWords,
      Case k,
      double beta,
      boolean oracle) {
    int n = index.size();
    float lexMax = k.lexical().values().stream().max(Float::compare).orElse(0f);
    Integer[] order = new Integer[n];
    double[] blend = new double[n];
    for (int d = 0; d < n; d++) {
      order[d] = d;
      float l = k.lexical().getOrDefault(d, 0f);
      blend[d] = (lexMax > 0 ? l / lexMax : 0) + beta * Math.max(0, k.cos()[d]);
    }
    List<Integer> docs;
    if (k.invoked() || beta == 0) {
      docs = new ArrayList<>(k.lexical().keySet());
    } else {
      Arrays.sort(
          order, Comparator.comparingDouble((Integer d) -> -blend[d]).thenComparing(d -> d));
      docs = Arrays.stream(order).filter(d -> blend[d] > 0).toList();
    }
    docs = docs.subList(0, Math.min(docs.size(), Math.max(Router.MIN_RANKED, 10)));
    EvalCase c = k.c();
    if (docs.isEmpty()) {
      return new Row(
          unit,
          c.query(),
          c.isPositive(),
          false,
          false,
          new double[7 + SEM.size()],
          0,
          0,
          false,
          true);
    }
    ScoreDoc[] sd = new ScoreDoc[docs.size()];
    for (int i = 0; i < sd.length; i++) {
      sd[i] = new ScoreDoc(docs.get(i), k.lexical().getOrDefault(docs.get(i), 0f));
    }
    HitTerms ht = new HitTerms(index, docs.stream().mapToInt(Integer::intValue).toArray());
    Confidence.Features f =
        k.lexical().isEmpty()
            ? Confidence.Features.NONE
            : index.confidence().features(source, ht, k.qt(), sd);
    int top = docs.get(0);
    String topName = index.skill(top).name();
    double best = k.cos()[top];
    double other = -1;
    for (int d = 0; d < n; d++) {
      if (d != top) {
        other = Math.max(other, k.cos()[d]);
      }
    }
    double margin = n == 1 ? 0 : best - other;
    double[] x = {
      f.matched(),
      f.known(),
      f.explained(),
      f.margin(),
      f.bgKnown(),
      f.bgExplained(),
      f.rarestMissing(),
      best,
      margin,
      cover(k, top, wv, bg, skillWords)
    };
    boolean silent = k.qt().words().isEmpty();
    return new Row(
        unit,
        c.query(),
        c.isPositive(),
        c.isPositive() && c.expected().contains(topName),
        !c.isPositive() && c.scope().map(topName::equals).orElse(true),
        x,
        -Confidence.W_EXCLUDED * f.excluded(),
        k.lexical().isEmpty() ? 1 : f.evidenceCap(),
        k.invoked(),
        silent);
  }

  static List<Row> columns(List<Row> rows, int[] cols) {
    List<Row> out = new ArrayList<>();
    for (Row r : rows) {
      double[] x = new double[cols.length];
      for (int i = 0; i < cols.length; i++) {
        x[i] = r.x()[cols[i]];
      }
      out.add(
          new Row(
              r.unit(),
              r.query(),
              r.positive(),
              r.rankedRight(),
              r.firingFails(),
              x,
              r.offset(),
              r.cap(),
              r.invoked(),
              r.silent()));
    }
    return out;
  }

  /** Feature sets measured: the shipped seven, then each semantic feature added, then all three. */
  static final Map<String, int[]> FEATURE_SETS =
      new LinkedHashMap<>(
          Map.of(
              "lexical (shipped 7)", new int[] {0, 1, 2, 3, 4, 5, 6},
              "+semTop", new int[] {0, 1, 2, 3, 4, 5, 6, 7},
              "+semMargin", new int[] {0, 1, 2, 3, 4, 5, 6, 8},
              "+semCover", new int[] {0, 1, 2, 3, 4, 5, 6, 9},
              "+all three", new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}));

  static void report(List<Source> sources, List<String> names, List<List<List<Row>>> byBeta) {
    List<String> order =
        List.of("lexical (shipped 7)", "+semTop", "+semMargin", "+semCover", "+all three");
    System.out.println(
        "| features | retrieval | all 47, in-sample | all 47, out-of-sample | en | zh | ko | it |"
            + " elixir top-1 / FT (OOS) | anthropic | large |");
    System.out.println("|---|---|---|---|---|---|---|---|---|---|---|");
    for (String fsName : order) {
      int[] cols = FEATURE_SETS.get(fsName);
      // per beta: rows, the in-sample fit, the leave-one-out scores
      List<List<Score>> oosByBeta = new ArrayList<>();
      List<List<Score>> inByBeta = new ArrayList<>();
      for (int b = 0; b < BETAS.length; b++) {
        List<Row> all = new ArrayList<>();
        for (List<Row> u : byBeta.get(b)) {
          all.addAll(columns(u, cols));
        }
        oosByBeta.add(Calibration.leaveOneOut(all, names, LeaveOneSetOutBench.LAMBDA));
        Model in = Calibration.fitModel(all, LeaveOneSetOutBench.LAMBDA);
        List<Score> ins = new ArrayList<>();
        for (List<Row> u : byBeta.get(b)) {
          ins.add(Calibration.score(in, columns(u, cols)));
        }
        inByBeta.add(ins);
      }
      // lexical retrieval (β = 0)
      line(fsName, "BM25 (β = 0)", sources, inByBeta.get(0), oosByBeta.get(0));
      if (cols.length == 7) {
        // retrieval blend, β chosen per fold by the training units' mean positive top-1
        List<Score> oos = new ArrayList<>();
        List<Score> in = new ArrayList<>();
        StringBuilder chosen = new StringBuilder();
        int bestAll = bestBeta(byBeta, -1);
        for (int i = 0; i < names.size(); i++) {
          int b = bestBeta(byBeta, i);
          chosen.append(BETAS[b]).append(' ');
          oos.add(oosByBeta.get(b).get(i));
          in.add(inByBeta.get(bestAll).get(i));
        }
        line(fsName, "blend, β LOSO by top-1", sources, in, oos);
        System.out.println("β chosen per fold: " + chosen + "; on all units: " + BETAS[bestAll]);
      }
      // blend + the semantic confidence features: β chosen per fold by the fitted pass rate of the
      // training units (the leave-one-out scores of the other units are out of sample for them)
      if (cols.length > 7) {
        List<Score> oos = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
          int b = bestBeta(byBeta, i);
          oos.add(oosByBeta.get(b).get(i));
        }
        int bestAll = bestBeta(byBeta, -1);
        line(fsName, "blend, β LOSO by top-1", sources, inByBeta.get(bestAll), oos);
      }
    }
    // per-β ranking figures (positives ranked right), for the record
    StringBuilder b = new StringBuilder("ranking only, share of positives ranked first, per β:");
    for (int i = 0; i < BETAS.length; i++) {
      b.append(String.format(Locale.ROOT, " %.2f→%.3f", BETAS[i], meanTop1(byBeta.get(i), -1)));
    }
    System.out.println(b);
    for (int i = 0; i < BETAS.length; i++) {
      StringBuilder d =
          new StringBuilder(String.format(Locale.ROOT, "β %.2f ranking top-1:", BETAS[i]));
      for (int u = 0; u < names.size(); u++) {
        if (sources.get(u).dev()) {
          List<Row> rows = byBeta.get(i).get(u);
          long pos = rows.stream().filter(Row::positive).count();
          long right = rows.stream().filter(Row::rankedRight).count();
          d.append(String.format(Locale.ROOT, " %s %.3f", names.get(u), (double) right / pos));
        }
      }
      System.out.println(d);
    }
  }

  /**
   * How well each signal alone tells a positive ranked right from a negative that would fail if it
   * fired (rows with a lexical hit, β = 0): the AUC pooled over the 47 sets, and the mean of the
   * sets' own AUCs (sets with both kinds), beside the shipped lexical z.
   */
  static void auc(List<Source> sources, List<List<Row>> units) {
    Model shipped = LeaveOneSetOutBench.shipped();
    String[] label = {"shipped lexical z", "semTop", "semMargin", "semCover"};
    for (int f = 0; f < label.length; f++) {
      List<double[]> pooled = new ArrayList<>();
      double sum = 0;
      int sets = 0;
      for (int u = 0; u < units.size(); u++) {
        if (sources.get(u).dev()) {
          continue;
        }
        List<double[]> own = new ArrayList<>();
        for (Row r : units.get(u)) {
          if (r.silent() || r.invoked() || (r.positive() ? !r.rankedRight() : !r.firingFails())) {
            continue;
          }
          double v;
          if (f == 0) {
            Row seven = columns(List.of(r), new int[] {0, 1, 2, 3, 4, 5, 6}).get(0);
            v = shipped.confidence(seven);
          } else {
            v = r.x()[6 + f];
          }
          own.add(new double[] {v, r.positive() ? 1 : 0});
        }
        pooled.addAll(own);
        double a = aucOf(own);
        if (!Double.isNaN(a)) {
          sum += a;
          sets++;
        }
      }
      System.out.printf(
          Locale.ROOT,
          "AUC %-18s pooled %.3f, mean of %d sets %.3f%n",
          label[f],
          aucOf(pooled),
          sets,
          sum / sets);
    }
  }

  static double aucOf(List<double[]> xs) {
    long pos = xs.stream().filter(x -> x[1] == 1).count();
    long neg = xs.size() - pos;
    if (pos == 0 || neg == 0) {
      return Double.NaN;
    }
    double s = 0;
    for (double[] p : xs) {
      if (p[1] != 1) {
        continue;
      }
      for (double[] n : xs) {
        if (n[1] == 1) {
          continue;
        }
        s += p[0] > n[0] ? 1 : p[0] == n[0] ? 0.5 : 0;
      }
    }
    return s / (pos * neg);
  }

  static int bestBeta(List<List<List<Row>>> byBeta, int leftOut) {
    int best = 0;
    double bestV = -1;
    for (int b = 0; b < BETAS.length; b++) {
      double v = meanTop1(byBeta.get(b), leftOut);
      if (v > bestV + 1e-9) {
        bestV = v;
        best = b;
      }
    }
    return best;
  }

  /** Mean over units (but {@code leftOut}) of the share of positives ranked first. */
  static double meanTop1(List<List<Row>> units, int leftOut) {
    double s = 0;
    int n = 0;
    for (int u = 0; u < units.size(); u++) {
      if (u == leftOut) {
        continue;
      }
      List<Row> rows = units.get(u);
      long pos = rows.stream().filter(Row::positive).count();
      if (pos == 0) {
        continue;
      }
      s += (double) rows.stream().filter(Row::rankedRight).count() / pos;
      n++;
    }
    return s / n;
  }

  static void line(
      String fs, String retrieval, List<Source> sources, List<Score> in, List<Score> oos) {
    Score allIn = Score.ZERO;
    Score allOut = Score.ZERO;
    Map<String, Score> lang = new LinkedHashMap<>();
    for (String l : List.of("en", "zh", "ko", "it")) {
      lang.put(l, Score.ZERO);
    }
    StringBuilder dev = new StringBuilder();
    for (int i = 0; i < sources.size(); i++) {
      Source s = sources.get(i);
      if (s.dev()) {
        dev.append(
            String.format(
                Locale.ROOT,
                " %.3f / %.2f |",
                oos.get(i).top1Rate(),
                oos.get(i).falseTriggerRate()));
        continue;
      }
      allIn = allIn.plus(in.get(i));
      allOut = allOut.plus(oos.get(i));
      lang.merge(s.language(), oos.get(i), Score::plus);
    }
    StringBuilder l = new StringBuilder();
    lang.forEach((k, v) -> l.append(String.format(Locale.ROOT, " %.3f |", v.passRate())));
    System.out.printf(
        Locale.ROOT,
        "| %s | %s | %.3f | **%.3f** |%s%s%n",
        fs,
        retrieval,
        allIn.passRate(),
        allOut.passRate(),
        l,
        dev);
  }
}
