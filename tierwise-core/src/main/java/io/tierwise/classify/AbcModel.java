package io.tierwise.classify;

import io.tierwise.metrics.Indicator;
import java.util.Arrays;

/**
 * Fitted ABC / Pareto classes. Customers are ranked by the basis indicator, largest first; a
 * customer is A when the customers ranked strictly above it hold less than {@code aShare} of the
 * total, B when they hold less than {@code aShare + bShare}, else C. Customers with equal values
 * share one class (the class of the first of them), so the classes reduce to two value thresholds.
 * Customers with a value of 0 or less (or none) are C.
 *
 * @param basis the ranked indicator
 * @param aShare share of the total held by A (policy)
 * @param bShare share held by B (policy)
 * @param aMin smallest basis value in A (+∞ when nobody is A)
 * @param bMin smallest basis value in B (+∞ when nobody is B)
 * @param total the population total of the basis (positive values)
 */
public record AbcModel(
    Indicator basis, double aShare, double bShare, double aMin, double bMin, double total) {

  /** Fits the thresholds on a column of basis values. */
  public static AbcModel fit(Indicator basis, double aShare, double bShare, double[] column) {
    double[] positive = Arrays.stream(column).filter(value -> value > 0).toArray();
    Arrays.parallelSort(positive);
    double total = 0;
    for (double value : positive) {
      total += value;
    }
    double aMin = Double.POSITIVE_INFINITY;
    double bMin = Double.POSITIVE_INFINITY;
    double above = 0;
    int index = positive.length - 1;
    while (index >= 0) {
      double value = positive[index];
      double group = 0;
      while (index >= 0 && positive[index] == value) {
        group += value;
        index--;
      }
      if (above < aShare * total) {
        aMin = value;
      } else if (above < (aShare + bShare) * total) {
        bMin = value;
      }
      above += group;
    }
    return new AbcModel(basis, aShare, bShare, aMin, bMin, total);
  }

  /** The class of a basis value: A, B or C. */
  public String classify(double value, Reasons reasons) {
    String label;
    if (value > 0 && value >= aMin) {
      label = "A";
    } else if (value > 0 && value >= bMin) {
      label = "B";
    } else {
      label = "C";
    }
    reasons.add(
        "abc_class",
        () ->
            "rank by "
                + basis.key()
                + ", largest first: A while the customers above hold < "
                + percent(aShare)
                + " of the total, B while < "
                + percent(aShare + bShare)
                + ", else C",
        () ->
            basis.key()
                + "="
                + Numbers.plain(value)
                + "; A from "
                + Numbers.plain(aMin)
                + ", B from "
                + Numbers.plain(bMin)
                + " (fitted on a total of "
                + Numbers.plain(total)
                + ")");
    return label;
  }

  private static String percent(double share) {
    return Numbers.plain(Math.round(share * 10000) / 100.0) + " %";
  }
}
