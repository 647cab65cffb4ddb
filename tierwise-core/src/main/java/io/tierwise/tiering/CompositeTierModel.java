package io.tierwise.tiering;

import io.tierwise.metrics.Indicator;
import io.tierwise.metrics.Indicators;
import io.tierwise.metrics.PercentileScale;
import io.tierwise.policy.TieringPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Fitted composite tiering: a percentile scale per dimension. Immutable and thread-safe.
 *
 * <p>Score = Σ wᵢ·sᵢ / Σ wᵢ with sᵢ the percentile rank (0–100) of dimension i's indicator (100 −
 * rank when lower is better; 0 when the indicator is missing), rounded to 2 decimals. The tier is
 * the first tier, best first, whose {@code min_score} the score reaches; the score never falls when
 * an indicator improves, so the tier never falls either.
 */
public final class CompositeTierModel {
  private final TieringPolicy.Tiering policy;
  private final PercentileScale[] scales;
  private final String currency;
  private final double totalWeight;

  private CompositeTierModel(
      TieringPolicy.Tiering policy, PercentileScale[] scales, String currency) {
    this.policy = policy;
    this.scales = scales;
    this.currency = currency;
    this.totalWeight = policy.totalWeight();
  }

  /** A model over already fitted scales (one per indicator the dimensions name). */
  public static CompositeTierModel of(
      TieringPolicy.Tiering policy, Map<Indicator, PercentileScale> scales, String currency) {
    PercentileScale[] byDimension = new PercentileScale[policy.dimensions().size()];
    for (int i = 0; i < byDimension.length; i++) {
      Indicator indicator = policy.dimensions().get(i).indicator();
      byDimension[i] = scales.get(indicator);
      if (byDimension[i] == null) {
        throw new IllegalArgumentException("no scale fitted for " + indicator.key());
      }
    }
    return new CompositeTierModel(policy, byDimension, currency);
  }

  /** Dimension i's score 0–100 of a raw indicator value. */
  public double dimensionScore(int dimension, double value) {
    double rank = scales[dimension].rank(value);
    if (Double.isNaN(rank)) {
      return 0;
    }
    return policy.dimensions().get(dimension).lowerIsBetter() ? 100 - rank : rank;
  }

  public double score(Indicators indicators) {
    double[] scores = new double[scales.length];
    for (int i = 0; i < scales.length; i++) {
      scores[i] = dimensionScore(i, indicators.value(policy.dimensions().get(i).indicator()));
    }
    return combine(scores);
  }

  /** The composite of dimension scores, rounded to 2 decimals. */
  public double combine(double[] dimensionScores) {
    double total = 0;
    for (int i = 0; i < dimensionScores.length; i++) {
      total += policy.dimensions().get(i).weight() * dimensionScores[i];
    }
    double score = total / totalWeight;
    return Math.round(score * 100) / 100.0;
  }

  /** The tier of a composite score. */
  public TierAssignment tierOf(double score) {
    List<TieringPolicy.Tier> tiers = policy.tiers();
    for (int i = 0; i < tiers.size(); i++) {
      if (score >= tiers.get(i).minScore()) {
        return new TierAssignment(i, tiers.get(i).name(), score);
      }
    }
    return new TierAssignment(tiers.size() - 1, tiers.get(tiers.size() - 1).name(), score);
  }

  public TierAssignment assign(Indicators indicators) {
    return tierOf(score(indicators));
  }

  /**
   * What would lift the customer to the next tier, one option per dimension that could do it alone
   * (all else equal), in the data's units; empty for the top tier.
   */
  public List<String> gap(Indicators indicators, TierAssignment assignment) {
    if (assignment.tierIndex() == 0) {
      return List.of();
    }
    TieringPolicy.Tier next = policy.tiers().get(assignment.tierIndex() - 1);
    double[] scores = new double[scales.length];
    for (int i = 0; i < scales.length; i++) {
      scores[i] = dimensionScore(i, indicators.value(policy.dimensions().get(i).indicator()));
    }
    double missing = next.minScore() - assignment.score();
    List<String> options = new ArrayList<>();
    for (int i = 0; i < scales.length; i++) {
      TieringPolicy.Dimension dimension = policy.dimensions().get(i);
      if (dimension.weight() <= 0 || scales[i].isEmpty()) {
        continue;
      }
      double needed = scores[i] + missing * totalWeight / dimension.weight() + 1e-6;
      if (needed > 100) {
        continue;
      }
      double current = indicators.value(dimension.indicator());
      double target =
          dimension.lowerIsBetter()
              ? lowestRankValue(i, 100 - needed)
              : scales[i].valueForRank(needed);
      target = reachable(i, scores, target, next.minScore(), dimension);
      if (Double.isNaN(target)) {
        continue;
      }
      options.add(describe(dimension, Double.isNaN(current) ? 0 : current, target));
    }
    return options;
  }

  /** Adjusts {@code target} to the published precision so it really reaches the next tier. */
  private double reachable(
      int dimension,
      double[] scores,
      double target,
      double minScore,
      TieringPolicy.Dimension spec) {
    Indicator indicator = spec.indicator();
    double step = Math.pow(10, -indicator.decimals());
    double rounded =
        spec.lowerIsBetter()
            ? Math.floor(target / step + 1e-9) * step
            : Math.ceil(target / step - 1e-9) * step;
    for (int attempt = 0; attempt < 1000; attempt++) {
      double[] trial = scores.clone();
      trial[dimension] = dimensionScore(dimension, indicator.round(rounded));
      if (combine(trial) >= minScore) {
        return indicator.round(rounded);
      }
      rounded += spec.lowerIsBetter() ? -step : step;
      if (spec.lowerIsBetter() && rounded < 0) {
        return Double.NaN;
      }
    }
    return Double.NaN;
  }

  /** The largest value whose rank is at most {@code rank} (for lower-is-better dimensions). */
  private double lowestRankValue(int dimension, double rank) {
    double value = scales[dimension].valueForRank(rank);
    return scales[dimension].rank(value) > rank ? value - 1e-9 : value;
  }

  private String describe(TieringPolicy.Dimension dimension, double current, double target) {
    Indicator indicator = dimension.indicator();
    if (dimension.lowerIsBetter()) {
      return dimension.phrase()
          + " down to "
          + format(indicator, target)
          + " (now "
          + format(indicator, current)
          + ")";
    }
    double increase = target - current;
    boolean money = indicator.decimals() == 2 && isMoney(indicator);
    String amount = money ? currency + grouped(increase) : format(indicator, increase);
    return "+" + amount + " " + dimension.phrase();
  }

  private static boolean isMoney(Indicator indicator) {
    return switch (indicator) {
      case MONETARY,
          REVENUE,
          COST,
          PROFIT,
          AVERAGE_ORDER_VALUE,
          REVENUE_RECENT,
          REVENUE_LAST_PERIOD,
          REVENUE_PRIOR_PERIOD,
          POTENTIAL_VALUE,
          LIFETIME_REVENUE ->
          true;
      default -> false;
    };
  }

  private static String grouped(double value) {
    return DecimalText.grouped(value);
  }

  private static String format(Indicator indicator, double value) {
    return DecimalText.plain(value, indicator.decimals());
  }

  public TieringPolicy.Tiering policy() {
    return policy;
  }
}
