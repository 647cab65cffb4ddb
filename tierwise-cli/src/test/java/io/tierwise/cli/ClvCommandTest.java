package io.tierwise.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tierwise.clv.ClvModelFile;
import io.tierwise.synth.GeneratorSettings;
import io.tierwise.synth.SyntheticCompanyGenerator;
import io.tierwise.testing.SharedData;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code tierwise clv fit} end to end: files through ingest, statistics, fits and outputs. */
class ClvCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private record Run(int exitCode, String out, String err) {
    JsonNode json() throws IOException {
      return JSON.readTree(out);
    }
  }

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine commandLine = TierwiseCommand.newCommandLine();
    commandLine.setOut(new PrintWriter(out));
    commandLine.setErr(new PrintWriter(err));
    int exitCode = commandLine.execute(args);
    return new Run(exitCode, out.toString(), err.toString());
  }

  private Run fitSample(String... extra) {
    SharedData.require("cdnow/cdnowElog.csv");
    String mapping =
        SharedData.repository().resolve("examples/cdnow-sample/mapping.yaml").toString();
    List<String> args =
        new ArrayList<>(
            List.of(
                "clv",
                "fit",
                "--mapping",
                mapping,
                "--calibration-end",
                "1997-09-30",
                "--holdout-end",
                "1998-06-30",
                "--time-unit",
                "weeks",
                "--json",
                "--rejects",
                dir.resolve("rejects.csv").toString()));
    args.addAll(List.of(extra));
    return run(args.toArray(String[]::new));
  }

  private static void assertParam(JsonNode report, String name, double expected, double tolerance) {
    assertThat(report.path("params").path(name).asDouble())
        .as("%s of %s", name, report.path("model").asText())
        .isCloseTo(expected, within(tolerance));
  }

  @Test
  void cdnowSampleThroughIngestReproducesBgNbdAndGammaGammaOfTheSamePaper() throws IOException {
    Run run = fitSample("--out", dir.resolve("out").toString());

    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
    JsonNode report = run.json();
    assertThat(report.path("model").asText()).isEqualTo("bg_nbd");
    assertThat(report.path("customers").asLong()).isEqualTo(2357);
    assertThat(report.path("converged").asBoolean()).isTrue();
    // Fader, Hardie & Lee (2005): r 0.243, alpha 4.414, a 0.793, b 2.426, LL -9582.4
    assertParam(report, "r", 0.243, 0.0005);
    assertParam(report, "alpha", 4.414, 0.0005);
    assertParam(report, "a", 0.793, 0.0005);
    assertParam(report, "b", 2.426, 0.0005);
    assertThat(report.path("log_likelihood").asDouble()).isCloseTo(-9582.4, within(0.05));
    // Gamma-Gamma on the mean of the repeat days' values in calibration: p 6.25, q 3.74, 15.44
    JsonNode spend = report.path("spend");
    assertThat(spend.path("customers").asLong()).isEqualTo(946);
    assertParam(spend, "p", 6.25, 0.005);
    assertParam(spend, "q", 3.74, 0.005);
    assertParam(spend, "gamma", 15.44, 0.005);
    assertThat(report.path("diagnostics").path("spend_frequency_correlation").asDouble())
        .isCloseTo(0.114, within(0.001));
    // holdout weeks 40-78: 1,882 repeat purchase days, BG/NBD predicts 1,653 (-12.1 %)
    JsonNode holdout = report.path("holdout");
    assertThat(holdout.path("actual_total").asDouble()).isEqualTo(1882);
    assertThat(holdout.path("predicted_total").asDouble()).isCloseTo(1653, within(1.0));
    assertThat(holdout.path("groups")).hasSize(8);
    assertThat(holdout.path("groups").get(0).path("x").asText()).isEqualTo("0");

    List<String> customers = Files.readAllLines(dir.resolve("out/clv-customers.csv"));
    assertThat(customers).hasSize(2358);
    assertThat(customers.get(0))
        .isEqualTo(
            "customer_id,x,t_x,T,mean_repeat_value,p_alive,expected_purchases,"
                + "expected_average_value,clv");
    assertThat(customers.get(1)).startsWith("1,2,30.428571,38.857143,22.345,");
    ClvModelFile model = ClvModelFile.read(dir.resolve("out/clv-model.json"));
    assertThat(model.calibrationEndDate()).hasToString("1997-09-30");
    assertThat(model.timeUnit()).isEqualTo("weeks");
    assertThat(model.input()).containsKeys("mapping", "purchases_sha256");
    assertThat(model.toClvModel().spendModel().p()).isCloseTo(6.25, within(0.005));
  }

  @Test
  void cdnowSampleParetoNbdReproducesFaderHardie() throws IOException {
    Run run = fitSample("--model", "paretonbd");

    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
    JsonNode report = run.json();
    assertThat(report.path("model").asText()).isEqualTo("pareto_nbd");
    assertParam(report, "r", 0.553, 0.0005);
    assertParam(report, "alpha", 10.578, 0.0015);
    assertParam(report, "s", 0.606, 0.0005);
    assertParam(report, "beta", 11.669, 0.0015);
    assertThat(report.path("log_likelihood").asDouble()).isCloseTo(-9595.0, within(0.05));
  }

  @Test
  void cdnowMasterThroughTheExampleMappingAgreesWithTheClvPackage() throws IOException {
    SharedData.require("cdnow/CDNOW_master.txt");
    Run run =
        run(
            "clv",
            "fit",
            "--mapping",
            SharedData.repository().resolve("examples/cdnow/mapping.yaml").toString(),
            "--calibration-end",
            "1997-09-30",
            "--json",
            "--rejects",
            dir.resolve("rejects.csv").toString());

    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
    JsonNode report = run.json();
    assertThat(report.path("customers").asLong()).isEqualTo(23_570);
    // the regression values of CdnowMasterTest (docs/clv.md)
    assertParam(report, "r", 0.2516, 0.002);
    assertParam(report, "alpha", 4.789, 0.02);
    assertParam(report, "a", 0.7234, 0.005);
    assertParam(report, "b", 2.161, 0.02);
    assertThat(report.path("log_likelihood").asDouble()).isCloseTo(-95_368.4, within(1.0));
    // one repeat customer's repeat orders are all worth 0.00: left out of the spend fit, said so
    assertThat(report.path("spend").path("customers").asLong()).isEqualTo(9450);
    assertThat(report.path("spend").path("warnings").toString()).contains("1 of 9451");
  }

  private Path ownData(String orders) throws IOException {
    Path data = Files.createDirectories(dir.resolve("data"));
    Files.writeString(
        data.resolve("orders.csv"), "order_id,customer_id,order_date,amount\n" + orders);
    return data;
  }

  private Run fitOwn(Path data) {
    return run(
        "clv",
        "fit",
        "--data",
        data.toString(),
        "--calibration-end",
        "2024-06-30",
        "--rejects",
        dir.resolve("rejects.csv").toString(),
        "--out",
        dir.resolve("out").toString());
  }

  @Test
  void customersWhoAllBoughtOnceGiveAOneLineDataQualityMessage() throws IOException {
    StringBuilder orders = new StringBuilder();
    for (int i = 1; i <= 50; i++) {
      orders.append("O").append(i).append(",C").append(i).append(",2024-0").append(1 + i % 5);
      orders.append("-1").append(i % 9).append(",12.50\n");
    }
    Run run = fitOwn(ownData(orders.toString()));

    assertThat(run.exitCode()).isEqualTo(ExitCodes.DATA_QUALITY);
    assertThat(run.err().strip()).doesNotContain("\n").doesNotContain("NaN").contains("repeat");
    assertThat(run.err()).doesNotContain("Exception").doesNotContain("\tat ");
    assertThat(dir.resolve("out/clv-model.json")).doesNotExist();
  }

  @Test
  void aSingleCustomerGivesAOneLineDataQualityMessage() throws IOException {
    Run run =
        fitOwn(
            ownData(
                "O1,C1,2024-01-03,10\nO2,C1,2024-02-03,20\nO3,C1,2024-03-09,15\n"
                    + "O4,C1,2024-05-01,30\n"));

    assertThat(run.exitCode()).isEqualTo(ExitCodes.DATA_QUALITY);
    assertThat(run.err().strip()).doesNotContain("\n").contains("single customer");
  }

  @Test
  void zeroValueOrdersGiveAOneLineDataQualityMessage() throws IOException {
    Path data = ownData("");
    StringBuilder orders = new StringBuilder("order_id,customer_id,order_date,amount\n");
    for (int i = 1; i <= 40; i++) {
      orders.append("A").append(i).append(",C").append(i).append(",2024-01-0").append(1 + i % 9);
      orders.append(",0\nB").append(i).append(",C").append(i).append(",2024-0").append(2 + i % 4);
      orders.append("-1").append(i % 10).append(",0\n");
    }
    Files.writeString(data.resolve("orders.csv"), orders);
    Path mapping =
        Files.writeString(
            dir.resolve("mapping.yaml"),
            "sources:\n  orders:\n    files: data/orders.csv\n    fields: {order_id: order_id,"
                + " customer_id: customer_id, order_date: order_date, amount: amount}\n"
                + "    zero_amount: accept\n");

    Run run =
        run(
            "clv",
            "fit",
            "--mapping",
            mapping.toString(),
            "--calibration-end",
            "2024-06-30",
            "--rejects",
            dir.resolve("rejects.csv").toString());

    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.DATA_QUALITY);
    assertThat(run.err().strip())
        .doesNotContain("\n")
        .contains("40 of 40 repeat customers have a mean repeat order value <= 0");
  }

  @Test
  void aFitAtABoundIsReportedAndNeverUsed() throws IOException {
    // every order is worth exactly 10.00: spend does not vary across customers, so the
    // Gamma-Gamma shapes run off to the search bound
    Random random = new Random(4);
    StringBuilder orders = new StringBuilder();
    int order = 0;
    for (int customer = 0; customer < 300; customer++) {
      LocalDate first = LocalDate.of(2024, 1, 1).plusDays(random.nextInt(60));
      TreeSet<LocalDate> days = new TreeSet<>(List.of(first));
      int repeats = new int[] {0, 0, 1, 2, 4, 7}[random.nextInt(6)];
      for (int i = 0; i < repeats; i++) {
        days.add(first.plusDays(1 + random.nextInt(150)));
      }
      for (LocalDate day : days) {
        order++;
        orders.append("O").append(order).append(",C").append(customer).append(',');
        orders.append(day).append(",10.00\n");
      }
    }
    Run run = fitOwn(ownData(orders.toString()));

    assertThat(run.exitCode()).isEqualTo(ExitCodes.DATA_QUALITY);
    assertThat(run.out()).contains("AT BOUND").contains("NOT TRUSTWORTHY");
    assertThat(run.err().strip()).doesNotContain("\n").contains("is not trustworthy");
    assertThat(dir.resolve("out/clv-model.json")).doesNotExist();
    assertThat(dir.resolve("out/clv-customers.csv")).doesNotExist();
  }

  @Test
  void aHoldoutEndBeforeTheCalibrationEndIsAnInvalidInput() throws IOException {
    Run run =
        run(
            "clv",
            "fit",
            "--data",
            ownData("O1,C1,2024-01-03,10\n").toString(),
            "--calibration-end",
            "2024-06-30",
            "--holdout-end",
            "2024-06-30",
            "--rejects",
            dir.resolve("rejects.csv").toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(run.err()).contains("--holdout-end 2024-06-30 must be after --calibration-end");
  }

  @Test
  void helpNamesEveryOptionAndTheExitCodeForUntrustworthyFits() {
    Run run = run("clv", "fit", "--help");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(run.out())
        .contains(
            "--data=DIR",
            "--mapping=FILE",
            "--model=MODEL",
            "--calibration-end=DATE",
            "--holdout-end=DATE",
            "--time-unit=UNIT",
            "--purchases=COUNT",
            "--horizon-months=N",
            "--discount-rate=R",
            "--spend-resolution=R",
            "--json",
            "--out=DIR",
            "Exits with 4");
    assertThat(run("--help").out()).contains("clv");
  }

  @Test
  void anUnknownModelIsAUsageError() {
    Run run =
        run(
            "clv",
            "fit",
            "--data",
            dir.toString(),
            "--calibration-end",
            "2024-06-30",
            "--model",
            "bgnd");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("expected bgnbd or paretonbd");
  }

  /**
   * Recovery through the whole path: a generated company (BG/NBD and Gamma-Gamma truth in weeks) is
   * read back through ingest and fitted; every true parameter lies in its 95 % interval. Orders are
   * counted ({@code --purchases orders}): the generator lets a customer order twice a day, and
   * merging those (0.9 % of orders) moves alpha to 4.62 (interval 4.52-4.72), outside.
   */
  @Test
  void recoversTheGeneratorsTruthWithinTheIntervals() throws IOException {
    Path data = dir.resolve("company");
    new SyntheticCompanyGenerator().generate(GeneratorSettings.of(100_000, 3), data);
    // CLV reads orders only; leaving the events out keeps the test fast.
    Files.delete(data.resolve("events.csv"));
    Files.delete(data.resolve("surveys.csv"));
    JsonNode truth = JSON.readTree(data.resolve("truth.json").toFile());
    assertThat(truth.path("time_unit").asText()).isEqualTo("week");

    Run run =
        run(
            "clv",
            "fit",
            "--data",
            data.toString(),
            "--calibration-end",
            truth.path("end").asText(),
            "--time-unit",
            "weeks",
            "--purchases",
            "orders",
            "--json",
            "--rejects",
            dir.resolve("rejects.csv").toString());

    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
    JsonNode report = run.json();
    assertThat(report.path("customers").asLong()).isEqualTo(100_000);
    assertCovers(report, truth.path("bgnbd"), "r", "alpha", "a", "b");
    assertCovers(report.path("spend"), truth.path("gamma_gamma"), "p", "q", "gamma");
  }

  private static void assertCovers(JsonNode report, JsonNode truth, String... names) {
    for (String name : names) {
      JsonNode interval = report.path("ci95").path(name);
      assertThat(truth.path(name).asDouble())
          .as("true %s within the 95 %% interval %s", name, interval)
          .isBetween(interval.get(0).asDouble(), interval.get(1).asDouble());
    }
  }
}
