package io.tierwise.churn;

/**
 * The common core of both churn trainers: given encoded features already split into train,
 * validation and test rows, fit the learner on train, the Platt calibration and the F1 alert
 * threshold on validation, and evaluate on test. Where the rows come from (a random stratified
 * split of a labelled table, or two periods of customer histories) is the caller's business.
 *
 * @param scorer the fitted learner
 * @param calibration Platt scaling fitted on the validation rows
 * @param threshold the calibrated probability that maximises F1 on the validation rows
 * @param evaluation metrics on the test rows
 */
record ChurnFit(
    ChurnScorer scorer, PlattScaling calibration, double threshold, ChurnEvaluation evaluation) {

  /** Rows of encoded features with their 0/1 labels. */
  record Rows(double[][] features, int[] labels) {
    Rows {
      if (features.length != labels.length) {
        throw new IllegalArgumentException(features.length + " rows, " + labels.length + " labels");
      }
    }
  }

  static ChurnFit of(
      ChurnModelKind kind, double l2, long seed, Rows train, Rows validation, Rows test) {
    ChurnScorer scorer =
        switch (kind) {
          case LOGISTIC -> LogisticScorer.fit(train.features(), train.labels(), l2);
          case GBT -> BoostedTreesScorer.fit(train.features(), train.labels(), seed);
        };
    double[] validationLogOdds = scorer.logOdds(validation.features());
    PlattScaling calibration = PlattScaling.fit(validationLogOdds, validation.labels());
    double threshold =
        ChurnEvaluator.bestF1Threshold(
            calibrate(calibration, validationLogOdds), validation.labels());
    double[] testProbabilities = calibrate(calibration, scorer.logOdds(test.features()));
    return new ChurnFit(
        scorer,
        calibration,
        threshold,
        ChurnEvaluator.evaluate(testProbabilities, test.labels(), threshold));
  }

  static double[] calibrate(PlattScaling calibration, double[] logOdds) {
    double[] probabilities = new double[logOdds.length];
    for (int i = 0; i < logOdds.length; i++) {
      probabilities[i] = calibration.apply(logOdds[i]);
    }
    return probabilities;
  }
}
