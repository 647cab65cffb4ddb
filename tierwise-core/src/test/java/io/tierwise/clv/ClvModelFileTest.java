package io.tierwise.clv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tierwise.TierwiseException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClvModelFileTest {
  @TempDir Path dir;

  private static CompressedStats simulated() {
    var simulator =
        new ClvSimulator(
            new BgNbdModel(0.243, 4.414, 0.793, 2.426), new GammaGammaModel(6.25, 3.74, 15.44), 5);
    var births = new SplittableRandom(5);
    List<RepeatPurchaseStats> customers = new ArrayList<>();
    for (int i = 0; i < 5000; i++) {
      customers.add(simulator.next(52 - births.nextDouble() * 12, 0));
    }
    return CompressedStats.of(
        customers, CalibrationWindow.of(LocalDate.of(2024, 12, 31), ClvTimeUnit.WEEKS));
  }

  @Test
  void writtenModelsReadBackToTheSameParameters() throws IOException {
    CompressedStats stats = simulated();
    var purchases = new BgNbdTrainer().fit(stats);
    var spend = new GammaGammaTrainer().fit(stats);
    var window = CalibrationWindow.of(LocalDate.of(2024, 12, 31), ClvTimeUnit.WEEKS);
    Path file = dir.resolve("clv-model.json");

    ClvModelFile.of(
            "test",
            Map.of("data", "/tmp/x"),
            List.of(new ClvModelFile.InputFile("orders.csv", 10, "ab")),
            window,
            purchases,
            spend,
            12,
            0.01)
        .write(file);
    ClvModelFile read = ClvModelFile.read(file);

    assertThat(read.calibrationEndDate()).isEqualTo(LocalDate.of(2024, 12, 31));
    assertThat(read.unit()).isEqualTo(ClvTimeUnit.WEEKS);
    assertThat(read.inputFiles())
        .containsExactly(new ClvModelFile.InputFile("orders.csv", 10, "ab"));
    assertThat(read.toClvModel().purchaseModel()).isEqualTo(purchases.model());
    assertThat(read.toClvModel().spendModel()).isEqualTo(spend.model());
    assertThat(Files.readString(file)).contains("\"format\" : \"tierwise-clv-model\"");
  }

  @Test
  void anotherJsonFileIsRejectedWithAHint() throws IOException {
    Path file = Files.writeString(dir.resolve("x.json"), "{\"format\": \"something\"}");
    assertThatThrownBy(() -> ClvModelFile.read(file))
        .isInstanceOf(TierwiseException.class)
        .hasMessageContaining("clv fit --out");
  }
}
