package io.tierwise.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ChurnCommandTest {
  @TempDir Path dir;

  /** A seeded table where churn depends on plan and tenure. */
  private Path table(String name, int customers, boolean withLabel) throws IOException {
    Random random = new Random(11);
    StringBuilder csv =
        new StringBuilder("id,tenure,plan,spend" + (withLabel ? ",left" : "") + "\n");
    String[] plans = {"monthly", "yearly", "two-year"};
    for (int i = 0; i < customers; i++) {
      int tenure = random.nextInt(60);
      String plan = plans[random.nextInt(3)];
      double logOdds = (plan.equals("monthly") ? 1.5 : -1.0) - 0.05 * tenure;
      boolean left = random.nextDouble() < 1 / (1 + Math.exp(-logOdds));
      csv.append(
          String.format(
              Locale.ROOT,
              "c%d,%d,%s,%s",
              i,
              tenure,
              plan,
              i % 30 == 0
                  ? ""
                  : String.format(Locale.ROOT, "%.1f", 10 + random.nextDouble() * 90)));
      csv.append(withLabel ? (left ? ",true\n" : ",false\n") : "\n");
    }
    return Files.writeString(dir.resolve(name), csv);
  }

  private record Run(int exitCode, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine commandLine = TierwiseCommand.newCommandLine();
    commandLine.setOut(new PrintWriter(out));
    commandLine.setErr(new PrintWriter(err));
    int exitCode = commandLine.execute(args);
    return new Run(exitCode, out.toString(), err.toString());
  }

  @Test
  void trainsThenScoresATableTheModelHasNeverSeen() throws IOException {
    Path training = table("train.csv", 600, true);
    Path fresh = table("fresh.csv", 40, false);
    Path model = dir.resolve("model.json");
    Path scores = dir.resolve("scores.csv");

    int trained =
        TierwiseCommand.execute(
            "churn",
            "train",
            "--table",
            training.toString(),
            "--label",
            "left",
            "--id",
            "id",
            "--model-out",
            model.toString(),
            "--model",
            "gbt",
            "--seed",
            "3");
    int scored =
        TierwiseCommand.execute(
            "churn",
            "score",
            "--model",
            model.toString(),
            "--table",
            fresh.toString(),
            "--out",
            scores.toString());

    assertThat(trained).isEqualTo(ExitCodes.OK);
    assertThat(scored).isEqualTo(ExitCodes.OK);
    List<String> lines = Files.readAllLines(scores);
    assertThat(lines).hasSize(41);
    assertThat(lines.get(0)).isEqualTo("id,churn_probability");
    assertThat(lines.get(1)).matches("c0,0\\.\\d{6}");
  }

  @Test
  void printsTheValidationReportAsOneJsonObject() throws IOException {
    Path training = table("train.csv", 600, true);

    Run run =
        run(
            "churn",
            "train",
            "--table",
            training.toString(),
            "--label",
            "left",
            "--id",
            "id",
            "--model-out",
            dir.resolve("m.json").toString(),
            "--json");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    JsonNode report = new ObjectMapper().readTree(run.out());
    assertThat(report.has("auc")).isTrue();
    assertThat(report.get("auc").asDouble()).isGreaterThan(0.7);
    assertThat(report.has("auc_pr")).isTrue();
    assertThat(report.has("threshold")).isTrue();
    assertThat(report.get("customers").asInt()).isEqualTo(120);
    assertThat(report.get("positives").asInt()).isPositive();
    assertThat(report.get("positive_value").asText()).isEqualTo("true");
    assertThat(report.get("deciles")).hasSize(10);
    assertThat(report.get("calibration")).hasSize(10);
  }

  @Test
  void printsAHumanReportByDefault() throws IOException {
    Run run =
        run(
            "churn",
            "train",
            "--table",
            table("t.csv", 600, true).toString(),
            "--label",
            "left",
            "--id",
            "id",
            "--model-out",
            dir.resolve("m.json").toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(run.out()).contains("AUC-ROC").contains("decile").contains("Calibration");
  }

  @Test
  void badInputIsOneLineAndExitCodeThreeWithoutAStackTrace() throws IOException {
    Path training = table("train.csv", 600, true);
    Path oneClass = Files.writeString(dir.resolve("one.csv"), "id,x,left\na,1,No\nb,2,No\n");
    Path empty = Files.writeString(dir.resolve("empty.csv"), "");
    String model = dir.resolve("m.json").toString();

    List<Run> runs =
        List.of(
            run(
                "churn",
                "train",
                "--table",
                dir.resolve("absent.csv").toString(),
                "--label",
                "left",
                "--id",
                "id",
                "--model-out",
                model),
            run(
                "churn",
                "train",
                "--table",
                training.toString(),
                "--label",
                "churn",
                "--id",
                "id",
                "--model-out",
                model),
            run(
                "churn",
                "train",
                "--table",
                oneClass.toString(),
                "--label",
                "left",
                "--id",
                "id",
                "--model-out",
                model),
            run(
                "churn",
                "train",
                "--table",
                empty.toString(),
                "--label",
                "left",
                "--id",
                "id",
                "--model-out",
                model),
            run(
                "churn",
                "score",
                "--model",
                dir.resolve("none.json").toString(),
                "--table",
                training.toString(),
                "--out",
                dir.resolve("s.csv").toString()));

    assertThat(runs)
        .allSatisfy(
            run -> {
              assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
              assertThat(run.err()).startsWith("tierwise: ").doesNotContain("\tat ");
              assertThat(run.err().strip().lines()).hasSize(1);
            });
    assertThat(runs.get(1).err()).contains("label column 'churn' is not in the table");
    assertThat(runs.get(2).err()).contains("single value 'No'");
  }

  @Test
  void refusesToScoreATableWithoutTheModelColumns() throws IOException {
    Path model = dir.resolve("m.json");
    run(
        "churn",
        "train",
        "--table",
        table("t.csv", 600, true).toString(),
        "--label",
        "left",
        "--id",
        "id",
        "--model-out",
        model.toString());
    Path other = Files.writeString(dir.resolve("other.csv"), "id,tenure\na,3\n");

    Run run =
        run(
            "churn",
            "score",
            "--model",
            model.toString(),
            "--table",
            other.toString(),
            "--out",
            dir.resolve("s.csv").toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(run.err()).contains("missing column(s) plan, spend");
  }
}
