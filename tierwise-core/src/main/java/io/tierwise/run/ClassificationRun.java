package io.tierwise.run;

import io.tierwise.TierwiseException;
import io.tierwise.classify.ClassificationModel;
import io.tierwise.classify.ClassificationTrainer;
import io.tierwise.classify.CustomerResult;
import io.tierwise.classify.Reasons;
import io.tierwise.ingest.CustomerBase;
import io.tierwise.metrics.Indicator;
import io.tierwise.metrics.IndicatorFunction;
import io.tierwise.metrics.IndicatorTable;
import io.tierwise.metrics.Indicators;
import io.tierwise.policy.TieringPolicy;
import io.tierwise.tiering.TierAssignment;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * One classification run: indicators for every customer (parallel), fit, then classify in chunks
 * (parallel within a chunk, written in customer order), and write the outputs. Memory: the ingest
 * ledger, one indicator table (a {@code double} per customer and indicator) and one chunk of rows.
 */
public final class ClassificationRun {
  /** Customers classified and formatted per parallel chunk. */
  private static final int CHUNK = 16_384;

  static final String CUSTOMERS = "customers.csv";
  static final String SUMMARY = "summary.json";
  static final String POLICY = "policy.yaml";

  private ClassificationRun() {}

  /** What a run produced. */
  public record Outcome(
      RunProvenance provenance, Path directory, long customers, ClassificationModel model) {}

  /**
   * Runs classification over ingested customers and writes {@code customers.csv}, {@code
   * summary.json}, {@code model.json} and {@code policy.yaml} into {@code out}.
   */
  public static Outcome execute(
      CustomerBase customers, TieringPolicy policy, RunProvenance provenance, Path out) {
    int asOfDay = (int) provenance.asOf().toEpochDay();
    IndicatorFunction function =
        new IndicatorFunction(asOfDay, policy.indicators(), customers.featureCount());
    IndicatorTable table = IndicatorTable.compute(customers, function);
    ClassificationModel model = ClassificationTrainer.fit(table, policy);
    try {
      Files.createDirectories(out);
      RunSummary summary = new RunSummary(model);
      writeCustomers(table, model, summary, out.resolve(CUSTOMERS));
      Files.writeString(
          out.resolve(SUMMARY),
          ModelFile.MAPPER.writeValueAsString(summary.toJson(provenance, table)) + "\n");
      ModelFile.write(model, out.resolve(ModelFile.NAME));
      Files.writeString(out.resolve(POLICY), policy.text(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw TierwiseException.storage("cannot write results to " + out + ": " + e.getMessage(), e);
    }
    return new Outcome(provenance, out, table.size(), model);
  }

  private static void writeCustomers(
      IndicatorTable table, ClassificationModel model, RunSummary summary, Path file)
      throws IOException {
    List<String> attributeNames = table.attributeNames();
    try (Writer writer =
        new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16)) {
      StringBuilder header = new StringBuilder();
      List<String> columns = CustomersCsv.header(attributeNames);
      for (int i = 0; i < columns.size(); i++) {
        if (i > 0) {
          header.append(',');
        }
        CustomersCsv.text(header, columns.get(i));
      }
      writer.write(header.append('\n').toString());
      for (int start = 0; start < table.size(); start += CHUNK) {
        int end = Math.min(table.size(), start + CHUNK);
        Row[] rows =
            IntStream.range(start, end)
                .parallel()
                .mapToObj(row -> classify(table, model, row, attributeNames))
                .toArray(Row[]::new);
        for (Row row : rows) {
          summary.add(row.monetary, row.result);
          writer.write(row.line);
        }
      }
    }
  }

  private record Row(String line, double monetary, CustomerResult result) {}

  private static Row classify(
      IndicatorTable table, ClassificationModel model, int row, List<String> attributeNames) {
    Indicators indicators = table.row(row);
    List<String> attributes = new ArrayList<>(attributeNames.size());
    Map<String, String> attributeMap = new HashMap<>();
    for (int i = 0; i < attributeNames.size(); i++) {
      String value = table.attribute(i, row);
      attributes.add(value);
      if (!value.isEmpty()) {
        attributeMap.put(attributeNames.get(i), value);
      }
    }
    CustomerResult result = model.classify(indicators, attributeMap, Reasons.NONE);
    TierAssignment tier = result.tier();
    String nextTier =
        model.policy().tierAbove(tier.tierIndex()).map(TieringPolicy.Tier::name).orElse("");
    String gap = String.join("; or ", model.tiering().gap(indicators, tier));
    StringBuilder line = new StringBuilder(512);
    CustomersCsv.row(line, indicators, result, nextTier, gap, attributes);
    return new Row(line.toString(), indicators.value(Indicator.MONETARY), result);
  }
}
