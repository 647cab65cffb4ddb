package io.tierwise.churn;

/**
 * A customer's calibrated churn probability.
 *
 * @param customerId the id cell of the row
 * @param probability calibrated probability of churn, 0 to 1
 * @param flagged whether the probability reaches the model's alert threshold
 */
public record CustomerScore(String customerId, double probability, boolean flagged) {}
