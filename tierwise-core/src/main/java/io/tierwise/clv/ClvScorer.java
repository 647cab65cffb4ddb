package io.tierwise.clv;

import java.util.Arrays;
import java.util.Objects;

/**
 * Applies a {@link ClvModel} to customers one at a time over a fixed horizon. Customers with the
 * same (x, t_x, T) share the purchase-model terms (P(alive), expected and discounted purchases),
 * which are computed once: with day-resolution data a base of millions has a few hundred thousand
 * distinct rows, and each row costs a dozen hypergeometric series.
 *
 * <p>Deterministic; not thread-safe (the cache): use one scorer per thread.
 */
public final class ClvScorer {
  private final ClvModel model;
  private final int months;
  private final double monthlyDiscountRate;
  private final double horizon;

  /** Distinct (x, t_x, T) seen so far; row r's terms are {@code terms[3r .. 3r + 2]}. */
  private final KeyedCounts known = new KeyedCounts(0);

  private double[] terms = new double[3 * 256];

  /**
   * @param months horizon in months (≥ 1)
   * @param monthlyDiscountRate discount rate per month (≥ 0), e.g. 0.01
   */
  public ClvScorer(ClvModel model, int months, double monthlyDiscountRate) {
    this.model = Objects.requireNonNull(model, "model");
    ClvModel.requireHorizon(months, monthlyDiscountRate);
    this.months = months;
    this.monthlyDiscountRate = monthlyDiscountRate;
    this.horizon = months * model.unit().unitsPerMonth();
  }

  public CustomerValue score(RepeatPurchaseStats stats) {
    int x = stats.repeatPurchases();
    double recency = stats.recency();
    double age = stats.age();
    int seen = known.rows();
    int row = known.row(x, Double.doubleToLongBits(recency), Double.doubleToLongBits(age));
    int at = 3 * row;
    if (row == seen) { // first sight of these statistics: compute their terms once
      if (at + 3 > terms.length) {
        terms = Arrays.copyOf(terms, terms.length * 2);
      }
      PurchaseModel purchases = model.purchaseModel();
      terms[at] = purchases.probabilityAlive(x, recency, age);
      terms[at + 1] = purchases.conditionalExpectedPurchases(horizon, x, recency, age);
      terms[at + 2] = model.discountedPurchases(x, recency, age, months, monthlyDiscountRate);
    }
    double averageValue = model.expectedAverageValue(stats);
    return new CustomerValue(
        stats, terms[at], terms[at + 1], averageValue, averageValue * terms[at + 2]);
  }
}
