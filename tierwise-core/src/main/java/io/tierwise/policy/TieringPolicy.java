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
    List<Tag> tags) {

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

  /** The tier after {@code tier} towards the top, if any. */
  public Optional<Tier> tierAbove(int tierIndex) {
    return tierIndex > 0 ? Optional.of(tiering.tiers().get(tierIndex - 1)) : Optional.empty();
  }
}
