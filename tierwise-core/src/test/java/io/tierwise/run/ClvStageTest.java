package io.tierwise.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.NamedCsvRecord;
import io.tierwise.TierwiseException;
import io.tierwise.clv.BgNbdModel;
import io.tierwise.clv.CalibrationWindow;
import io.tierwise.clv.ClvModel;
import io.tierwise.clv.ClvScorer;
import io.tierwise.clv.ClvTimeUnit;
import io.tierwise.clv.CustomerValue;
import io.tierwise.clv.GammaGammaModel;
import io.tierwise.clv.RepeatPurchaseStats;
import io.tierwise.ingest.CustomerBase;
import io.tierwise.ingest.CustomerHistory;
import io.tierwise.ingest.Ingest;
import io.tierwise.ingest.IngestResult;
import io.tierwise.ingest.SourceMapping;
import io.tierwise.policy.TieringPolicy;
import io.tierwise.synth.GeneratorSettings;
import io.tierwise.synth.SyntheticCompanyGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `run` predicts potential value and P(alive) with the CLV models, or says why it did not. */
class ClvStageTest {

  @TempDir Path directory;

  private Path run(Path data, TieringPolicy policy) {
    return run(data, policy, "run");
  }

  private Path run(Path data, TieringPolicy policy, String name) {
    IngestResult ingest =
        Ingest.run(SourceMapping.ownFormat(data), directory.resolve("rejects.csv"));
    Path out = directory.resolve(name);
    ClassificationRun.execute(
        ingest.customers(),
        policy,
        RunFixtures.provenance(SourceMapping.ownFormat(data), policy),
        out);
    return out;
  }

  @Test
  void potentialValueIsTheDiscountedClvOfAFittedBgNbdAndGammaGamma() throws IOException {
    Path data = directory.resolve("data");
    new SyntheticCompanyGenerator().generate(GeneratorSettings.of(3000, 5), data);

    Path out = run(data, TieringPolicy.defaults());

    JsonNode summary = ModelFile.MAPPER.readTree(out.resolve("summary.json").toFile());
    JsonNode potential = summary.get("potential_value");
    assertThat(potential.get("method").asText()).isEqualTo("clv");
    JsonNode params = potential.get("purchase_model").get("params");
    assertThat(params.get("r").asDouble()).isBetween(0.1, 0.5);
    assertThat(params.get("a").asDouble()).isPositive();
    assertThat(potential.get("spend_model").get("params").get("p").asDouble()).isPositive();
    int alive = 0;
    int rows = 0;
    try (CsvReader<NamedCsvRecord> reader =
        CsvReader.builder().ofNamedCsvRecord(out.resolve("customers.csv"))) {
      for (NamedCsvRecord row : reader) {
        rows++;
        if (!row.getField("p_alive").isEmpty()) {
          alive++;
          assertThat(Double.parseDouble(row.getField("p_alive"))).isBetween(0.0, 1.0);
          assertThat(Double.parseDouble(row.getField("potential_value"))).isNotNegative();
        }
      }
    }
    assertThat(rows).isEqualTo(3000);
    assertThat(alive).isGreaterThan(2900);
  }

  @Test
  void aCustomersPotentialValueIsTheClvOfTheReportedModelsOnItsOwnPurchases() throws IOException {
    Path data = directory.resolve("data");
    new SyntheticCompanyGenerator().generate(GeneratorSettings.of(2000, 6), data);
    Path out = run(data, TieringPolicy.defaults());
    JsonNode potential =
        ModelFile.MAPPER.readTree(out.resolve("summary.json").toFile()).get("potential_value");
    JsonNode purchase = potential.get("purchase_model").get("params");
    JsonNode spend = potential.get("spend_model").get("params");
    ClvModel model =
        new ClvModel(
            new BgNbdModel(
                purchase.get("r").asDouble(),
                purchase.get("alpha").asDouble(),
                purchase.get("a").asDouble(),
                purchase.get("b").asDouble()),
            new GammaGammaModel(
                spend.get("p").asDouble(),
                spend.get("q").asDouble(),
                spend.get("gamma").asDouble()),
            ClvTimeUnit.WEEKS);
    CustomerBase customers =
        Ingest.run(SourceMapping.ownFormat(data), directory.resolve("again.csv")).customers();
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < customers.size(); i++) {
      index.put(customers.customerId(i), i);
    }
    CalibrationWindow window = CalibrationWindow.of(RunFixtures.AS_OF, ClvTimeUnit.WEEKS);
    int checked = 0;
    try (CsvReader<NamedCsvRecord> reader =
        CsvReader.builder().ofNamedCsvRecord(out.resolve("customers.csv"))) {
      for (NamedCsvRecord row : reader) {
        CustomerHistory.Purchases purchases =
            customers.purchases(index.get(row.getField("customer_id")));
        Optional<RepeatPurchaseStats> stats =
            RepeatPurchaseStats.from(purchases.days(), purchases.revenue(), window);
        if (stats.isEmpty() || checked >= 200) {
          continue;
        }
        CustomerValue expected = new ClvScorer(model, 12, 0.01).score(stats.get());
        assertThat(Double.parseDouble(row.getField("potential_value")))
            .isCloseTo(expected.lifetimeValue(), within(0.01));
        assertThat(Double.parseDouble(row.getField("p_alive")))
            .isCloseTo(expected.probabilityAlive(), within(0.0001));
        checked++;
      }
    }
    assertThat(checked).isEqualTo(200);

    Path runRate =
        run(data, TieringPolicy.parse("potential_value:\n  method: run_rate\n", "t"), "rate");
    JsonNode rate =
        ModelFile.MAPPER.readTree(runRate.resolve("summary.json").toFile()).get("potential_value");
    assertThat(rate.get("method").asText()).isEqualTo("run_rate");
    assertThat(rate.get("status").asText()).isEqualTo("run_rate (policy)");
    try (CsvReader<NamedCsvRecord> reader =
        CsvReader.builder().ofNamedCsvRecord(runRate.resolve("customers.csv"))) {
      reader.forEach(row -> assertThat(row.getField("p_alive")).isEmpty());
    }
  }

  @Test
  void aDegenerateBaseKeepsTheRunRateAndSaysWhy() throws IOException {
    Path data = Files.createDirectories(directory.resolve("tiny"));
    Files.writeString(
        data.resolve("orders.csv"),
        "customer_id,order_date,amount\nc1,2024-01-02,10\nc2,2024-03-02,20\nc3,2024-05-02,5\n");

    Path out = run(data, TieringPolicy.defaults());

    JsonNode potential =
        ModelFile.MAPPER.readTree(out.resolve("summary.json").toFile()).get("potential_value");
    assertThat(potential.get("method").asText()).isEqualTo("run_rate");
    assertThat(potential.get("status").asText())
        .startsWith("run_rate: the CLV models cannot be fitted on this data");
  }

  @Test
  void theMethodIsAPolicySwitchCheckedAtLoad() throws IOException {
    Path policy = directory.resolve("policy.yaml");
    Files.writeString(policy, "potential_value:\n  method: crystal_ball\n");
    assertThatThrownBy(() -> TieringPolicy.load(policy))
        .isInstanceOf(TierwiseException.class)
        .hasMessageContaining("potential_value.method: unknown method 'crystal_ball'");

    Files.writeString(policy, "potential_value:\n  method: run_rate\n");
    assertThat(TieringPolicy.load(policy).potentialValue().clv()).isFalse();
  }
}
