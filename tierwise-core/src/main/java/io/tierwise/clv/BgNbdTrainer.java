package io.tierwise.clv;

import static org.apache.commons.numbers.gamma.LogGamma.value;

/**
 * Fits {@link BgNbdModel} by maximum likelihood over compressed statistics. Stateless and
 * thread-safe.
 *
 * <p>The likelihood loop computes the terms that depend only on x once per distinct x and log(α +
 * t) once per distinct time, so one evaluation costs one exp and one log1p per distinct row.
 */
public final class BgNbdTrainer {

  public ModelFit<BgNbdModel> fit(CompressedStats stats) {
    PurchaseData.requireFittable(stats, ModelKind.BG_NBD);
    double meanX = PurchaseData.meanRepeatPurchases(stats);
    double meanAge = PurchaseData.meanAge(stats);
    // Start near the moments: r/α ≈ purchase rate of the active, a/(a+b) ≈ small dropout.
    double[] start = {1, 1 * meanAge / (2 * meanX + 1e-9), 1, 3};
    var outcome =
        MaximumLikelihood.maximise(
            ModelKind.BG_NBD.parameterNames(),
            start,
            parameters -> logLikelihood(stats, parameters),
            stats.customers(),
            stats.purchaseRows());
    double[] p = outcome.parameters();
    return new ModelFit<>(
        ModelKind.BG_NBD, new BgNbdModel(p[0], p[1], p[2], p[3]), outcome.diagnostics());
  }

  /** Total log-likelihood of all customers at (r, α, a, b). */
  static double logLikelihood(CompressedStats stats, double[] parameters) {
    double r = parameters[0];
    double alpha = parameters[1];
    double a = parameters[2];
    double b = parameters[3];
    int[] distinctX = stats.distinctRepeatPurchasesView();
    int maxX = distinctX[distinctX.length - 1];
    double[] head = new double[maxX + 1];
    double[] dropRatio = new double[maxX + 1];
    double common = -value(r) + r * Math.log(alpha) + value(a + b) - value(b);
    double logA = Math.log(a);
    for (int x : distinctX) {
      head[x] = common + value(r + x) + value(b + x) - value(a + b + x);
      dropRatio[x] = x == 0 ? 0 : logA - Math.log(b + x - 1);
    }
    double[] times = stats.distinctTimesView();
    double[] logAlphaPlus = new double[times.length];
    for (int i = 0; i < times.length; i++) {
      logAlphaPlus[i] = Math.log(alpha + times[i]);
    }
    int[] xs = stats.repeatPurchasesView();
    long[] weights = stats.weightView();
    int[] recencyIndex = stats.recencyIndexView();
    int[] ageIndex = stats.ageIndexView();
    return ParallelSum.over(
        xs.length,
        (from, to) -> {
          double total = 0;
          for (int row = from; row < to; row++) {
            int x = xs[row];
            double alive = -(r + x) * logAlphaPlus[ageIndex[row]];
            double rowLogLikelihood;
            if (x == 0) {
              rowLogLikelihood = head[x] + alive;
            } else {
              double dropped = dropRatio[x] - (r + x) * logAlphaPlus[recencyIndex[row]];
              // log-sum-exp with Math.log (an intrinsic) rather than the slower Math.log1p
              double max = Math.max(alive, dropped);
              rowLogLikelihood =
                  head[x] + max + Math.log(1 + Math.exp(Math.min(alive, dropped) - max));
            }
            total += weights[row] * rowLogLikelihood;
          }
          return total;
        });
  }
}
