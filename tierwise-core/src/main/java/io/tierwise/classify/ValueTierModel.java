package io.tierwise.classify;

import io.tierwise.metrics.Indicator;
import io.tierwise.metrics.Indicators;
import io.tierwise.metrics.PercentileScale;
import io.tierwise.policy.TieringPolicy;

/**
 * Value tier VH / VM / VL. The value score (0–100) is the weighted mean of three percentile ranks:
 * current value ({@code revenue}), potential value ({@code potential_value}) and stability (100
 * minus the rank of {@code revenue_cv}, so steadier revenue ranks higher). A missing rank counts as
 * 0. VH from {@code vh_min}, VM from {@code vm_min}, else VL.
 */
public record ValueTierModel(
    TieringPolicy.ValueTier policy,
    PercentileScale current,
    PercentileScale potential,
    PercentileScale variation) {

  /** The value score, rounded to 2 decimals. */
  public double score(Indicators indicators) {
    double currentRank = orZero(current.rank(indicators.value(Indicator.REVENUE)));
    double potentialRank = orZero(potential.rank(indicators.value(Indicator.POTENTIAL_VALUE)));
    double cvRank = variation.rank(indicators.value(Indicator.REVENUE_CV));
    double stabilityRank = Double.isNaN(cvRank) ? 0 : 100 - cvRank;
    double weights = policy.currentWeight() + policy.potentialWeight() + policy.stabilityWeight();
    double score =
        (policy.currentWeight() * currentRank
                + policy.potentialWeight() * potentialRank
                + policy.stabilityWeight() * stabilityRank)
            / weights;
    return Math.round(score * 100) / 100.0;
  }

  public String classify(Indicators indicators, Reasons reasons) {
    double score = score(indicators);
    String tier = score >= policy.highMin() ? "VH" : score >= policy.mediumMin() ? "VM" : "VL";
    reasons.add(
        "value_tier",
        () ->
            "score = ("
                + Numbers.plain(policy.currentWeight())
                + " x rank(revenue) + "
                + Numbers.plain(policy.potentialWeight())
                + " x rank(potential_value) + "
                + Numbers.plain(policy.stabilityWeight())
                + " x (100 - rank(revenue_cv))) / weights; VH from "
                + Numbers.plain(policy.highMin())
                + ", VM from "
                + Numbers.plain(policy.mediumMin()),
        () ->
            "revenue="
                + Numbers.plain(indicators.value(Indicator.REVENUE))
                + " (rank "
                + Numbers.plain(current.rank(indicators.value(Indicator.REVENUE)))
                + "), potential_value="
                + Numbers.plain(indicators.value(Indicator.POTENTIAL_VALUE))
                + " (rank "
                + Numbers.plain(potential.rank(indicators.value(Indicator.POTENTIAL_VALUE)))
                + "), revenue_cv="
                + Numbers.plain(indicators.value(Indicator.REVENUE_CV))
                + " (rank "
                + Numbers.plain(variation.rank(indicators.value(Indicator.REVENUE_CV)))
                + ") -> score "
                + Numbers.plain(score));
    return tier;
  }

  private static double orZero(double rank) {
    return Double.isNaN(rank) ? 0 : rank;
  }
}
