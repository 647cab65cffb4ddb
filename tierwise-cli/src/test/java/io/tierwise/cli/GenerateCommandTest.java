package io.tierwise.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerateCommandTest {

  @TempDir Path directory;

  @Test
  void generatesTheFourSourcesAndTheTruth() throws Exception {
    Path out = directory.resolve("company");
    Result result = run("generate", "--customers", "200", "--seed", "3", "--out", out.toString());

    assertThat(result.exitCode).isEqualTo(ExitCodes.OK);
    assertThat(result.out).startsWith("wrote 200 customers, ");
    for (String file :
        List.of(
            "customers.csv",
            "orders.csv",
            "events.csv",
            "surveys.csv",
            "truth-customers.csv",
            "truth.json")) {
      assertThat(out.resolve(file)).isNotEmptyFile();
    }
    assertThat(Files.readAllLines(out.resolve("customers.csv"))).hasSize(201);
    assertThat(Files.readAllLines(out.resolve("orders.csv")).get(0))
        .isEqualTo("order_id,customer_id,order_date,amount,cost,quantity,category,channel");
  }

  @Test
  void honoursPeriodParametersAndGzip() throws Exception {
    Path out = directory.resolve("gz");
    Result result =
        run(
            "generate",
            "--customers=50",
            "--out=" + out,
            "--start=2020-01-01",
            "--end=2020-12-31",
            "--bgnbd=1,4,0.5,3",
            "--gamma-gamma=6,4,20",
            "--gzip");

    assertThat(result.exitCode).isEqualTo(ExitCodes.OK);
    assertThat(out.resolve("orders.csv.gz")).isNotEmptyFile();
    assertThat(Files.readString(out.resolve("truth.json")))
        .contains("\"start\" : \"2020-01-01\"")
        .contains("\"alpha\" : 4.0");
  }

  @Test
  void negativeCustomerCountIsAOneLineInputError() {
    Result result =
        run("generate", "--customers", "-5", "--out", directory.resolve("x").toString());

    assertThat(result.exitCode).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(result.err.strip()).startsWith("tierwise: --customers must be").doesNotContain("\n");
    assertThat(result.err).doesNotContain("Exception").doesNotContain("\tat ");
  }

  @Test
  void malformedParametersAndDatesAreRejectedWithoutStackTrace() {
    Result bgNbd =
        run("generate", "--customers", "5", "--out", directory.toString(), "--bgnbd", "1,2");
    assertThat(bgNbd.exitCode).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(bgNbd.err).contains("--bgnbd expects 4").doesNotContain("\tat ");

    Result date =
        run("generate", "--customers", "5", "--out", directory.toString(), "--end", "yesterday");
    assertThat(date.exitCode).isEqualTo(ExitCodes.USAGE);
    assertThat(date.err).contains("--end").doesNotContain("\tat ");

    Result missing = run("generate", "--customers", "5");
    assertThat(missing.exitCode).isEqualTo(ExitCodes.USAGE);
    assertThat(missing.err).contains("--out");
  }

  private record Result(int exitCode, String out, String err) {}

  private static Result run(String... args) {
    PrintStream originalOut = System.out;
    PrintStream originalErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int exitCode = TierwiseCommand.execute(args);
      return new Result(
          exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(originalOut);
      System.setErr(originalErr);
    }
  }
}
