package io.tierwise.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateCommandTest {

  @TempDir Path dir;

  private Path data() throws Exception {
    Path data = Files.createDirectories(dir.resolve("data"));
    Files.writeString(
        data.resolve("orders.csv"),
        "order_id,customer_id,order_date,amount\n"
            + "1,c1,2024-01-02,10\n"
            + "2,c2,2024-01-03,abc\n"
            + "3,,2024-01-04,5\n"
            + "4,c1,2024-01-05,7.5\n");
    Files.writeString(
        data.resolve("customers.csv"), "customer_id,signup_date,region\nc1,2023-05-01,north\n");
    return data;
  }

  @Test
  void printsTheQualityReportAndKeepsRejects() throws Exception {
    Path rejects = dir.resolve("out/rejects.csv");
    CliRun run =
        CliRun.of("validate", "--data", data().toString(), "--rejects", rejects.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(run.out())
        .contains("Data quality as of 2024-01-05")
        .contains("orders: 4 rows in 1 file(s), 2 accepted, 2 rejected (50.00 %)")
        .contains("1  missing customer_id")
        .contains("1  not a number");
    List<String> lines = Files.readAllLines(rejects);
    assertThat(lines).hasSize(3);
  }

  @Test
  void jsonHasOneObjectWithSourcesFieldsAndTimeliness() throws Exception {
    CliRun run =
        CliRun.of(
            "validate",
            "--data",
            data().toString(),
            "--rejects",
            dir.resolve("r.csv").toString(),
            "--as-of",
            "2024-01-15",
            "--json");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    JsonNode report = new ObjectMapper().readTree(run.out());
    assertThat(report.get("as_of").asText()).isEqualTo("2024-01-15");
    JsonNode orders = report.get("sources").get(1);
    assertThat(orders.get("source").asText()).isEqualTo("orders");
    assertThat(orders.get("age_days").asInt()).isEqualTo(10);
    assertThat(orders.get("rejects_by_reason").get("missing customer_id").asInt()).isEqualTo(1);
    JsonNode amount = orders.get("fields").get(3);
    assertThat(amount.get("field").asText()).isEqualTo("amount");
    assertThat(amount.get("accuracy").asDouble()).isEqualTo(0.75);
    assertThat(report.get("violations")).isEmpty();
  }

  @Test
  void aCrossedThresholdExitsWithFour() throws Exception {
    Path thresholds = dir.resolve("quality.yaml");
    Files.writeString(
        thresholds, "max_reject_share: 0.25\nmin_coverage:\n  orders.customer_id: 0.9\n");
    CliRun run =
        CliRun.of(
            "validate",
            "--data",
            data().toString(),
            "--rejects",
            dir.resolve("r.csv").toString(),
            "--quality",
            thresholds.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.DATA_QUALITY);
    assertThat(run.out())
        .contains("QUALITY CHECK FAILED")
        .contains("orders: reject share 0.5000 is above the maximum 0.2500")
        .contains("orders.customer_id: coverage 0.7500 is below the minimum 0.9000");
  }

  @Test
  void userErrorsAreOneLineWithTheirExitCode() throws Exception {
    CliRun missing = CliRun.of("validate", "--mapping", dir.resolve("nope.yaml").toString());
    assertThat(missing.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(missing.isOneLineError()).isTrue();
    assertThat(missing.err()).contains("mapping file not found");

    Path mapping = dir.resolve("m.yaml");
    Files.writeString(mapping, "sources:\n  orders:\n    files: o.csv\n    delimiter: ';'\n");
    CliRun badKey = CliRun.of("validate", "--mapping", mapping.toString());
    assertThat(badKey.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(badKey.isOneLineError()).isTrue();
    assertThat(badKey.err()).contains("sources.orders.delimiter: unknown key");

    CliRun both = CliRun.of("validate", "--data", dir.toString(), "--mapping", mapping.toString());
    assertThat(both.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(both.err()).contains("mutually exclusive");

    Path notCsv = Files.createDirectories(dir.resolve("binary"));
    Files.write(notCsv.resolve("orders.csv"), new byte[] {0, 1, 2, 3, (byte) 0xff, '\n'});
    CliRun binary =
        CliRun.of(
            "validate", "--data", notCsv.toString(), "--rejects", dir.resolve("r.csv").toString());
    assertThat(binary.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(binary.isOneLineError()).isTrue();
    assertThat(binary.err()).contains("does not look like a CSV text file");
  }

  @Test
  void anOutputThatCannotBeWrittenIsAStorageErrorOnOneLine() throws Exception {
    Path taken = Files.writeString(dir.resolve("taken"), "a file, not a directory");

    CliRun run = CliRun.of("run", "--data", data().toString(), "--out", taken.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.STORAGE);
    assertThat(run.isOneLineError()).isTrue();
    assertThat(run.err()).startsWith("tierwise: cannot read or write " + taken);
  }
}
