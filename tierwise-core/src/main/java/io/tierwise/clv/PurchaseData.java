package io.tierwise.clv;

import io.tierwise.TierwiseException;

/** Checks and summaries of purchase rows shared by the purchase-model trainers. */
final class PurchaseData {
  private PurchaseData() {}

  /** Rejects data from which no purchase model can be identified, with a message saying why. */
  static void requireFittable(CompressedStats stats, ModelKind kind) {
    long customers = stats.customers();
    if (customers == 0) {
      throw TierwiseException.dataQuality(
          "cannot fit "
              + kind.externalName()
              + ": there are no customers in the calibration"
              + " period (check the calibration end date)");
    }
    if (customers < 2) {
      throw TierwiseException.dataQuality(
          "cannot fit "
              + kind.externalName()
              + " on a single customer: the model describes heterogeneity across customers and"
              + " needs many of them (hundreds or more)");
    }
    if (meanRepeatPurchases(stats) == 0) {
      throw TierwiseException.dataQuality(
          "cannot fit "
              + kind.externalName()
              + ": none of the "
              + customers
              + " customers made a repeat purchase in the calibration period (x = 0 for all), so"
              + " purchase rate and dropout cannot be estimated; use a longer calibration period"
              + " or check that repeat orders are not merged away");
    }
  }

  static double meanRepeatPurchases(CompressedStats stats) {
    double sum = 0;
    for (int row = 0; row < stats.purchaseRows(); row++) {
      sum += (double) stats.weight(row) * stats.repeatPurchases(row);
    }
    return sum / stats.customers();
  }

  static double meanAge(CompressedStats stats) {
    double sum = 0;
    for (int row = 0; row < stats.purchaseRows(); row++) {
      sum += stats.weight(row) * stats.age(row);
    }
    return sum / stats.customers();
  }
}
