package io.tierwise.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tierwise.synth.GeneratorSettings;
import io.tierwise.synth.SyntheticCompanyGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RunCommandTest {
  @TempDir static Path directory;
  static Path data;

  @BeforeAll
  static void generate() {
    data = directory.resolve("data");
    new SyntheticCompanyGenerator().generate(GeneratorSettings.of(300, 5), data);
  }

  record Result(int exitCode, String out, String err) {}

  static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    picocli.CommandLine commandLine = TierwiseCommand.newCommandLine();
    commandLine.setOut(new PrintWriter(out));
    commandLine.setErr(new PrintWriter(err));
    int exitCode = commandLine.execute(args);
    return new Result(exitCode, out.toString(), err.toString());
  }

  @Test
  void runWritesResultsAndExplainAccountsForACustomer() {
    Path out = directory.resolve("run");
    Result result = run("run", "--data", data.toString(), "--out", out.toString(), "--no-progress");
    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).contains("classified 300 customers as of");
    for (String file :
        new String[] {
          "customers.csv",
          "summary.json",
          "quality.txt",
          "quality.json",
          "rejects.csv",
          "model.json",
          "policy.yaml",
          "alerts.csv",
          "churn-model.json",
          "cluster-model.json"
        }) {
      assertThat(out.resolve(file)).exists();
    }
    Result explain = run("explain", "--run", out.toString(), "--customer", "C000000007");
    assertThat(explain.exitCode()).as(explain.err()).isZero();
    assertThat(explain.out())
        .contains(
            "Customer C000000007", "rfm_segment", "rule:", "To reach the next tier", "Indicators");
    Result unknown = run("explain", "--run", out.toString(), "--customer", "nobody");
    assertThat(unknown.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(unknown.err()).contains("customer 'nobody' is not in");
  }

  @Test
  void timingsNameEveryStageOnStandardError() {
    Path out = directory.resolve("timed");
    Result result =
        run(
            "run",
            "--data",
            data.toString(),
            "--out",
            out.toString(),
            "--no-progress",
            "--timings");
    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.err())
        .containsPattern(
            "timings: ingest \\d+\\.\\d, churn training \\d+\\.\\d, clv fit \\d+\\.\\d,"
                + " indicators \\d+\\.\\d, classification fit \\d+\\.\\d, clusters \\d+\\.\\d,"
                + " churn scoring \\d+\\.\\d, classify and write customers \\d+\\.\\d,"
                + " summary and models \\d+\\.\\d s");
    assertThat(result.out()).contains("classified 300 customers").doesNotContain("timings");
  }

  @Test
  void aLaterRunReusesTheSavedChurnModelAndRefusesOneOfAnotherSchema() throws IOException {
    Path first = directory.resolve("first");
    assertThat(
            run("run", "--data", data.toString(), "--out", first.toString(), "--no-progress")
                .exitCode())
        .isZero();
    String header = Files.readAllLines(first.resolve("customers.csv")).get(0);
    assertThat(header).contains("churn_probability,churn_risk,cluster,cluster_name");
    assertThat(Files.readAllLines(first.resolve("alerts.csv")).get(0))
        .isEqualTo(
            "customer_id,tier,value,churn_probability,expected_value_at_risk,churn_risk,top_signals");
    assertThat(Files.readString(first.resolve("summary.json")))
        .contains("\"auc\"", "\"auc_pr\"", "\"calibration\"", "\"causes\"", "\"profiles\"");

    Path second = directory.resolve("second");
    Result reused =
        run(
            "run",
            "--data",
            data.toString(),
            "--out",
            second.toString(),
            "--no-progress",
            "--churn-model",
            first.resolve("churn-model.json").toString());
    assertThat(reused.exitCode()).as(reused.err()).isZero();
    assertThat(Files.readString(second.resolve("summary.json"))).contains("reused from");

    StringBuilder table = new StringBuilder("customerID,tenure,Contract,Churn\n");
    java.util.Random random = new java.util.Random(3);
    for (int i = 0; i < 200; i++) {
      table.append("c").append(i).append(',').append(random.nextInt(72)).append(',');
      table.append(random.nextBoolean() ? "Month-to-month" : "Two year").append(',');
      table.append(random.nextInt(4) == 0 ? "Yes" : "No").append('\n');
    }
    Path csv = Files.writeString(directory.resolve("telco-like.csv"), table);
    Path model = directory.resolve("telco-like.json");
    Result trained =
        run(
            "churn",
            "train",
            "--table",
            csv.toString(),
            "--label",
            "Churn",
            "--id",
            "customerID",
            "--model-out",
            model.toString());
    assertThat(trained.exitCode()).as(trained.err()).isZero();
    Result refused =
        run(
            "run",
            "--data",
            data.toString(),
            "--out",
            directory.resolve("third").toString(),
            "--no-progress",
            "--churn-model",
            model.toString());
    assertThat(refused.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(refused.err()).contains("trained on another schema", "tenure", "Contract");
    assertThat(directory.resolve("third").resolve("rejects.csv")).doesNotExist();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "tiering: {dimensions: [{name: t, indicator: monetry, weight: 1}], tiers: [{name: A, min_score: 5}, {name: B, min_score: 0}]}|tiering.dimensions[0].indicator",
        "tiering: {dimensions: [{name: t, indicator: monetary, weight: lots}], tiers: [{name: A, min_score: 5}, {name: B, min_score: 0}]}|tiering.dimensions[0].weight",
        "tiering: {dimensions: [{name: t, indicator: monetary, weight: 1}], tiers: [{name: A, min_score: 5}, {name: B, min_score: 9}, {name: C, min_score: 0}]}|tiering.tiers[1].min_score",
        "tags: [{tag: x, when: 'monetary >>> 3'}]|tags[0].when",
      })
  void badPolicyFailsBeforeAnyDataIsRead(String policy, String key) throws IOException {
    Path file =
        Files.writeString(
            directory.resolve("bad-" + Math.abs(policy.hashCode()) + ".yaml"), policy);
    Path out = directory.resolve("never-" + Math.abs(policy.hashCode()));
    Result result =
        run("run", "--data", data.toString(), "--policy", file.toString(), "--out", out.toString());
    assertThat(result.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(result.err()).contains(key).doesNotContain("Exception");
    assertThat(out).doesNotExist();
  }
}
