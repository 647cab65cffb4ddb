package io.tierwise.churn;

/**
 * The fitted learner inside a {@link ChurnModel}: raw log-odds and their split into per-feature
 * contributions. Implementations are immutable and thread-safe.
 */
sealed interface ChurnScorer permits LogisticScorer, BoostedTreesScorer {

  /** Uncalibrated log-odds of churn, one per row of encoded features. */
  double[] logOdds(double[][] features);

  /**
   * Per-feature additive contributions to the log-odds, one array per row; the array has one entry
   * per feature plus a last entry for the bias, and sums to {@link #logOdds}.
   */
  double[][] contributions(double[][] features);
}
