package io.tierwise.churn;

/**
 * One tenth of the evaluated customers, ranked by predicted probability (decile 1 = riskiest).
 * Serves as both the lift table and the calibration table.
 *
 * @param decile 1 to 10
 * @param customers customers in the decile
 * @param positives churners among them
 * @param meanPredicted mean calibrated probability in the decile
 * @param observedRate positives / customers
 * @param lift observed rate divided by the overall churn rate
 * @param cumulativeCapture share of all churners found in deciles 1..this one
 */
public record DecileRow(
    int decile,
    int customers,
    int positives,
    double meanPredicted,
    double observedRate,
    double lift,
    double cumulativeCapture) {}
