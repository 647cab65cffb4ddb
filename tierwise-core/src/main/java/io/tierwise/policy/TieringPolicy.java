package io.tierwise.policy;

import io.tierwise.metrics.Indicator;
import io.tierwise.metrics.IndicatorSettings;
import io.tierwise.rules.RuleExpression;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A loaded, validated tiering policy (docs/policy.md). Immutable; every expression is compiled.
 *
 * @param name the policy's name
 * @param version the policy's own version string (the author's, not the file format's)
 * @param text the policy file as read, kept with each run
 * @param sha256 hex SHA-256 of {@link #text()}'s bytes
 * @param currency symbol written before money amounts in gap statements ("" for none)
 * @param indicators windows and score columns
 * @param abc ABC / Pareto settings
 * @param rfm RFM settings
 * @param valueTier value tier settings
 * @param activity activity status thresholds
 * @param behaviour behaviour group rules
 * @param needs needs type rules
 * @param relationship relationship class rules
 * @param lifecycle lifecycle stage rules
 * @param tiering composite tier dimensions and bounds
 * @param tags tag rules
 * @param churn churn model, risk bands and alerts
 * @param clusters data-driven segments (k-means)
 * @param potentialValue how potential value is predicted (CLV models or run rate)
 */
public record TieringPolicy(
    String name,
    String version,
    String text,
    String sha256,
    String currency,
    IndicatorSettings indicators,
    Abc abc,
    Rfm rfm,
    ValueTier valueTier,
    Activity activity,
    RuleTable behaviour,
    RuleTable needs,
    RuleTable relationship,
    RuleTable lifecycle,
    Tiering tiering,
    List<Tag> tags,
    Churn churn,
    Clusters clusters,
    PotentialValue potentialValue) {

  public TieringPolicy {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(text, "text");
    tags = List.copyOf(tags);
  }

  /** The policy that ships in the jar. */
  public static TieringPolicy defaults() {
    return PolicyReader.defaults();
  }

  /** Loads and validates a policy file. */
  public static TieringPolicy load(Path file) {
    return PolicyReader.load(file);
  }

  /** Parses a policy from text; {@code origin} names it in errors. */
  public static TieringPolicy parse(String text, String origin) {
    return PolicyReader.parse(text, origin);
  }

  /**
   * ABC classes by cumulative share of {@code basis}.
   *
   * @param basis the indicator ranked (monetary, revenue or profit, or any other)
   * @param aShare customers making the top share of the total are A
   * @param bShare the next share are B; the rest C
   */
  public record Abc(Indicator basis, double aShare, double bShare) {}

  /**
   * RFM scoring.
   *
   * @param bins scores per dimension (1..bins)
   * @param recencyCuts custom ascending cut points of recency_days, or empty for quantiles
   * @param frequencyCuts custom cut points of frequency, or empty
   * @param monetaryCuts custom cut points of monetary, or empty
   * @param segments named segments
   */
  public record Rfm(
      int bins,
      List<Double> recencyCuts,
      List<Double> frequencyCuts,
      List<Double> monetaryCuts,
      RfmSegments segments) {
    public Rfm {
      recencyCuts = List.copyOf(recencyCuts);
      frequencyCuts = List.copyOf(frequencyCuts);
      monetaryCuts = List.copyOf(monetaryCuts);
    }
  }

  /**
   * Value tier VH/VM/VL from a weighted score of percentile ranks of current value (revenue),
   * potential value and stability (low revenue CV ranks high).
   */
  public record ValueTier(
      double currentWeight,
      double potentialWeight,
      double stabilityWeight,
      double highMin,
      double mediumMin) {}

  /** Activity status by days since the last purchase. */
  public record Activity(int silentAfterDays, int churnedAfterDays) {}

  /**
   * Composite tier.
   *
   * @param dimensions scored dimensions with weights
   * @param tiers tiers from the best (highest minimum score) to the last (minimum 0)
   */
  public record Tiering(List<Dimension> dimensions, List<Tier> tiers) {
    public Tiering {
      dimensions = List.copyOf(dimensions);
      tiers = List.copyOf(tiers);
    }

    public double totalWeight() {
      return dimensions.stream().mapToDouble(Dimension::weight).sum();
    }
  }

  /**
   * One dimension of the composite score: the percentile rank (0–100) of an indicator, reversed
   * when lower is better.
   *
   * @param name dimension name (transaction, behaviour, …)
   * @param indicator the indicator scored
   * @param lowerIsBetter true for e.g. recency_days
   * @param weight relative weight, ≥ 0
   * @param phrase how an increase is described in a gap statement (e.g. "orders")
   */
  public record Dimension(
      String name, Indicator indicator, boolean lowerIsBetter, double weight, String phrase) {}

  /** A tier and the lowest composite score that reaches it. */
  public record Tier(String name, double minScore) {}

  /** A business tag given when its rule holds. */
  public record Tag(String tag, RuleExpression when) {}

  /**
   * Churn early warning (docs/churn.md, "Churn in a run").
   *
   * @param enabled whether runs train (or reuse) and apply a churn model
   * @param model logistic or gbt
   * @param horizonDays churned = no purchase in this many days; training uses twice this much
   *     history before the as-of date
   * @param features indicators the model reads (only those computable as of a past date)
   * @param valueIndicator the customer value at risk (expected value at risk = probability × value)
   * @param riskBands bands by calibrated probability, highest first, the last from 0
   * @param alertThreshold a customer with at least this probability gets an alert
   * @param topSignals how many contributions an alert carries
   * @param maxTrainingCustomers customers sampled per period for training
   * @param l2 the logistic regression's L2 penalty on standardised coefficients
   * @param seed seeds the sample, the split and the tree learner
   * @param minAuc a model trained on the run's data is used only if its test AUC reaches this
   */
  public record Churn(
      boolean enabled,
      io.tierwise.churn.ChurnModelKind model,
      int horizonDays,
      List<Indicator> features,
      Indicator valueIndicator,
      List<RiskBand> riskBands,
      double alertThreshold,
      int topSignals,
      int maxTrainingCustomers,
      double l2,
      long seed,
      double minAuc) {
    public Churn {
      features = List.copyOf(features);
      riskBands = List.copyOf(riskBands);
    }

    /** The band of a probability (the first whose minimum it reaches). */
    public String band(double probability) {
      for (RiskBand band : riskBands) {
        if (probability >= band.minProbability()) {
          return band.name();
        }
      }
      return riskBands.get(riskBands.size() - 1).name();
    }
  }

  /** A churn risk band from a minimum calibrated probability. */
  public record RiskBand(String name, double minProbability) {}

  /**
   * Data-driven segments by k-means on standardised indicators.
   *
   * @param enabled whether runs cluster customers
   * @param k clusters, or 0 to choose k in [minK, maxK] by silhouette
   * @param minK smallest k tried
   * @param maxK largest k tried
   * @param features the indicators clustered on
   * @param logScale log(1 + x) for features that are never negative, before standardising
   * @param seed seeds the sample and k-means++
   * @param sample k-means is fitted on at most this many customers
   */
  public record Clusters(
      boolean enabled,
      int k,
      int minK,
      int maxK,
      List<Indicator> features,
      boolean logScale,
      long seed,
      int sample) {
    public Clusters {
      features = List.copyOf(features);
    }
  }

  /**
   * How potential value (and P(alive)) is predicted.
   *
   * @param clv true: BG/NBD or Pareto/NBD plus Gamma-Gamma fitted on the run's data, discounted
   *     over the horizon; false: the run-rate estimate of the indicators
   * @param purchaseModel the purchase model when {@code clv}
   * @param horizonMonths the horizon of the prediction
   * @param monthlyDiscount the discount rate per month
   */
  public record PotentialValue(
      boolean clv,
      io.tierwise.clv.ModelKind purchaseModel,
      int horizonMonths,
      double monthlyDiscount) {}

  /** The tier after {@code tier} towards the top, if any. */
  public Optional<Tier> tierAbove(int tierIndex) {
    return tierIndex > 0 ? Optional.of(tiering.tiers().get(tierIndex - 1)) : Optional.empty();
  }
}
