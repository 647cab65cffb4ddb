package io.tierwise.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tierwise.clv.CalibrationWindow;
import io.tierwise.clv.ClvTimeUnit;
import io.tierwise.clv.CompressedStats;
import io.tierwise.ingest.CustomerBase;
import io.tierwise.ingest.Ingest;
import io.tierwise.ingest.RejectsWriter;
import io.tierwise.ingest.SourceMapping;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClvStatisticsTest {

  /**
   * Large bases are read in two halves on two threads; the merged statistics must be those of one
   * pass, row for row, and the fingerprint must not depend on how the work was split.
   */
  @Test
  void twoHalvesOnTwoThreadsGiveTheStatisticsOfOnePass(@TempDir Path dir) throws IOException {
    StringBuilder orders = new StringBuilder("order_id,customer_id,order_date,amount\n");
    Random random = new Random(11);
    LocalDate start = LocalDate.of(2023, 1, 1);
    for (int customer = 0; customer < 3_000; customer++) {
      int purchases = 1 + random.nextInt(6);
      for (int p = 0; p < purchases; p++) {
        orders.append(
            String.format(
                Locale.ROOT,
                "O%d-%d,C%05d,%s,%.2f%n",
                customer,
                p,
                customer,
                start.plusDays(random.nextInt(700)),
                5 + random.nextInt(5000) / 100.0));
      }
    }
    Files.writeString(dir.resolve("orders.csv"), orders);
    CustomerBase customers;
    try (RejectsWriter rejects = RejectsWriter.discarding()) {
      customers =
          Ingest.run(SourceMapping.ownFormat(dir), Ingest.Options.rejectsTo(rejects)).customers();
    }
    CalibrationWindow window = CalibrationWindow.of(LocalDate.of(2024, 6, 30), ClvTimeUnit.WEEKS);

    ClvStatistics onePass = ClvStatistics.of(customers, window, 0.01, false, Integer.MAX_VALUE);
    ClvStatistics halves = ClvStatistics.of(customers, window, 0.01, false, 500);
    ClvStatistics halvesAgain = ClvStatistics.of(customers, window, 0.01, false, 500);

    CompressedStats expected = onePass.stats();
    CompressedStats actual = halves.stats();
    assertThat(actual.customers()).isEqualTo(expected.customers()).isPositive();
    assertThat(actual.purchaseRows()).isEqualTo(expected.purchaseRows()).isGreaterThan(100);
    for (int row = 0; row < expected.purchaseRows(); row++) {
      assertThat(actual.repeatPurchases(row)).isEqualTo(expected.repeatPurchases(row));
      assertThat(actual.recency(row)).isEqualTo(expected.recency(row));
      assertThat(actual.age(row)).isEqualTo(expected.age(row));
      assertThat(actual.weight(row)).isEqualTo(expected.weight(row));
    }
    assertThat(actual.spendRows()).isEqualTo(expected.spendRows());
    for (int row = 0; row < expected.spendRows(); row++) {
      assertThat(actual.spendMeanValue(row)).isEqualTo(expected.spendMeanValue(row));
      assertThat(actual.spendWeight(row)).isEqualTo(expected.spendWeight(row));
    }
    assertThat(halves.afterCalibration()).isEqualTo(onePass.afterCalibration()).isPositive();
    assertThat(halves.purchasesSha256()).isEqualTo(halvesAgain.purchasesSha256()).hasSize(64);
  }
}
