package io.tierwise.clv;

import static org.apache.commons.numbers.gamma.LogGamma.value;

import org.apache.commons.numbers.gamma.Digamma;

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
            (parameters, gradient) -> logLikelihood(stats, parameters, gradient),
            stats.customers(),
            stats.purchaseRows());
    double[] p = outcome.parameters();
    return new ModelFit<>(
        ModelKind.BG_NBD, new BgNbdModel(p[0], p[1], p[2], p[3]), outcome.diagnostics());
  }

  /** Total log-likelihood of all customers at (r, α, a, b). */
  static double logLikelihood(CompressedStats stats, double[] parameters) {
    return logLikelihood(stats, parameters, new double[4]);
  }

  /**
   * Total log-likelihood at (r, α, a, b), with its gradient in {@code gradient}: each term
   * differentiated where it is computed. A row with x &gt; 0 is log(e^alive + e^dropped); its
   * derivative weighs the two terms' derivatives by their shares of the sum, which the same exp
   * gives, so the gradient costs one division a row more.
   */
  static double logLikelihood(CompressedStats stats, double[] parameters, double[] gradient) {
    double r = parameters[0];
    double alpha = parameters[1];
    double a = parameters[2];
    double b = parameters[3];
    int[] distinctX = stats.distinctRepeatPurchasesView();
    int maxX = distinctX[distinctX.length - 1];
    double[] head = new double[maxX + 1];
    double[] headR = new double[maxX + 1];
    double[] headA = new double[maxX + 1];
    double[] headB = new double[maxX + 1];
    double[] dropRatio = new double[maxX + 1];
    double[] inverseB = new double[maxX + 1];
    double common = -value(r) + r * Math.log(alpha) + value(a + b) - value(b);
    double commonR = -Digamma.value(r) + Math.log(alpha);
    double digammaAb = Digamma.value(a + b);
    double digammaB = Digamma.value(b);
    double logA = Math.log(a);
    for (int x : distinctX) {
      double digammaAbx = Digamma.value(a + b + x);
      head[x] = common + value(r + x) + value(b + x) - value(a + b + x);
      headR[x] = commonR + Digamma.value(r + x);
      headA[x] = digammaAb - digammaAbx;
      headB[x] = digammaAb - digammaB + Digamma.value(b + x) - digammaAbx;
      dropRatio[x] = x == 0 ? 0 : logA - Math.log(b + x - 1);
      inverseB[x] = x == 0 ? 0 : 1 / (b + x - 1);
    }
    double[] times = stats.distinctTimesView();
    double[] logAlphaPlus = new double[times.length];
    double[] inverseAlphaPlus = new double[times.length];
    for (int i = 0; i < times.length; i++) {
      logAlphaPlus[i] = Math.log(alpha + times[i]);
      inverseAlphaPlus[i] = 1 / (alpha + times[i]);
    }
    double rOverAlpha = r / alpha;
    double inverseA = 1 / a;
    int[] xs = stats.repeatPurchasesView();
    long[] weights = stats.weightView();
    int[] recencyIndex = stats.recencyIndexView();
    int[] ageIndex = stats.ageIndexView();
    double[] sums =
        ParallelSum.over(
            xs.length,
            5,
            (from, to, total) -> {
              for (int row = from; row < to; row++) {
                int x = xs[row];
                double weight = weights[row];
                double rx = r + x;
                double logAge = logAlphaPlus[ageIndex[row]];
                double alive = -rx * logAge;
                if (x == 0) {
                  total[0] += weight * (head[0] + alive);
                  total[1] += weight * (headR[0] - logAge);
                  total[2] += weight * (rOverAlpha - rx * inverseAlphaPlus[ageIndex[row]]);
                  continue; // a and b do not enter a row without repeat purchases
                }
                double logRecency = logAlphaPlus[recencyIndex[row]];
                double dropped = dropRatio[x] - rx * logRecency;
                double max = Math.max(alive, dropped);
                double exp = Math.exp(Math.min(alive, dropped) - max);
                double sum = 1 + exp;
                double shareOfMin = exp / sum;
                double aliveShare = alive >= dropped ? 1 - shareOfMin : shareOfMin;
                double droppedShare = 1 - aliveShare;
                total[0] += weight * (head[x] + max + Math.log(sum));
                total[1] += weight * (headR[x] - aliveShare * logAge - droppedShare * logRecency);
                total[2] +=
                    weight
                        * (rOverAlpha
                            - rx
                                * (aliveShare * inverseAlphaPlus[ageIndex[row]]
                                    + droppedShare * inverseAlphaPlus[recencyIndex[row]]));
                total[3] += weight * (headA[x] + droppedShare * inverseA);
                total[4] += weight * (headB[x] - droppedShare * inverseB[x]);
              }
            });
    System.arraycopy(sums, 1, gradient, 0, 4);
    return sums[0];
  }
}
