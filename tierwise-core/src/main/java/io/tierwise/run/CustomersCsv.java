package io.tierwise.run;

import io.tierwise.classify.CustomerResult;
import io.tierwise.metrics.Indicator;
import io.tierwise.metrics.Indicators;
import java.util.ArrayList;
import java.util.List;

/**
 * The layout of {@code customers.csv}: customer id, every indicator at its published precision
 * (empty when missing), every label, the tier with its score and gap, tags ({@code ;}-separated),
 * then the customer's attributes. docs/classification.md lists the columns.
 */
final class CustomersCsv {
  static final List<String> LABEL_COLUMNS =
      List.of(
          "activity_status",
          "nps_class",
          "abc_class",
          "rfm_r",
          "rfm_f",
          "rfm_m",
          "rfm_score",
          "rfm_segment",
          "value_score",
          "value_tier",
          "behaviour_group",
          "needs_type",
          "relationship",
          "lifecycle_stage",
          "tier_score",
          "tier",
          "next_tier",
          "gap_to_next_tier",
          "churn_probability",
          "churn_risk",
          "cluster",
          "cluster_name",
          "tags");

  private CustomersCsv() {}

  static List<String> header(List<String> attributeNames) {
    List<String> header = new ArrayList<>();
    header.add("customer_id");
    for (int i = 0; i < Indicator.count(); i++) {
      header.add(Indicator.ofOrdinal(i).key());
    }
    header.addAll(LABEL_COLUMNS);
    for (String attribute : attributeNames) {
      header.add(header.contains(attribute) ? "attribute_" + attribute : attribute);
    }
    return header;
  }

  /**
   * The attribute name behind a column of customers.csv: {@link #header} writes an attribute whose
   * name is taken by one of our columns as {@code attribute_<name>}.
   */
  static String attributeName(String column) {
    String prefix = "attribute_";
    if (column.startsWith(prefix)) {
      String name = column.substring(prefix.length());
      if (FIXED_COLUMNS.contains(name)) {
        return name;
      }
    }
    return column;
  }

  private static final java.util.Set<String> FIXED_COLUMNS =
      java.util.Set.copyOf(header(List.of()));

  static void row(
      StringBuilder line,
      Indicators indicators,
      CustomerResult result,
      String nextTier,
      String gap,
      double churnProbability,
      String churnRisk,
      int cluster,
      String clusterName,
      List<String> attributes) {
    text(line, indicators.customerId());
    for (int i = 0; i < Indicator.count(); i++) {
      line.append(',');
      number(line, indicators.value(i), Indicator.ofOrdinal(i).decimals());
    }
    line.append(',');
    text(line, result.activity());
    line.append(',');
    text(line, result.npsClass());
    line.append(',');
    text(line, result.abcClass());
    line.append(',');
    score(line, result.r());
    line.append(',');
    score(line, result.f());
    line.append(',');
    score(line, result.m());
    line.append(',').append(result.rfmScore()).append(',');
    text(line, result.rfmSegment());
    line.append(',');
    number(line, result.valueScore(), 2);
    line.append(',');
    text(line, result.valueTier());
    line.append(',');
    text(line, result.behaviourGroup());
    line.append(',');
    text(line, result.needsType());
    line.append(',');
    text(line, result.relationship());
    line.append(',');
    text(line, result.lifecycleStage());
    line.append(',');
    number(line, result.tier().score(), 2);
    line.append(',');
    text(line, result.tier().tier());
    line.append(',');
    text(line, nextTier);
    line.append(',');
    text(line, gap);
    line.append(',');
    number(line, churnProbability, 6);
    line.append(',');
    text(line, churnRisk);
    line.append(',');
    if (cluster >= 0) {
      line.append(cluster);
    }
    line.append(',');
    text(line, clusterName);
    line.append(',');
    text(line, String.join(";", result.tags()));
    for (String attribute : attributes) {
      line.append(',');
      text(line, attribute);
    }
    line.append('\n');
  }

  private static void score(StringBuilder line, int score) {
    if (score > 0) {
      line.append(score);
    }
  }

  /** Fixed-point, no exponent, {@code decimals} digits after the point; empty for NaN. */
  static void number(StringBuilder line, double value, int decimals) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      return;
    }
    long scale = decimals == 0 ? 1 : decimals == 2 ? 100 : decimals == 4 ? 10_000 : pow10(decimals);
    long scaled = Math.round(value * scale);
    if (scaled < 0) {
      line.append('-');
      scaled = -scaled;
    }
    line.append(scaled / scale);
    if (decimals > 0) {
      line.append('.');
      long fraction = scaled % scale;
      // digit by digit, leading zeros included: no String per number (tens of millions a run)
      for (long place = scale / 10; place > 0; place /= 10) {
        line.append((char) ('0' + fraction / place % 10));
      }
    }
  }

  private static long pow10(int decimals) {
    long scale = 1;
    for (int i = 0; i < decimals; i++) {
      scale *= 10;
    }
    return scale;
  }

  static void text(StringBuilder line, String value) {
    boolean quote = false;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == ',' || c == '"' || c == '\n' || c == '\r') {
        quote = true;
        break;
      }
    }
    if (!quote) {
      line.append(value);
      return;
    }
    line.append('"').append(value.replace("\"", "\"\"")).append('"');
  }
}
