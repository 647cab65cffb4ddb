package io.tierwise.churn;

/**
 * Counts at the alert threshold: a customer is flagged when its probability is at least the
 * threshold.
 */
public record ConfusionMatrix(
    int truePositives, int falsePositives, int trueNegatives, int falseNegatives) {

  /** Share of flagged customers who churned; 0 when nobody is flagged. */
  public double precision() {
    int flagged = truePositives + falsePositives;
    return flagged == 0 ? 0.0 : (double) truePositives / flagged;
  }

  /** Share of churners who were flagged; 0 when there is no churner. */
  public double recall() {
    int churners = truePositives + falseNegatives;
    return churners == 0 ? 0.0 : (double) truePositives / churners;
  }

  public double f1() {
    int denominator = 2 * truePositives + falsePositives + falseNegatives;
    return denominator == 0 ? 0.0 : 2.0 * truePositives / denominator;
  }
}
