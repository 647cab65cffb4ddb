package io.tierwise.churn;

/**
 * How much one original column pushed a customer's churn log-odds up (positive) or down.
 *
 * <p>For the logistic model: the coefficient times the standardised value, summed over the column's
 * one-hot (or missing-indicator) features, so zero means "like the average training customer". For
 * boosted trees: XGBoost's TreeSHAP values summed the same way, relative to the model's expected
 * margin. Both are in log-odds before calibration.
 *
 * @param column the original column name
 * @param value the customer's cell as written in the table
 * @param contribution the log-odds contribution
 */
public record Contribution(String column, String value, double contribution) {

  /** E.g. {@code Contract=Month-to-month (+0.42)}. */
  @Override
  public String toString() {
    return column
        + "="
        + value
        + " ("
        + String.format(java.util.Locale.ROOT, "%+.2f", contribution)
        + ")";
  }
}
