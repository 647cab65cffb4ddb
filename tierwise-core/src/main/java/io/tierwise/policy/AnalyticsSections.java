package io.tierwise.policy;

import com.fasterxml.jackson.databind.JsonNode;
import io.tierwise.TierwiseException;
import io.tierwise.churn.ChurnModelKind;
import io.tierwise.churn.HistoryChurnOptions;
import io.tierwise.metrics.Indicator;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the {@code churn} and {@code clusters} sections of a policy with the reader's typed,
 * key-naming helpers. Every error names the key.
 */
final class AnalyticsSections {
  /** Bands used when a policy's churn section does not list its own. */
  static final List<TieringPolicy.RiskBand> DEFAULT_BANDS =
      List.of(
          new TieringPolicy.RiskBand("high", 0.6),
          new TieringPolicy.RiskBand("medium", 0.3),
          new TieringPolicy.RiskBand("low", 0));

  /** Churn features used when a policy's churn section does not list its own. */
  static final List<Indicator> DEFAULT_CHURN_FEATURES =
      List.of(
          Indicator.RECENCY_DAYS,
          Indicator.FREQUENCY,
          Indicator.MONETARY,
          Indicator.AVERAGE_ORDER_VALUE,
          Indicator.ORDERS_PER_MONTH,
          Indicator.ORDERS_RECENT,
          Indicator.REVENUE_LAST_PERIOD,
          Indicator.REVENUE_PRIOR_PERIOD,
          Indicator.REPURCHASE_RATE,
          Indicator.REVENUE_CV,
          Indicator.INTERACTIONS_RECENT_PER_MONTH,
          Indicator.USAGE_MINUTES_PER_MONTH,
          Indicator.SUPPORT_SHARE,
          Indicator.COMPLAINTS);

  /** Features used when a policy's clusters section does not list its own. */
  static final List<Indicator> DEFAULT_CLUSTER_FEATURES =
      List.of(
          Indicator.ORDERS_PER_MONTH,
          Indicator.AVERAGE_ORDER_VALUE,
          Indicator.INTERACTIONS_PER_MONTH,
          Indicator.FEATURE_PENETRATION,
          Indicator.USAGE_MINUTES_PER_MONTH);

  private final PolicyReader reader;

  AnalyticsSections(PolicyReader reader) {
    this.reader = reader;
  }

  TieringPolicy.Churn churn(JsonNode node) {
    reader.section(
        node,
        "churn",
        Set.of(
            "enabled",
            "model",
            "horizon_days",
            "features",
            "value_indicator",
            "risk_bands",
            "alert_threshold",
            "min_auc",
            "top_signals",
            "max_training_customers",
            "l2",
            "seed"));
    boolean enabled = flag(node.path("enabled"), "churn.enabled", true);
    String modelText = reader.text(node.path("model"), "churn.model", "logistic");
    ChurnModelKind model;
    try {
      model = ChurnModelKind.parse(modelText);
    } catch (TierwiseException e) {
      throw TierwiseException.invalidConfig(
          reader.at + "churn.model: unknown model '" + modelText + "'; expected logistic or gbt");
    }
    int horizon = reader.integer(node.path("horizon_days"), "churn.horizon_days", 180, 7, 3_650);
    JsonNode featureNode = node.path("features");
    List<Indicator> features = indicators(featureNode, "churn.features", true);
    if (featureNode.isMissingNode() || featureNode.isNull()) {
      features = DEFAULT_CHURN_FEATURES;
    } else if (features.isEmpty()) {
      features = HistoryChurnOptions.allLeakFree();
    }
    Indicator value =
        reader.indicator(node.path("value_indicator"), "churn.value_indicator", Indicator.REVENUE);
    JsonNode bands = node.path("risk_bands");
    List<TieringPolicy.RiskBand> riskBands = new ArrayList<>();
    if (bands.isMissingNode() || bands.isNull()) {
      riskBands.addAll(DEFAULT_BANDS);
    } else if (!bands.isArray() || bands.size() < 2) {
      throw TierwiseException.invalidConfig(
          reader.at
              + "churn.risk_bands: expected at least two {name, min_probability}, highest first");
    }
    for (int i = 0; i < bands.size(); i++) {
      String key = "churn.risk_bands[" + i + "]";
      reader.section(bands.get(i), key, Set.of("name", "min_probability"));
      String name = reader.requiredText(bands.get(i).path("name"), key + ".name");
      double min =
          reader.number(
              bands.get(i).path("min_probability"), key + ".min_probability", Double.NaN, 0, 1);
      if (!riskBands.isEmpty()) {
        TieringPolicy.RiskBand previous = riskBands.get(riskBands.size() - 1);
        if (min >= previous.minProbability()) {
          throw TierwiseException.invalidConfig(
              reader.at
                  + key
                  + ".min_probability: "
                  + min
                  + " overlaps band '"
                  + previous.name()
                  + "' (from "
                  + previous.minProbability()
                  + "); list bands highest first with strictly falling min_probability");
        }
      }
      if (riskBands.stream().anyMatch(band -> band.name().equals(name))) {
        throw TierwiseException.invalidConfig(reader.at + key + ".name: band '" + name + "' twice");
      }
      riskBands.add(new TieringPolicy.RiskBand(name, min));
    }
    if (riskBands.get(riskBands.size() - 1).minProbability() != 0) {
      throw TierwiseException.invalidConfig(
          reader.at
              + "churn.risk_bands["
              + (riskBands.size() - 1)
              + "].min_probability: the last band must start at 0 so every score has a band");
    }
    double alert = reader.number(node.path("alert_threshold"), "churn.alert_threshold", 0.6, 0, 1);
    int top = reader.integer(node.path("top_signals"), "churn.top_signals", 3, 1, 20);
    int max =
        reader.integer(
            node.path("max_training_customers"),
            "churn.max_training_customers",
            200_000,
            100,
            100_000_000);
    double l2 = reader.number(node.path("l2"), "churn.l2", 10, 0, 1e9);
    long seed = reader.integer(node.path("seed"), "churn.seed", 42, 0, Integer.MAX_VALUE);
    double minAuc = reader.number(node.path("min_auc"), "churn.min_auc", 0.6, 0, 1);
    return new TieringPolicy.Churn(
        enabled, model, horizon, features, value, riskBands, alert, top, max, l2, seed, minAuc);
  }

