package io.tierwise.churn;

/**
 * Platt scaling: {@code probability = 1 / (1 + exp(-(slope * logOdds + offset)))}, fitted on the
 * validation split so that predicted probabilities match observed churn rates.
 *
 * @param slope multiplies the model's raw log-odds
 * @param offset added after
 */
public record PlattScaling(double slope, double offset) {

  public double apply(double logOdds) {
    return LogisticScorer.sigmoid(slope * logOdds + offset);
  }

  /**
   * Fits by Newton's method on the log-loss with Platt's smoothed targets ({@code (N+ + 1) / (N+ +
   * 2)} and {@code 1 / (N- + 2)}), which keeps the fit finite on separable data.
   */
  static PlattScaling fit(double[] logOdds, int[] labels) {
    int positives = 0;
    for (int label : labels) {
      positives += label;
    }
    int negatives = labels.length - positives;
    double high = (positives + 1.0) / (positives + 2.0);
    double low = 1.0 / (negatives + 2.0);
    double slope = 1.0;
    double offset = 0.0;
    for (int iteration = 0; iteration < 100; iteration++) {
      double gradientSlope = 0;
      double gradientOffset = 0;
      double hSS = 1e-12;
      double hSO = 0;
      double hOO = 1e-12;
      for (int i = 0; i < logOdds.length; i++) {
        double target = labels[i] == 1 ? high : low;
        double probability = LogisticScorer.sigmoid(slope * logOdds[i] + offset);
        double residual = probability - target;
        double weight = probability * (1 - probability);
        gradientSlope += residual * logOdds[i];
        gradientOffset += residual;
        hSS += weight * logOdds[i] * logOdds[i];
        hSO += weight * logOdds[i];
        hOO += weight;
      }
      double determinant = hSS * hOO - hSO * hSO;
      if (determinant <= 0) {
        break;
      }
      double stepSlope = (hOO * gradientSlope - hSO * gradientOffset) / determinant;
      double stepOffset = (hSS * gradientOffset - hSO * gradientSlope) / determinant;
      slope -= stepSlope;
      offset -= stepOffset;
      if (Math.abs(stepSlope) + Math.abs(stepOffset) < 1e-10) {
        break;
      }
    }
    return new PlattScaling(slope, offset);
  }
}
