package io.tierwise.run;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import io.tierwise.TierwiseException;
import io.tierwise.classify.ClassificationModel;
import io.tierwise.classify.CustomerResult;
import io.tierwise.classify.Reason;
import io.tierwise.classify.Reasons;
import io.tierwise.metrics.Indicator;
import io.tierwise.metrics.Indicators;
import io.tierwise.policy.TieringPolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Explains one customer of a stored run: reads the customer's row from {@code customers.csv},
 * re-applies the stored models ({@code model.json}, {@code policy.yaml}) with reasons collected,
 * and checks that every label it gets is the label the run wrote.
 */
public final class RunExplanation {
  private static final List<String> MODELS =
      List.of(
          "activity",
          "nps_class",
          "abc_class",
          "rfm_scores",
          "rfm_segment",
          "value_tier",
          "behaviour_group",
          "needs_type",
          "relationship",
          "lifecycle_stage",
          "tier",
          "tags");

  private RunExplanation() {}

  /**
   * The explanation of {@code customerId}.
   *
   * @param written labels as written in customers.csv, by column
   * @param result labels as re-derived now
   * @param reasons why
   * @param gap ways to reach the next tier
   * @param attributes the customer's attributes
   * @param indicators the customer's indicators
   * @param mismatches columns whose written label differs from the re-derived one (should be none)
   */
  public record Explanation(
      Map<String, String> written,
      CustomerResult result,
      List<Reason> reasons,
      List<String> gap,
      Map<String, String> attributes,
      Indicators indicators,
      List<String> mismatches) {}

  public static Explanation explain(Path runDirectory, String customerId) {
    Path policyFile = runDirectory.resolve(ClassificationRun.POLICY);
    Path customers = runDirectory.resolve(ClassificationRun.CUSTOMERS);
    if (!Files.isRegularFile(customers) || !Files.isRegularFile(policyFile)) {
      throw TierwiseException.invalidInput(
          runDirectory
              + " is not a run directory (expected customers.csv, policy.yaml, model.json)");
    }
    TieringPolicy policy = TieringPolicy.load(policyFile);
    ClassificationModel model = ModelFile.read(runDirectory.resolve(ModelFile.NAME), policy);
    Map<String, String> row =
        find(customers, customerId)
            .orElseThrow(
                () ->
                    TierwiseException.invalidInput(
                        "customer '" + customerId + "' is not in " + customers));
    double[] values = new double[Indicator.count()];
    for (int i = 0; i < values.length; i++) {
      String column = Indicator.ofOrdinal(i).key();
      String cell = row.getOrDefault(column, "");
      try {
        values[i] = cell.isEmpty() ? Double.NaN : Double.parseDouble(cell);
      } catch (NumberFormatException e) {
        throw TierwiseException.invalidInput(
            customers
                + ": "
                + column
                + " of customer '"
                + customerId
                + "' is not a number: '"
                + cell
                + "'");
      }
    }
    Indicators indicators = Indicators.of(customerId, values);
    Map<String, String> attributes = new LinkedHashMap<>();
    boolean afterTags = false;
    for (Map.Entry<String, String> entry : row.entrySet()) {
      if (afterTags && !entry.getValue().isEmpty()) {
        attributes.put(CustomersCsv.attributeName(entry.getKey()), entry.getValue());
      }
      afterTags |= entry.getKey().equals("tags");
    }
    Reasons reasons = Reasons.collecting();
    CustomerResult result = model.classify(indicators, attributes, reasons);
    Map<String, String> derived = new LinkedHashMap<>();
    derived.put("activity_status", result.activity());
    derived.put("nps_class", result.npsClass());
    derived.put("abc_class", result.abcClass());
    derived.put("rfm_score", result.rfmScore());
    derived.put("rfm_segment", result.rfmSegment());
    derived.put("value_tier", result.valueTier());
    derived.put("behaviour_group", result.behaviourGroup());
    derived.put("needs_type", result.needsType());
    derived.put("relationship", result.relationship());
    derived.put("lifecycle_stage", result.lifecycleStage());
    derived.put("tier", result.tier().tier());
    derived.put("tags", String.join(";", result.tags()));
    List<String> mismatches =
        derived.entrySet().stream()
            .filter(entry -> !entry.getValue().equals(row.getOrDefault(entry.getKey(), "")))
            .map(
                entry ->
                    entry.getKey()
                        + ": written '"
                        + row.get(entry.getKey())
                        + "', re-derived '"
                        + entry.getValue()
                        + "'")
            .toList();
    List<Reason> ordered =
        new ArrayList<>(MODELS.stream().flatMap(name -> reasons.of(name).stream()).toList());
    List<String> allMismatches = new ArrayList<>(mismatches);
    SegmentExplanation.churn(runDirectory, policy, indicators, row, ordered, allMismatches);
    SegmentExplanation.cluster(runDirectory, indicators, row, ordered, allMismatches);
    return new Explanation(
        row,
        result,
        ordered,
        model.tiering().gap(indicators, result.tier()),
        attributes,
        indicators,
        allMismatches);
  }

