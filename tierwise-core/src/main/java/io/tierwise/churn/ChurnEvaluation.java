package io.tierwise.churn;

import java.util.List;

/**
 * How well a churn model ranks and how honest its probabilities are, measured on rows it never saw
 * (the held-out test split).
 *
 * @param customers evaluated customers
 * @param positives churners among them
 * @param auc area under the ROC curve (ties count one half)
 * @param aucPr average precision: the area under the precision-recall curve as a step function
 * @param brier mean squared error of the calibrated probabilities
 * @param threshold the alert threshold (chosen on the validation split by maximising F1)
 * @param confusion counts at the threshold
 * @param meanPredicted mean calibrated probability over all customers
 * @param observedRate positives / customers
 * @param deciles lift, capture and calibration per decile of predicted probability
 */
public record ChurnEvaluation(
    int customers,
    int positives,
    double auc,
    double aucPr,
    double brier,
    double threshold,
    ConfusionMatrix confusion,
    double meanPredicted,
    double observedRate,
    List<DecileRow> deciles) {

  public ChurnEvaluation {
    deciles = List.copyOf(deciles);
  }
}
