package io.tierwise.clv;

import java.util.HashMap;
import java.util.Map;
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
  private final Map<PurchaseKey, double[]> purchaseTerms = new HashMap<>();

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
    double[] terms =
        purchaseTerms.computeIfAbsent(
            new PurchaseKey(stats.repeatPurchases(), stats.recency(), stats.age()),
            key -> purchaseTerms(key.repeatPurchases(), key.recency(), key.age()));
    double averageValue = model.expectedAverageValue(stats);
    return new CustomerValue(stats, terms[0], terms[1], averageValue, averageValue * terms[2]);
  }

  private double[] purchaseTerms(int x, double recency, double age) {
    PurchaseModel purchases = model.purchaseModel();
    return new double[] {
      purchases.probabilityAlive(x, recency, age),
      purchases.conditionalExpectedPurchases(horizon, x, recency, age),
      model.discountedPurchases(x, recency, age, months, monthlyDiscountRate)
    };
  }
}
