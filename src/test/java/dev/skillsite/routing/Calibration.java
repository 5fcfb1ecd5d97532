package dev.skillsite.routing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

/**
 * The arithmetic of fitting and scoring the confidence constants on recorded routing outcomes, for
 * the leave-one-set-out harness ({@link LeaveOneSetOutBench}): each case is routed once and its
 * confidence features kept, so that weights and a threshold can be fitted on some sets and scored
 * on another without routing again.
 */
final class Calibration {
  private Calibration() {}

  /**
   * One routed case.
   *
   * @param unit the set it belongs to
   * @param query the request
   * @param positive whether a skill should fire
   * @param rankedRight for a positive: an expected skill came first
   * @param firingFails for a negative: firing the top skill would be a false trigger (no scope, or
   *     the top skill is the one it is about)
   * @param x the features z is a weighted sum of (the bias not included)
   * @param offset the fixed part of z (the hand-set "Not for" veto)
   * @param cap the evidence cap on confidence
   * @param invoked the skill was called by name: fires whatever the weights say
   * @param silent nothing to fire (no hit, or no query word)
   */
  record Row(
      String unit,
      String query,
      boolean positive,
      boolean rankedRight,
      boolean firingFails,
      double[] x,
      double offset,
      double cap,
      boolean invoked,
      boolean silent) {}

  /** Weights (one per feature) and a bias, and the threshold confidence must reach. */
  record Model(double[] w, double bias, double threshold) {
    double confidence(Row r) {
      if (r.invoked()) {
        return 1;
      }
      if (r.silent()) {
        return 0;
      }
      double z = bias + r.offset();
      for (int i = 0; i < w.length; i++) {
        z += w[i] * r.x()[i];
      }
      return Math.min(sigmoid(z), r.cap());
    }

    boolean fires(Row r) {
      return !r.silent() && confidence(r) >= threshold;
    }

    boolean passes(Row r) {
      return r.positive() ? r.rankedRight() && fires(r) : !(r.firingFails() && fires(r));
    }

    Model withThreshold(double t) {
      return new Model(w, bias, t);
    }
  }

  /** Pass count, and the top-1 hits and false triggers behind it. */
  record Score(int queries, int passed, int positives, int top1, int negatives, int falseTriggers) {
    double passRate() {
      return queries == 0 ? 0 : (double) passed / queries;
    }

    double top1Rate() {
      return positives == 0 ? 0 : (double) top1 / positives;
    }

    double falseTriggerRate() {
      return negatives == 0 ? 0 : (double) falseTriggers / negatives;
    }

    Score plus(Score o) {
      return new Score(
          queries + o.queries,
          passed + o.passed,
          positives + o.positives,
          top1 + o.top1,
          negatives + o.negatives,
          falseTriggers + o.falseTriggers);
    }

    static final Score ZERO = new Score(0, 0, 0, 0, 0, 0);
  }

  static double sigmoid(double z) {
    return 1 / (1 + Math.exp(-z));
  }

  static Score score(Model m, List<Row> rows) {
    int passed = 0;
    int pos = 0;
    int top1 = 0;
    int neg = 0;
    int ft = 0;
    for (Row r : rows) {
      boolean p = m.passes(r);
      passed += p ? 1 : 0;
      if (r.positive()) {
        pos++;
        top1 += p ? 1 : 0;
      } else {
        neg++;
        ft += p ? 0 : 1;
      }
    }
    return new Score(rows.size(), passed, pos, top1, neg, ft);
  }

  /**
   * Logistic regression (Newton's method, L2 {@code lambda} on the weights, not the bias) on the
   * rows whose outcome the confidence decides: positives ranked right (fire: 1) and negatives on
   * which firing fails (0); called-by-name and silent rows are left out. Each unit weighs the same,
   * and within it each class half.
   */
  static double[] fit(List<Row> rows, double lambda) {
    List<Row> used =
        rows.stream()
            .filter(
                r ->
                    !r.invoked()
                        && !r.silent()
                        && (r.positive() ? r.rankedRight() : r.firingFails()))
            .toList();
    if (used.isEmpty()) {
      throw new IllegalArgumentException("nothing to fit on");
    }
    int k = used.get(0).x().length + 1;
    java.util.Map<String, int[]> counts = new java.util.HashMap<>();
    for (Row r : used) {
      counts.computeIfAbsent(r.unit(), u -> new int[2])[r.positive() ? 1 : 0]++;
    }
    double[] weight = new double[used.size()];
    for (int i = 0; i < used.size(); i++) {
      int[] c = counts.get(used.get(i).unit());
      int classes = (c[0] > 0 ? 1 : 0) + (c[1] > 0 ? 1 : 0);
      weight[i] = 1.0 / classes / c[used.get(i).positive() ? 1 : 0];
    }
    double[] beta = new double[k];
    for (int iter = 0; iter < 50; iter++) {
      double[] grad = new double[k];
      double[][] hess = new double[k][k];
      for (int i = 0; i < used.size(); i++) {
        Row r = used.get(i);
        double[] v = withBias(r.x());
        double z = r.offset();
        for (int j = 0; j < k; j++) {
          z += beta[j] * v[j];
        }
        double p = sigmoid(z);
        double y = r.positive() ? 1 : 0;
        for (int a = 0; a < k; a++) {
          grad[a] += weight[i] * (p - y) * v[a];
          for (int b = 0; b < k; b++) {
            hess[a][b] += weight[i] * p * (1 - p) * v[a] * v[b];
          }
        }
      }
      for (int a = 1; a < k; a++) {
        grad[a] += lambda * beta[a];
        hess[a][a] += lambda;
      }
      hess[0][0] += 1e-9;
      double[] step = solve(hess, grad);
      double size = 0;
      for (int a = 0; a < k; a++) {
        beta[a] -= step[a];
        size = Math.max(size, Math.abs(step[a]));
      }
      if (size < 1e-9) {
        break;
      }
    }
    return beta;
  }