  private static Optional<Map<String, String>> find(Path customers, String customerId) {
    try (CsvReader<CsvRecord> reader = CsvReader.builder().ofCsvRecord(customers)) {
      List<String> header = null;
      for (CsvRecord record : reader) {
        if (header == null) {
          header = record.getFields();
          continue;
        }
        if (record.getField(0).equals(customerId)) {
          Map<String, String> row = new LinkedHashMap<>();
          for (int i = 0; i < header.size() && i < record.getFieldCount(); i++) {
            row.put(header.get(i), record.getField(i));
          }
          return Optional.of(row);
        }
      }
      return Optional.empty();
    } catch (IOException e) {
      throw TierwiseException.invalidInput("cannot read " + customers + ": " + e.getMessage());
    } catch (UncheckedIOException e) {
      throw TierwiseException.invalidInput("cannot read " + customers + ": " + e.getMessage());
    }
  }

  /** The explanation as text for people. */
  public static String render(Explanation explanation) {
    StringBuilder text = new StringBuilder();
    Map<String, String> row = explanation.written();
    text.append("Customer ").append(explanation.indicators().customerId()).append('\n');
    text.append("  tier ")
        .append(row.get("tier"))
        .append(" (score ")
        .append(row.get("tier_score"))
        .append(")");
    text.append(", value tier ").append(row.get("value_tier"));
    text.append(", ABC ").append(row.get("abc_class"));
    text.append(", RFM ")
        .append(row.get("rfm_score"))
        .append(' ')
        .append(row.get("rfm_segment"))
        .append('\n');
    text.append("  ")
        .append(row.get("activity_status"))
        .append(", ")
        .append(row.get("lifecycle_stage"));
    text.append(", ")
        .append(row.get("behaviour_group"))
        .append(", needs ")
        .append(row.get("needs_type"));
    text.append(", relationship ")
        .append(row.get("relationship"))
        .append(", NPS ")
        .append(row.get("nps_class"))
        .append('\n');
    if (!row.getOrDefault("churn_probability", "").isEmpty()) {
      text.append("  churn risk ")
          .append(row.get("churn_risk"))
          .append(" (probability ")
          .append(row.get("churn_probability"))
          .append(")");
    }
    if (!row.getOrDefault("cluster", "").isEmpty()) {
      text.append(row.getOrDefault("churn_probability", "").isEmpty() ? "  " : ", ")
          .append("cluster ")
          .append(row.get("cluster"))
          .append(" '")
          .append(row.get("cluster_name"))
          .append("'");
    }
    if (!row.getOrDefault("churn_probability", "").isEmpty()
        || !row.getOrDefault("cluster", "").isEmpty()) {
      text.append('\n');
    }
    text.append("  tags: ")
        .append(row.get("tags").isEmpty() ? "none" : row.get("tags").replace(";", ", "))
        .append('\n');
    if (!explanation.attributes().isEmpty()) {
      text.append("\nAttributes\n");
      explanation
          .attributes()
          .forEach(
              (key, value) ->
                  text.append("  ").append(key).append(": ").append(value).append('\n'));
    }
    text.append("\nIndicators\n");
    for (int i = 0; i < Indicator.count(); i++) {
      String key = Indicator.ofOrdinal(i).key();
      String value = row.getOrDefault(key, "");
      text.append("  ").append(key).append(": ").append(value.isEmpty() ? "-" : value).append('\n');
    }
    text.append("\nWhy\n");
    String model = "";
    for (Reason reason : explanation.reasons()) {
      if (!reason.model().equals(model)) {
        model = reason.model();
        text.append("  ").append(model).append('\n');
      }
      text.append("    rule: ").append(reason.rule()).append('\n');
      if (!reason.numbers().isEmpty()) {
        text.append("      with ").append(reason.numbers()).append('\n');
      }
    }
    text.append("\nTo reach the next tier");
    if (row.getOrDefault("next_tier", "").isEmpty()) {
      text.append(": already in the top tier\n");
    } else {
      text.append(" (").append(row.get("next_tier")).append("), any one of, all else equal:\n");
      if (explanation.gap().isEmpty()) {
        text.append("  no single dimension is enough; several must improve together\n");
      }
      explanation.gap().forEach(option -> text.append("  ").append(option).append('\n'));
    }
    if (!explanation.mismatches().isEmpty()) {
      text.append("\nWARNING: the stored labels differ from the re-derived ones:\n");
      explanation.mismatches().forEach(line -> text.append("  ").append(line).append('\n'));
    }
    return text.toString();
  }
}
