package io.tierwise.policy;

import io.tierwise.metrics.Indicator;
import io.tierwise.rules.RuleExpression.VariableType;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The variables policy expressions may read, by stage. Rule tables see every indicator by its
 * column name, its population percentile rank as {@code <name>_pct} (0–100) and the customer's
 * {@code attributes}; lifecycle rules also see the labels decided before them; tag rules see every
 * label and the tier.
 */
public final class PolicyVariables {
  /** Suffix of percentile-rank variables. */
  public static final String PERCENTILE_SUFFIX = "_pct";

  /** Labels decided before lifecycle rules run, in that order. */
  public static final List<String> EARLY_LABELS =
      List.of(
          "activity",
          "nps_class",
          "abc_class",
          "rfm_segment",
          "value_tier",
          "behaviour_group",
          "needs_type",
          "relationship");

  /** Labels decided after the lifecycle rules: lifecycle stage and tier. */
  public static final List<String> LATE_LABELS = List.of("lifecycle_stage", "tier");

  /** The variable holding the composite score in tag rules. */
  public static final String TIER_SCORE = "tier_score";

  public static final String ATTRIBUTES = "attributes";

  private PolicyVariables() {}

  /** Indicators, their percentile ranks and attributes: what behaviour/needs rules read. */
  public static Map<String, VariableType> indicators() {
    Map<String, VariableType> variables = new LinkedHashMap<>();
    for (int i = 0; i < Indicator.count(); i++) {
      String key = Indicator.ofOrdinal(i).key();
      variables.put(key, VariableType.NUMBER);
      variables.put(key + PERCENTILE_SUFFIX, VariableType.NUMBER);
    }
    variables.put(ATTRIBUTES, VariableType.TEXT_MAP);
    return Collections.unmodifiableMap(variables);
  }

  /** What lifecycle rules read: indicators plus the labels decided before them. */
  public static Map<String, VariableType> lifecycle() {
    Map<String, VariableType> variables = new LinkedHashMap<>(indicators());
    EARLY_LABELS.forEach(label -> variables.put(label, VariableType.TEXT));
    return Collections.unmodifiableMap(variables);
  }

  /** What tag rules read: everything. */
  public static Map<String, VariableType> tags() {
    Map<String, VariableType> variables = new LinkedHashMap<>(lifecycle());
    LATE_LABELS.forEach(label -> variables.put(label, VariableType.TEXT));
    variables.put(TIER_SCORE, VariableType.NUMBER);
    return Collections.unmodifiableMap(variables);
  }

  /** What RFM segment rules read: integer scores r, f, m and fm = (f + m) / 2. */
  public static Map<String, VariableType> rfmSegments() {
    Map<String, VariableType> variables = new LinkedHashMap<>();
    variables.put("r", VariableType.INTEGER);
    variables.put("f", VariableType.INTEGER);
    variables.put("m", VariableType.INTEGER);
    variables.put("fm", VariableType.NUMBER);
    return Collections.unmodifiableMap(variables);
  }
}
