package io.tierwise.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandTest {

  @Test
  void theDemoGeneratesAnalysesAndSaysWhereEverythingIs(@TempDir Path dir) {
    Path out = dir.resolve("demo");

    CliRun run = CliRun.of("demo", "--out", out.toString(), "--customers", "400");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(run.out())
        .contains("orders")
        .contains("Diamond")
        .contains("Results:")
        .contains("Next: ./tierwise explain --run " + out.resolve("results/run"));
    Path results = out.resolve("results/run");
    for (String file :
        new String[] {
          "customers.csv",
          "summary.json",
          "alerts.csv",
          "quality.txt",
          "quality.json",
          "rejects.csv"
        }) {
      assertThat(results.resolve(file)).exists();
    }
    assertThat(out.resolve("data/truth.json")).exists();
  }
}
