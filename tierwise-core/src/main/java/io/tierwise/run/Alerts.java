package io.tierwise.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Churn alerts of a run ({@code alerts.csv}): every customer whose churn probability reaches the
 * policy's alert threshold, with tier, value, expected value at risk (probability × value) and the
 * top signals, ordered by expected value at risk so that high-value risk comes first (then by
 * probability, then by customer id). Filled from one thread.
 */
final class Alerts {
  static final List<String> HEADER =
      List.of(
          "customer_id",
          "tier",
          "value",
          "churn_probability",
          "expected_value_at_risk",
          "churn_risk",
          "top_signals");

  /**
   * One alert.
   *
   * @param value the customer's value (the policy's churn.value_indicator; 0 when missing)
   */
  record Alert(
      String customerId,
      String tier,
      double value,
      double probability,
      String band,
      String signals) {
    double expectedValueAtRisk() {
      return probability * value;
    }
  }

  static final Comparator<Alert> ORDER =
      Comparator.comparingDouble((Alert alert) -> -alert.expectedValueAtRisk())
          .thenComparingDouble(alert -> -alert.probability())
          .thenComparing(Alert::customerId);

  private final List<Alert> alerts = new ArrayList<>();

  void add(Alert alert) {
    alerts.add(alert);
  }

  /** How many alerts were raised. */
  int size() {
    return alerts.size();
  }

  List<Alert> sorted() {
    List<Alert> sorted = new ArrayList<>(alerts);
    sorted.sort(ORDER);
    return sorted;
  }

  void write(Path file) throws IOException {
    try (Writer writer =
        new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16)) {
      writer.write(String.join(",", HEADER));
      writer.write('\n');
      StringBuilder line = new StringBuilder(256);
      for (Alert alert : sorted()) {
        line.setLength(0);
        CustomersCsv.text(line, alert.customerId());
        line.append(',');
        CustomersCsv.text(line, alert.tier());
        line.append(',');
        CustomersCsv.number(line, alert.value(), 2);
        line.append(',');
        CustomersCsv.number(line, alert.probability(), 6);
        line.append(',');
        CustomersCsv.number(line, alert.expectedValueAtRisk(), 2);
        line.append(',');
        CustomersCsv.text(line, alert.band());
        line.append(',');
        CustomersCsv.text(line, alert.signals());
        writer.write(line.append('\n').toString());
      }
    }
  }

  void toJson(ObjectNode node) {
    node.put("alerts", alerts.size());
    node.put("alerts_file", ClassificationRun.ALERTS);
    double total = 0;
    for (Alert alert : alerts) {
      total += alert.expectedValueAtRisk();
    }
    node.put("expected_value_at_risk", Math.round(total * 100) / 100.0);
  }
}
