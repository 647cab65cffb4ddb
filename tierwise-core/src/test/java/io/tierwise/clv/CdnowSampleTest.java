package io.tierwise.clv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** CDNOW 2,357-customer sample, 39-week calibration: the published fits must be reproduced. */
class CdnowSampleTest {
  static final CalibrationWindow WINDOW =
      CalibrationWindow.of(LocalDate.of(1997, 9, 30), LocalDate.of(1998, 6, 30), ClvTimeUnit.WEEKS);
  static Map<Integer, RepeatPurchaseStats> stats;
  static CompressedStats compressed;

  @BeforeAll
  static void load() {
    var elog = SharedData.find("cdnow/cdnowElog.csv");
    Assumptions.assumeTrue(elog.isPresent(), "shared/data/cdnow not found; skipping CDNOW tests");
    stats = new LinkedHashMap<>();
    SharedData.readTransactions(elog.get(), 1, 2, 4, ",")
        .forEach(
            (id, purchases) ->
                RepeatPurchaseStats.from(purchases.days(), purchases.values(), WINDOW)
                    .ifPresent(s -> stats.put(id, s)));
    compressed = CompressedStats.of(stats.values(), WINDOW);
  }

  @Test
  void statsReproduceThePublishedSummary() throws IOException {
    Path summary = SharedData.find("cdnow/cdnow_customers_summary_with_transactions.csv").get();
    List<String> lines = Files.readAllLines(summary);
    assertThat(lines).hasSize(2358);
    assertThat(stats).hasSize(2357);
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.strip().split(",");
      RepeatPurchaseStats s = stats.get(Integer.parseInt(f[0]));
      assertThat(s.repeatPurchases()).as("x of %s", f[0]).isEqualTo(Integer.parseInt(f[1]));
      assertThat(round2(s.recency())).as("t_x of %s", f[0]).isEqualTo(Double.parseDouble(f[2]));
      assertThat(round2(s.age())).as("T of %s", f[0]).isEqualTo(Double.parseDouble(f[3]));
      assertThat(s.meanRepeatValue())
          .as("zbar of %s", f[0])
          .isCloseTo(Double.parseDouble(f[4]), within(0.005 + 1e-9));
    }
  }

  @Test
  void explore() {
    var bg = new BgNbdTrainer().fit(compressed);
    System.out.println(bg.report());
    var pareto = new ParetoNbdTrainer().fit(compressed);
    System.out.println(pareto.report());
    var gg = new GammaGammaTrainer().fit(compressed);
    System.out.println(gg.report() + " corr " + GammaGammaTrainer.spendFrequencyCorrelation(compressed));
    System.out.println(HoldoutValidation.validate(bg.model(), compressed));
    System.out.println(HoldoutValidation.validate(pareto.model(), compressed));
    var rounded = CompressedStats.of(stats.values().stream().map(s -> new RepeatPurchaseStats(s.repeatPurchases(), round2(s.recency()), round2(s.age()), Math.round(s.meanRepeatValue()*100)/100.0, s.holdoutPurchases())).toList(), WINDOW);
    System.out.println(new BgNbdTrainer().fit(rounded).report());
    System.out.println(new ParetoNbdTrainer().fit(rounded).report());
    System.out.println(new GammaGammaTrainer().fit(rounded).report());
    System.out.println(new BgNbdModel(0.243, 4.414, 0.793, 2.426).logLikelihood(0,0,38.86));
  }

  static double round2(double value) {
    return Math.round(value * 100) / 100.0;
  }
}
