package io.tierwise.clv;

import io.tierwise.TierwiseException;
import java.util.Objects;

/**
 * Predictive CLV: a purchase model and the spend model combined, discounted monthly.
 *
 * <p>As in {@code lifetimes}' {@code customer_lifetime_value}: for each month m = 1..M, the
 * expected purchases in that month, E[Y(m·u) | x, t_x, T] - E[Y((m-1)·u) | x, t_x, T] with u the
 * month length in the model's unit ({@link ClvTimeUnit#unitsPerMonth()}), times the expected value
 * per purchase from the spend model, discounted by (1 + d)^m. The result is in the currency of the
 * order values. Immutable and thread-safe.
 *
 * @param purchaseModel fitted BG/NBD or Pareto/NBD model
 * @param spendModel fitted Gamma-Gamma model
 * @param unit the time unit both were fitted in
 */
public record ClvModel(PurchaseModel purchaseModel, GammaGammaModel spendModel, ClvTimeUnit unit) {

  public ClvModel {
    Objects.requireNonNull(purchaseModel, "purchaseModel");
    Objects.requireNonNull(spendModel, "spendModel");
    Objects.requireNonNull(unit, "unit");
  }

  /**
   * Discounted expected value of a customer's purchases over the next {@code months} months.
   *
   * @param monthlyDiscountRate e.g. 0.01 for 1 % a month (about 12.7 % a year)
   */
  public double customerLifetimeValue(
      RepeatPurchaseStats stats, int months, double monthlyDiscountRate) {
    requireHorizon(months, monthlyDiscountRate);
    return expectedAverageValue(stats)
        * discountedPurchases(
            stats.repeatPurchases(), stats.recency(), stats.age(), months, monthlyDiscountRate);
  }

  /** The spend model's expected value per purchase of this customer (population mean if x = 0). */
  public double expectedAverageValue(RepeatPurchaseStats stats) {
    return spendModel.conditionalExpectedAverageValue(
        stats.repeatPurchases(), stats.meanRepeatValue());
  }

  /**
   * Σ<sub>m=1..M</sub> (E[Y(m·u)] − E[Y((m−1)·u)]) / (1 + d)<sup>m</sup>: the discounted expected
   * purchases of a customer with (x, t_x, T); the CLV is this times the expected value per
   * purchase.
   */
  public double discountedPurchases(
      int repeatPurchases, double recency, double age, int months, double monthlyDiscountRate) {
    requireHorizon(months, monthlyDiscountRate);
    double month = unit.unitsPerMonth();
    double value = 0;
    double previous = 0;
    for (int m = 1; m <= months; m++) {
      double cumulative =
          purchaseModel.conditionalExpectedPurchases(m * month, repeatPurchases, recency, age);
      value += (cumulative - previous) / Math.pow(1 + monthlyDiscountRate, m);
      previous = cumulative;
    }
    return value;
  }

  /**
   * Checks a CLV horizon and discount rate.
   *
   * @throws TierwiseException (INVALID_CONFIG) naming the bad value
   */
  public static void requireHorizon(int months, double monthlyDiscountRate) {
    if (months < 1) {
      throw TierwiseException.invalidConfig("CLV horizon must be >= 1 month, got " + months);
    }
    if (!(monthlyDiscountRate >= 0) || !Double.isFinite(monthlyDiscountRate)) {
      throw TierwiseException.invalidConfig(
          "monthly discount rate must be a finite number >= 0, got " + monthlyDiscountRate);
    }
  }
}
