package io.tierwise.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import de.siegmar.fastcsv.reader.NamedCsvRecord;
import io.tierwise.TierwiseException;
import io.tierwise.churn.ChurnModel;
import io.tierwise.churn.ChurnOptions;
import io.tierwise.churn.ChurnTrainer;
import io.tierwise.churn.LabelledTable;
import io.tierwise.cluster.ClusterModel;
import io.tierwise.cluster.ClusterOptions;
import io.tierwise.cluster.ClusterTrainer;
import io.tierwise.ingest.Ingest;
import io.tierwise.ingest.IngestResult;
import io.tierwise.ingest.SourceMapping;
import io.tierwise.metrics.IndicatorFunction;
import io.tierwise.metrics.IndicatorTable;
import io.tierwise.policy.TieringPolicy;
import io.tierwise.synth.GeneratorSettings;
import io.tierwise.synth.SyntheticCompanyGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Churn early warning and k-means segments on a generated company of 20,000 customers whose truth
 * is known (2023-01-01 to 2024-12-31, run as of 2024-12-31, horizon 180 days).
 */
class ChurnAndClustersTest {
  private static final LocalDate AS_OF = LocalDate.of(2024, 12, 31);
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC);

  @TempDir static Path directory;
  static Path data;
  static IngestResult ingest;
  static Path out;
  static JsonNode summary;

  @BeforeAll
  static void generateAndRun() throws IOException {
    data = directory.resolve("data");
    new SyntheticCompanyGenerator().generate(GeneratorSettings.of(20_000, 11), data);
    ingest = Ingest.run(SourceMapping.ownFormat(data), directory.resolve("rejects.csv"));
    out = run(directory.resolve("run"), new ChurnSource.TrainOnHistory());
    summary = ModelFile.MAPPER.readTree(out.resolve("summary.json").toFile());
  }

  private static Path run(Path target, ChurnSource source) {
    return run(target, source, TieringPolicy.defaults());
  }

  private static Path run(Path target, ChurnSource source, TieringPolicy policy) {
    RunProvenance provenance =
        RunProvenance.of(
            AS_OF, policy.name(), policy.version(), policy.sha256(), List.of(), "test");
    ClassificationRun.execute(ingest.customers(), policy, provenance, target, source, CLOCK);
    return target;
  }

  @Test
  void theHistoryModelRanksCustomersWhoStopBuyingAfterT() {
    JsonNode churn = summary.path("churn");
    JsonNode validation = churn.path("validation");
    System.out.printf(
        "history churn: split %s%n  test customers %d, churners %d, AUC %.3f, AUC-PR %.3f,"
            + " Brier %.3f, mean predicted %.3f vs observed %.3f; AUC on active customers %.3f"
            + " (%d)%n  calibration %s%n  causes %s%n",
        churn.path("split").asText(),
        validation.path("customers").asInt(),
        validation.path("positives").asInt(),
        validation.path("auc").asDouble(),
        validation.path("auc_pr").asDouble(),
        validation.path("brier").asDouble(),
        validation.path("mean_predicted").asDouble(),
        validation.path("observed_rate").asDouble(),
        validation.path("auc_active_customers").asDouble(),
        validation.path("active_test_customers").asInt(),
        validation.path("calibration"),
        churn.path("causes").path("overall"));
    assertThat(churn.path("split").asText()).startsWith("time-based");
    assertThat(validation.path("auc").asDouble()).isGreaterThan(0.75);
    assertThat(validation.path("auc_active_customers").asDouble()).isGreaterThan(0.65);
    assertThat(
            Math.abs(
                validation.path("mean_predicted").asDouble()
                    - validation.path("observed_rate").asDouble()))
        .isLessThan(0.05);
    assertThat(validation.path("calibration")).hasSize(10);
    assertThat(churn.path("causes").path("tier").size()).isGreaterThan(1);
    assertThat(churn.path("causes").path("overall").path("signals").size()).isPositive();
  }

  @Test
  void alertsAreOrderedByExpectedValueAtRiskAndCarryTheirSignals() throws IOException {
    List<List<String>> alerts = readCsv(out.resolve("alerts.csv"));
    assertThat(alerts.get(0)).isEqualTo(Alerts.HEADER);
    assertThat(alerts.size()).isGreaterThan(100);
    double threshold = TieringPolicy.defaults().churn().alertThreshold();
    double previous = Double.POSITIVE_INFINITY;
    for (List<String> alert : alerts.subList(1, alerts.size())) {
      double probability = Double.parseDouble(alert.get(3));
      double atRisk = Double.parseDouble(alert.get(4));
      assertThat(probability).isGreaterThanOrEqualTo(threshold);
      assertThat(atRisk).isLessThanOrEqualTo(previous);
      assertThat(atRisk)
          .isCloseTo(
              probability * Double.parseDouble(alert.get(2)),
              org.assertj.core.data.Offset.offset(0.02));
      assertThat(alert.get(6)).matches("[a-z_]+ [^;]+ \\(\\+\\d+\\.\\d\\d\\).*");
      previous = atRisk;
    }
    System.out.println("first alerts: " + alerts.subList(1, 4));
  }

  @Test
  void aSavedModelIsReusedWithoutRetrainingAndGivesTheSameScores() throws IOException {
    Path file = out.resolve("churn-model.json");
    Path again =
        run(
            directory.resolve("reused"),
            new ChurnSource.Reuse(ChurnModel.load(file), file.toString()));
    JsonNode reused = ModelFile.MAPPER.readTree(again.resolve("summary.json").toFile());
    assertThat(reused.path("churn").path("source").asText()).startsWith("reused from");
    assertThat(column(again, "churn_probability")).isEqualTo(column(out, "churn_probability"));
    assertThat(Files.readAllBytes(again.resolve("alerts.csv")))
        .isEqualTo(Files.readAllBytes(out.resolve("alerts.csv")));
  }

  @Test
  void aTrainedModelBelowMinAucScoresNobodyButAReusedOneIsStillUsed() throws IOException {
    TieringPolicy strict = TieringPolicy.parse("churn:\n  min_auc: 0.99\n", "strict policy");

    Path skipped = run(directory.resolve("strict"), new ChurnSource.TrainOnHistory(), strict);

    JsonNode churn =
        ModelFile.MAPPER.readTree(skipped.resolve("summary.json").toFile()).path("churn");
    assertThat(churn.path("skipped").asText()).contains("below churn.min_auc 0.99");
    assertThat(skipped.resolve(ClassificationRun.CHURN_MODEL)).doesNotExist();
    assertThat(Files.readAllLines(skipped.resolve("alerts.csv"))).hasSize(1);
    try (CsvReader<NamedCsvRecord> reader =
        CsvReader.builder().ofNamedCsvRecord(skipped.resolve("customers.csv"))) {
      reader.forEach(row -> assertThat(row.getField("churn_probability")).isEmpty());
    }

    ChurnModel saved = ChurnModel.load(out.resolve(ClassificationRun.CHURN_MODEL));
    Path reused =
        run(
            directory.resolve("strict-reused"),
            new ChurnSource.Reuse(saved, out.resolve(ClassificationRun.CHURN_MODEL).toString()),
            strict);
    assertThat(Files.readAllLines(reused.resolve("alerts.csv")))
        .isEqualTo(Files.readAllLines(out.resolve("alerts.csv")));
  }

  @Test
  void aModelTrainedOnAnotherSchemaIsRefusedWithTheColumnsNamed() {
    List<List<String>> rows = new ArrayList<>();
    Random random = new Random(1);
    for (int i = 0; i < 200; i++) {
      rows.add(
          List.of(
              "c" + i,
              String.valueOf(random.nextInt(72)),
              random.nextBoolean() ? "Month-to-month" : "Two year",
              random.nextInt(4) == 0 ? "Yes" : "No"));
    }
    LabelledTable table =
        LabelledTable.of(List.of("customerID", "tenure", "Contract", "Churn"), rows);
    ChurnModel telcoLike =
        new ChurnTrainer(ChurnOptions.of("Churn", "customerID"), CLOCK).train(table);
    assertThatThrownBy(() -> new ChurnSource.Reuse(telcoLike, "telco.json"))
        .isInstanceOf(TierwiseException.class)
        .hasMessageContaining("trained on another schema")
        .hasMessageContaining("tenure")
        .hasMessageContaining("Contract")
        .hasMessageContaining("telco.json");
  }

  @Test
  void clustersMatchTheLatentBehaviourGroups() throws IOException {
    IndicatorTable table =
        IndicatorTable.compute(
            ingest.customers(),
            new IndicatorFunction(
                (int) AS_OF.toEpochDay(),
                TieringPolicy.defaults().indicators(),
                ingest.customers().featureCount()));
    TieringPolicy.Clusters settings = TieringPolicy.defaults().clusters();
    ClusterOptions options = new ClusterOptions(settings.features(), 4, 2, 8, true, 42, 50_000);
    ClusterModel model = ClusterTrainer.fit(table, options);
    Map<String, String> truth = new HashMap<>();
    for (List<String> row :
        readCsv(data.resolve("truth-customers.csv")).subList(1, table.size() + 1)) {
      truth.put(row.get(0), row.get(1));
    }
    int[] predicted = new int[table.size()];
    int[] actual = new int[table.size()];
    Map<String, Integer> groups = new HashMap<>();
    for (int row = 0; row < table.size(); row++) {
      double[] values = new double[options.features().size()];
      for (int f = 0; f < values.length; f++) {
        values[f] = table.value(options.features().get(f), row);
      }
      predicted[row] = model.assign(values);
      actual[row] = groups.computeIfAbsent(truth.get(table.customerId(row)), key -> groups.size());
    }
    double ari = AdjustedRand.index(predicted, actual);
    System.out.printf(
        "k-means k=4 vs latent behaviour groups: ARI %.3f; profiles %s%n", ari, model.profiles());
    assertThat(ari).isGreaterThan(0.2);

    ClusterModel same = ClusterTrainer.fit(table, options);
    assertThat(same.profiles()).isEqualTo(model.profiles());
    for (int c = 0; c < model.k(); c++) {
      assertThat(same.centroid(c)).containsExactly(model.centroid(c));
    }
    Path file = directory.resolve("clusters.json");
    model.save(file);
    assertThat(ClusterModel.load(file).profiles()).isEqualTo(model.profiles());
    assertThat(summary.path("clusters").path("profiles").size())
        .isEqualTo(summary.path("clusters").path("k").asInt());
    System.out.println("run clusters (auto k): " + summary.path("clusters").path("silhouettes"));
  }

  private static List<String> column(Path run, String name) throws IOException {
    List<List<String>> rows = readCsv(run.resolve("customers.csv"));
    int index = rows.get(0).indexOf(name);
    return rows.stream().skip(1).map(row -> row.get(index)).toList();
  }

  private static List<List<String>> readCsv(Path file) throws IOException {
    List<List<String>> rows = new ArrayList<>();
    try (CsvReader<CsvRecord> reader = CsvReader.builder().ofCsvRecord(file)) {
      for (CsvRecord record : reader) {
        rows.add(List.copyOf(record.getFields()));
      }
    }
    return rows;
  }
}