  /**
   * The fitted model with the threshold that maximises the mean pass rate of the units in {@code
   * rows}.
   */
  static Model fitModel(List<Row> rows, double lambda) {
    return fitModel(rows, lambda, false);
  }

  /**
   * As {@link #fitModel(List, double)}; {@code pooled}: the threshold with the best pass rate over
   * all rows.
   */
  static Model fitModel(List<Row> rows, double lambda, boolean pooled) {
    double[] beta = fit(rows, lambda);
    Model m = new Model(Arrays.copyOfRange(beta, 1, beta.length), beta[0], 0.5);
    return m.withThreshold(pooled ? bestPooledThreshold(m, rows) : bestThreshold(m, rows));
  }

  /** The threshold (0.05 to 0.95, step 0.01) with the highest pass rate over all rows together. */
  static double bestPooledThreshold(Model m, List<Row> rows) {
    double best = 0.5;
    double bestRate = -1;
    for (int i = 5; i <= 95; i++) {
      double t = i / 100.0;
      double rate = score(m.withThreshold(t), rows).passRate();
      if (rate > bestRate + 1e-12
          || (Math.abs(rate - bestRate) <= 1e-12 && Math.abs(t - 0.5) < Math.abs(best - 0.5))) {
        bestRate = rate;
        best = t;
      }
    }
    return best;
  }

  /**
   * The threshold (0.05 to 0.95, step 0.01) with the highest mean pass rate over the units of
   * {@code rows}, each unit counting the same; of equal ones the closest to 0.5.
   */
  static double bestThreshold(Model m, List<Row> rows) {
    List<String> units = rows.stream().map(Row::unit).distinct().toList();
    double best = 0.5;
    double bestRate = -1;
    for (int i = 5; i <= 95; i++) {
      double t = i / 100.0;
      Model mt = m.withThreshold(t);
      double sum = 0;
      for (String u : units) {
        sum += score(mt, rows.stream().filter(r -> r.unit().equals(u)).toList()).passRate();
      }
      double rate = sum / units.size();
      if (rate > bestRate + 1e-12
          || (Math.abs(rate - bestRate) <= 1e-12 && Math.abs(t - 0.5) < Math.abs(best - 0.5))) {
        bestRate = rate;
        best = t;
      }
    }
    return best;
  }

  /** Each unit scored by a model fitted without it. */
  static List<Score> leaveOneOut(List<Row> rows, List<String> units, double lambda) {
    return leaveOneOut(rows, units, lambda, false);
  }

  static List<Score> leaveOneOut(
      List<Row> rows, List<String> units, double lambda, boolean pooled) {
    List<Score> out = new ArrayList<>();
    for (String u : units) {
      Predicate<Row> in = r -> r.unit().equals(u);
      Model m = fitModel(rows.stream().filter(in.negate()).toList(), lambda, pooled);
      out.add(score(m, rows.stream().filter(in).toList()));
    }
    return out;
  }

  private static double[] withBias(double[] x) {
    double[] v = new double[x.length + 1];
    v[0] = 1;
    System.arraycopy(x, 0, v, 1, x.length);
    return v;
  }

  /** Solves a·x = b by Gaussian elimination with partial pivoting. */
  static double[] solve(double[][] a, double[] b) {
    int n = b.length;
    double[][] m = new double[n][];
    for (int i = 0; i < n; i++) {
      m[i] = Arrays.copyOf(a[i], n + 1);
      m[i][n] = b[i];
    }
    for (int c = 0; c < n; c++) {
      int p = c;
      for (int r = c + 1; r < n; r++) {
        if (Math.abs(m[r][c]) > Math.abs(m[p][c])) {
          p = r;
        }
      }
      double[] tmp = m[c];
      m[c] = m[p];
      m[p] = tmp;
      if (Math.abs(m[c][c]) < 1e-15) {
        continue;
      }
      for (int r = c + 1; r < n; r++) {
        double f = m[r][c] / m[c][c];
        for (int j = c; j <= n; j++) {
          m[r][j] -= f * m[c][j];
        }
      }
    }
    double[] x = new double[n];
    for (int i = n - 1; i >= 0; i--) {
      double s = m[i][n];
      for (int j = i + 1; j < n; j++) {
        s -= m[i][j] * x[j];
      }
      x[i] = Math.abs(m[i][i]) < 1e-15 ? 0 : s / m[i][i];
    }
    return x;
  }
}
