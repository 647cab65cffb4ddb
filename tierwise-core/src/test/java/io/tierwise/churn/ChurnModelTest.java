package io.tierwise.churn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import io.tierwise.TierwiseException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ChurnModelTest {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
  private static final LabelledTable TABLE = SyntheticChurnTables.table(1500, 7);

  @TempDir Path temp;

  static ChurnModel train(ChurnModelKind kind) {
    return new ChurnTrainer(ChurnOptions.of("churned", "customer_id").withKind(kind), CLOCK)
        .train(TABLE);
  }

  @ParameterizedTest
  @EnumSource(ChurnModelKind.class)
  void savedAndLoadedModelGivesIdenticalScores(ChurnModelKind kind) {
    ChurnModel model = train(kind);
    Path file = temp.resolve("model.json");

    model.save(file);
    ChurnModel loaded = ChurnModel.load(file);

    assertThat(loaded.score(TABLE)).isEqualTo(model.score(TABLE));
    assertThat(loaded.evaluation()).isEqualTo(model.evaluation());
    assertThat(loaded.provenance()).isEqualTo(model.provenance());
    assertThat(loaded.columns()).isEqualTo(model.columns());
  }

  @ParameterizedTest
  @EnumSource(ChurnModelKind.class)
  void learnsTheSyntheticSignalAndExplainsItPerOriginalColumn(ChurnModelKind kind) {
    ChurnModel model = train(kind);
    assertThat(model.evaluation().auc()).isGreaterThan(0.75);

    Map<String, String> customer = new LinkedHashMap<>();
    customer.put("customer_id", "new");
    customer.put("tenure", "1");
    customer.put("plan", "monthly");
    customer.put("monthly", "90");
    customer.put("region", "north");
    List<Contribution> why = model.explain(customer);

    assertThat(why)
        .extracting(Contribution::column)
        .containsExactlyInAnyOrder("tenure", "plan", "monthly", "region");
    assertThat(why.get(0).column()).isIn("plan", "tenure");
    assertThat(why.get(0).contribution()).isPositive();
    assertThat(why)
        .isSortedAccordingTo(
            (a, b) -> Double.compare(Math.abs(b.contribution()), Math.abs(a.contribution())));
    assertThat(model.probability(customer)).isGreaterThan(0.5);
  }

  @Test
  void logisticContributionsAddUpToTheLogOddsAroundTheIntercept() {
    ChurnModel model = train(ChurnModelKind.LOGISTIC);
    Map<String, String> customer =
        Map.of("tenure", "30", "plan", "yearly", "monthly", "50", "region", "east");
    double sum = model.explain(customer).stream().mapToDouble(Contribution::contribution).sum();
    LogisticScorer scorer = (LogisticScorer) model.scorer();

    assertThat(model.calibration().apply(sum + scorer.intercept()))
        .isCloseTo(model.probability(customer), offset(1e-12));
  }

  @Test
  void scoresATableWithoutTheLabelColumnAndRefusesOneWithoutAModelColumn() {
    ChurnModel model = train(ChurnModelKind.LOGISTIC);
    LabelledTable unlabelled =
        LabelledTable.of(
            List.of("customer_id", "region", "monthly", "plan", "tenure"),
            List.of(
                List.of("x1", "west", "70", "two-year", "60"),
                List.of("x2", "?", "", "weekly", "0")));
    LabelledTable incomplete =
        LabelledTable.of(List.of("customer_id", "tenure"), List.of(List.of("x1", "3")));

    assertThat(model.score(unlabelled))
        .extracting(CustomerScore::customerId)
        .containsExactly("x1", "x2");
    assertThatThrownBy(() -> model.score(incomplete))
        .isInstanceOf(TierwiseException.class)
        .hasMessageContaining("missing column(s) plan, monthly, region");
  }

  @Test
  void aVersionOneModelFileStillLoadsAndScoresAsWhenItWasWritten() throws IOException {
    Path file = temp.resolve("model-v1.json");
    try (InputStream fixture = getClass().getResourceAsStream("/churn/model-v1-logistic.json")) {
      Files.copy(fixture, file);
    }

    ChurnModel model = ChurnModel.load(file);

    assertThat(model.kind()).isEqualTo(ChurnModelKind.LOGISTIC);
    assertThat(model.provenance().trainedAt()).isEqualTo("2026-01-01T00:00:00Z");
    List<CustomerScore> scores = model.score(TABLE);
    // Golden values written when format version 1 was introduced; they must never change.
    assertThat(scores).hasSize(1500);
    assertThat(scores.get(0).probability()).isCloseTo(0.0031263095547245674, offset(1e-12));
    assertThat(scores.get(1).probability()).isCloseTo(0.6311766515928183, offset(1e-12));
    assertThat(scores.get(1).flagged()).isTrue();
    assertThat(scores.get(2).probability()).isCloseTo(0.013585279877966639, offset(1e-12));
  }

  @Test
  void refusesAModelFileFromANewerFormatVersion() throws IOException {
    Path file = temp.resolve("model.json");
    train(ChurnModelKind.LOGISTIC).save(file);
    Files.writeString(
        file, Files.readString(file).replace("\"format_version\" : 1", "\"format_version\" : 99"));

    assertThatThrownBy(() -> ChurnModel.load(file))
        .isInstanceOf(TierwiseException.class)
        .hasMessageContaining("format version 99");
  }

  @Test
  void aDamagedModelFileIsAnInputErrorNamingTheFile() throws IOException {
    Path file = temp.resolve("damaged.json");
    train(ChurnModelKind.LOGISTIC).save(file);
    com.fasterxml.jackson.databind.ObjectMapper json =
        new com.fasterxml.jackson.databind.ObjectMapper();
    com.fasterxml.jackson.databind.node.ObjectNode root =
        (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(file.toFile());
    root.remove("calibration");
    json.writeValue(file.toFile(), root);

    assertThatThrownBy(() -> ChurnModel.load(file))
        .isInstanceOf(TierwiseException.class)
        .hasMessageStartingWith("model file " + file + " is damaged")
        .extracting(e -> ((TierwiseException) e).category())
        .isEqualTo(TierwiseException.Category.INVALID_INPUT);
  }

  @Test
  void trainingIsReproducibleForTheSameSeed() {
    assertThat(train(ChurnModelKind.GBT).score(TABLE))
        .isEqualTo(train(ChurnModelKind.GBT).score(TABLE));
  }

  @Test
  void refusesTablesThatCannotTrainAModel(@TempDir Path dir) throws IOException {
    Path empty = Files.writeString(dir.resolve("empty.csv"), "");
    Path headerOnly = Files.writeString(dir.resolve("header.csv"), "customer_id,tenure,churned\n");
    ChurnTrainer trainer = new ChurnTrainer(ChurnOptions.of("churned", "customer_id"), CLOCK);

    assertThatThrownBy(() -> LabelledTable.read(empty)).hasMessageContaining("is empty");
    assertThatThrownBy(() -> LabelledTable.read(dir.resolve("absent.csv")))
        .hasMessageContaining("not found");
    assertThatThrownBy(() -> trainer.train(LabelledTable.read(headerOnly)))
        .hasMessageContaining("no customer rows");
    assertThatThrownBy(
            () -> new ChurnTrainer(ChurnOptions.of("Churn", "customer_id"), CLOCK).train(TABLE))
        .hasMessageContaining("label column 'Churn' is not in the table");
  }
}
