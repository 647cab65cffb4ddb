package io.tierwise.clv;

/**
 * Fits {@link ParetoNbdModel} by maximum likelihood over compressed statistics. Stateless and
 * thread-safe. Each distinct row costs two short hypergeometric series per evaluation, so this is
 * slower than {@link BgNbdTrainer} on data with many distinct rows.
 */
public final class ParetoNbdTrainer {

  public ModelFit<ParetoNbdModel> fit(CompressedStats stats) {
    PurchaseData.requireFittable(stats, ModelKind.PARETO_NBD);
    double meanX = PurchaseData.meanRepeatPurchases(stats);
    double meanAge = PurchaseData.meanAge(stats);
    double[] start = {1, meanAge / (2 * meanX + 1e-9), 1, meanAge};
    var outcome =
        MaximumLikelihood.maximise(
            ModelKind.PARETO_NBD.parameterNames(),
            start,
            parameters -> logLikelihood(stats, parameters),
            stats.customers(),
            stats.purchaseRows());
    double[] p = outcome.parameters();
    return new ModelFit<>(
        ModelKind.PARETO_NBD, new ParetoNbdModel(p[0], p[1], p[2], p[3]), outcome.diagnostics());
  }

  /** Total log-likelihood of all customers at (r, α, s, β). */
  static double logLikelihood(CompressedStats stats, double[] parameters) {
    var model = new ParetoNbdModel(parameters[0], parameters[1], parameters[2], parameters[3]);
    int[] distinctX = stats.distinctRepeatPurchasesView();
    double[] head = new double[distinctX[distinctX.length - 1] + 1];
    for (int x : distinctX) {
      head[x] = model.logHead(x);
    }
    double total = 0;
    for (int row = 0; row < stats.purchaseRows(); row++) {
      int x = stats.repeatPurchases(row);
      total +=
          stats.weight(row) * (head[x] + model.logBracket(x, stats.recency(row), stats.age(row)));
    }
    return total;
  }
}
