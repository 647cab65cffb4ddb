package io.tierwise.clv;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Predicted against actual holdout purchases (JSON-ready, snake_case).
 *
 * @param model the purchase model's external name
 * @param holdoutLength t*, in the model's time unit
 * @param customers customers compared
 * @param groups per calibration frequency group x = 0..7+
 * @param actualTotal purchases made in the holdout
 * @param predictedTotal purchases the model predicted for the holdout
 * @param meanAbsoluteError mean over groups of |actual mean - predicted mean| per customer
 * @param totalPercentError 100 (predicted - actual) / actual
 */
public record HoldoutReport(
    @JsonProperty("model") String model,
    @JsonProperty("holdout_length") double holdoutLength,
    @JsonProperty("customers") long customers,
    @JsonProperty("groups") List<Group> groups,
    @JsonProperty("actual_total") double actualTotal,
    @JsonProperty("predicted_total") double predictedTotal,
    @JsonProperty("mean_absolute_error") double meanAbsoluteError,
    @JsonProperty("total_percent_error") double totalPercentError) {

  public HoldoutReport {
    groups = List.copyOf(groups);
  }

  /**
   * One frequency group.
   *
   * @param repeatPurchases the calibration x of the group ("7+" for the last)
   * @param customers customers in the group
   * @param actualMean actual holdout purchases per customer
   * @param predictedMean predicted holdout purchases per customer
   * @param actualTotal actual holdout purchases
   * @param predictedTotal predicted holdout purchases
   */
  public record Group(
      @JsonProperty("x") String repeatPurchases,
      @JsonProperty("customers") long customers,
      @JsonProperty("actual_mean") double actualMean,
      @JsonProperty("predicted_mean") double predictedMean,
      @JsonProperty("actual_total") double actualTotal,
      @JsonProperty("predicted_total") double predictedTotal) {}
}
