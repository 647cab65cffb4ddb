package io.tierwise.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Running out of memory is one line of advice and exit code 1, wherever the memory ran out. */
class OutOfMemoryTest {

  @TempDir Path dir;

  /**
   * validate keeps the ledger's pages outside the heap (ADR 0005). A real JVM with 1 MB of direct
   * memory runs out of it on 100,000 customers' purchases.
   */
  @Test
  void runningOutOfTheLedgersNativeMemoryNamesItAndGivesTheRemedy() throws Exception {
    Path data = Files.createDirectories(dir.resolve("data"));
    try (BufferedWriter out =
        Files.newBufferedWriter(data.resolve("orders.csv"), StandardCharsets.UTF_8)) {
      out.write("order_id,customer_id,order_date,amount\n");
      for (int i = 0; i < 100_000; i++) {
        out.write(i + ",c" + i + ",2024-01-0" + (1 + i % 9) + ",10\n");
      }
    }
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process process =
        new ProcessBuilder(
                List.of(
                    java.toString(),
                    "-XX:MaxDirectMemorySize=1m",
                    "-cp",
                    System.getProperty("java.class.path"),
                    TierwiseCommand.class.getName(),
                    "validate",
                    "--data",
                    data.toString(),
                    "--rejects",
                    dir.resolve("rejects.csv").toString(),
                    "--no-progress"))
            .redirectOutput(dir.resolve("out.txt").toFile())
            .redirectError(dir.resolve("err.txt").toFile())
            .start();
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();

    String err = Files.readString(dir.resolve("err.txt"));
    assertThat(process.exitValue()).isEqualTo(ExitCodes.INTERNAL_ERROR);
    assertThat(err.strip())
        .startsWith("tierwise: out of memory for the customer ledger, which lives outside the heap")
        .endsWith("give Java more, e.g. TIERWISE_JAVA_OPTS=-Xmx8g ./tierwise ...")
        .doesNotContain("Exception")
        .doesNotContain("\n");
  }

  @Test
  void runningOutOfHeapNamesTheHeap() {
    assertThat(TierwiseCommand.outOfMemory(new OutOfMemoryError("Java heap space"), 512L << 20))
        .isEqualTo(
            "tierwise: out of memory (512 MB heap); give Java more, e.g."
                + " TIERWISE_JAVA_OPTS=-Xmx8g ./tierwise ...");
  }
}
