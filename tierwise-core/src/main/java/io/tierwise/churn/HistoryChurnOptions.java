package io.tierwise.churn;

import io.tierwise.TierwiseException;
import io.tierwise.metrics.Indicator;
import java.util.List;
import java.util.Objects;

/**
 * How to train a churn model on customers' own histories ({@link HistoryChurnTrainer}).
 *
 * @param kind the algorithm
 * @param horizonDays the label window: a customer churned when it buys nothing in the next this
 *     many days
 * @param features the indicators the model reads; each must be {@link #leakFree leak-free}
 * @param seed seeds the sample, the validation/test split and the tree learner
 * @param maxCustomers at most this many customers per period are used (a seeded sample)
 * @param l2 the L2 penalty of the logistic regression on standardised features
 */
public record HistoryChurnOptions(
    ChurnModelKind kind,
    int horizonDays,
    List<Indicator> features,
    long seed,
    int maxCustomers,
    double l2) {

  /**
   * Indicators whose value as of a past day is not a function of the data up to that day alone:
   * ingest keeps the set of features used and categories bought over all time, the mean CSAT over
   * all answers, and only the newest survey answer (so whether an answer "exists" as of a past day
   * depends on later answers); the score attributes are a snapshot taken at export; potential value
   * and P(alive) are set by the run's CLV fit as of the run date only, so a past date sees other
   * numbers. A model trained on a past date must not read them (see docs/churn.md, "No leakage").
   */
  public static final List<Indicator> NOT_AS_OF_SAFE =
      List.of(
          Indicator.CATEGORY_BREADTH,
          Indicator.FEATURE_PENETRATION,
          Indicator.MEAN_CSAT,
          Indicator.LATEST_CSAT,
          Indicator.LATEST_NPS,
          Indicator.STRATEGIC_SCORE,
          Indicator.EXPERT_SCORE,
          Indicator.POTENTIAL_VALUE,
          Indicator.P_ALIVE);

  public HistoryChurnOptions {
    Objects.requireNonNull(kind, "kind");
    features = List.copyOf(features);
    if (horizonDays < 1) {
      throw TierwiseException.invalidConfig("churn horizon must be at least 1 day: " + horizonDays);
    }
    if (features.isEmpty()) {
      throw TierwiseException.invalidConfig("churn features: at least one indicator is needed");
    }
    for (Indicator feature : features) {
      if (!leakFree(feature)) {
        throw TierwiseException.invalidConfig(
            "churn feature '" + feature.key() + "' is not computable as of a past date");
      }
    }
    if (maxCustomers < 100) {
      throw TierwiseException.invalidConfig("churn sample must be at least 100: " + maxCustomers);
    }
  }

  /** True when an indicator as of a day depends only on data dated on or before it. */
  public static boolean leakFree(Indicator indicator) {
    return !NOT_AS_OF_SAFE.contains(indicator);
  }

  /** Every leak-free indicator, in {@link Indicator} order. */
  public static List<Indicator> allLeakFree() {
    return java.util.Arrays.stream(Indicator.values())
        .filter(HistoryChurnOptions::leakFree)
        .toList();
  }
}