  TieringPolicy.Clusters clusters(JsonNode node) {
    reader.section(
        node,
        "clusters",
        Set.of("enabled", "k", "k_range", "features", "log_scale", "seed", "sample"));
    boolean enabled = flag(node.path("enabled"), "clusters.enabled", true);
    JsonNode kNode = node.path("k");
    int k = 0;
    if (!kNode.isMissingNode() && !kNode.isNull() && !"auto".equals(kNode.asText())) {
      k = reader.integer(kNode, "clusters.k", 0, 2, 50);
    }
    JsonNode range = node.path("k_range");
    int minK = 2;
    int maxK = 8;
    if (!range.isMissingNode() && !range.isNull()) {
      if (!range.isArray() || range.size() != 2) {
        throw TierwiseException.invalidConfig(
            reader.at + "clusters.k_range: expected [min, max], e.g. [2, 8]");
      }
      minK = reader.integer(range.get(0), "clusters.k_range[0]", 2, 2, 50);
      maxK = reader.integer(range.get(1), "clusters.k_range[1]", 8, 2, 50);
      if (maxK < minK) {
        throw TierwiseException.invalidConfig(
            reader.at + "clusters.k_range[1]: " + maxK + " is below k_range[0] " + minK);
      }
    }
    List<Indicator> features = indicators(node.path("features"), "clusters.features", false);
    if (features.isEmpty()) {
      features = DEFAULT_CLUSTER_FEATURES;
    }
    boolean log = flag(node.path("log_scale"), "clusters.log_scale", true);
    long seed = reader.integer(node.path("seed"), "clusters.seed", 42, 0, Integer.MAX_VALUE);
    int sample = reader.integer(node.path("sample"), "clusters.sample", 50_000, 100, 10_000_000);
    return new TieringPolicy.Clusters(enabled, k, minK, maxK, features, log, seed, sample);
  }

  TieringPolicy.PotentialValue potentialValue(JsonNode node) {
    reader.section(
        node, "potential_value", Set.of("method", "model", "horizon_months", "monthly_discount"));
    String method = reader.text(node.path("method"), "potential_value.method", "clv");
    if (!method.equals("clv") && !method.equals("run_rate")) {
      throw TierwiseException.invalidConfig(
          reader.at
              + "potential_value.method: unknown method '"
              + method
              + "'; expected clv or run_rate");
    }
    String model = reader.text(node.path("model"), "potential_value.model", "bgnbd");
    io.tierwise.clv.ModelKind kind;
    switch (model) {
      case "bgnbd", "bg_nbd" -> kind = io.tierwise.clv.ModelKind.BG_NBD;
      case "paretonbd", "pareto_nbd" -> kind = io.tierwise.clv.ModelKind.PARETO_NBD;
      default ->
          throw TierwiseException.invalidConfig(
              reader.at
                  + "potential_value.model: unknown model '"
                  + model
                  + "'; expected bgnbd or paretonbd");
    }
    int months =
        reader.integer(node.path("horizon_months"), "potential_value.horizon_months", 12, 1, 600);
    double discount =
        reader.number(
            node.path("monthly_discount"), "potential_value.monthly_discount", 0.01, 0, 1);
    return new TieringPolicy.PotentialValue(method.equals("clv"), kind, months, discount);
  }

  private List<Indicator> indicators(JsonNode node, String key, boolean asOfSafe) {
    if (node.isMissingNode() || node.isNull()) {
      return List.of();
    }
    if (!node.isArray()) {
      throw TierwiseException.invalidConfig(reader.at + key + ": expected a list of indicators");
    }
    List<Indicator> indicators = new ArrayList<>();
    Set<Indicator> seen = new HashSet<>();
    for (int i = 0; i < node.size(); i++) {
      String itemKey = key + "[" + i + "]";
      Indicator indicator = reader.indicator(node.get(i), itemKey, null);
      if (!seen.add(indicator)) {
        throw TierwiseException.invalidConfig(
            reader.at + itemKey + ": '" + indicator.key() + "' listed twice");
      }
      if (asOfSafe && !HistoryChurnOptions.leakFree(indicator)) {
        throw TierwiseException.invalidConfig(
            reader.at
                + itemKey
                + ": '"
                + indicator.key()
                + "' cannot be computed as of a past date (ingest keeps it over all time), so a"
                + " model trained on history would see the future; see docs/churn.md");
      }
      indicators.add(indicator);
    }
    return indicators;
  }

  private boolean flag(JsonNode node, String key, boolean fallback) {
    if (node.isMissingNode() || node.isNull()) {
      return fallback;
    }
    if (!node.isBoolean()) {
      throw TierwiseException.invalidConfig(
          reader.at + key + ": expected true or false, got '" + node.asText() + "'");
    }
    return node.asBoolean();
  }
}
