package io.tierwise.churn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The IBM Telco churn table (7,043 customers), when the shared data directory is present. */
class ChurnTelcoTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
  private static LabelledTable telco;

  @BeforeAll
  static void readTelco() {
    Path file = sharedData().resolve("telco-churn/Telco-Customer-Churn.csv");
    assumeThat(Files.isRegularFile(file)).as("shared Telco data at " + file).isTrue();
    telco = LabelledTable.read(file);
  }

  /** Walks up from the working directory to the first one holding shared/data. */
  static Path sharedData() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("shared/data");
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    return Path.of("shared/data");
  }

  private static ChurnModel train(ChurnModelKind kind) {
    return new ChurnTrainer(ChurnOptions.of("Churn", "customerID").withKind(kind), CLOCK)
        .train(telco);
  }

  @Test
  void logisticRegressionReachesThePublishedAucOnTheHeldOutTestSplit() {
    ChurnModel model = train(ChurnModelKind.LOGISTIC);
    ChurnEvaluation evaluation = model.evaluation();
    System.out.printf(
        "telco logistic: auc=%.4f auc_pr=%.4f threshold=%.3f mean_predicted=%.4f observed=%.4f%n",
        evaluation.auc(),
        evaluation.aucPr(),
        evaluation.threshold(),
        evaluation.meanPredicted(),
        evaluation.observedRate());
    assertThat(evaluation.auc()).isGreaterThanOrEqualTo(0.84);
    assertThat(evaluation.customers()).isEqualTo(1409);
    assertThat(evaluation.positives()).isEqualTo(374);
    assertCalibrated(evaluation);
    assertThat(model.labelMapping()).isEqualTo(new LabelMapping("Yes", "No"));
    assertThat(model.provenance().inputSha256()).hasSize(64);
    ColumnSchema totalCharges =
        model.columns().stream()
            .filter(c -> c.name().equals("TotalCharges"))
            .findFirst()
            .orElseThrow();
    assertThat(totalCharges.type()).isEqualTo(ColumnSchema.Type.NUMERIC);
  }

  @Test
  void boostedTreesReachTheirAucAndExplainWithTreeContributions() {
    ChurnModel model = train(ChurnModelKind.GBT);
    ChurnEvaluation evaluation = model.evaluation();
    System.out.printf(
        "telco gbt: auc=%.4f auc_pr=%.4f threshold=%.3f mean_predicted=%.4f observed=%.4f%n",
        evaluation.auc(),
        evaluation.aucPr(),
        evaluation.threshold(),
        evaluation.meanPredicted(),
        evaluation.observedRate());
    assertThat(evaluation.auc()).isGreaterThanOrEqualTo(0.83);
    assertCalibrated(evaluation);
    List<Contribution> why = model.explain(firstRow());
    assertThat(why).hasSize(model.columns().size());
    assertThat(Math.abs(why.get(0).contribution()))
        .isGreaterThanOrEqualTo(Math.abs(why.get(why.size() - 1).contribution()));
  }

  private static void assertCalibrated(ChurnEvaluation evaluation) {
    assertThat(evaluation.meanPredicted()).isCloseTo(evaluation.observedRate(), within(0.03));
    assertThat(evaluation.deciles()).hasSize(10);
    assertThat(evaluation.deciles().get(0).observedRate())
        .isGreaterThan(evaluation.deciles().get(9).observedRate());
    for (DecileRow decile : evaluation.deciles()) {
      assertThat(decile.meanPredicted()).isCloseTo(decile.observedRate(), within(0.12));
    }
  }

  private static org.assertj.core.data.Offset<Double> within(double offset) {
    return org.assertj.core.data.Offset.offset(offset);
  }

  private static Map<String, String> firstRow() {
    Map<String, String> row = new LinkedHashMap<>();
    for (int c = 0; c < telco.columns().size(); c++) {
      row.put(telco.columns().get(c), telco.cell(0, c));
    }
    return row;
  }
}
