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
  void bgNbdReproducesFaderHardieLee2005() {
    var fit = new BgNbdTrainer().fit(compressed);
    BgNbdModel model = fit.requireTrustworthy();
    // FHL 2005, Table/Section 5: r = 0.243, alpha = 4.414, a = 0.793, b = 2.426, LL = -9582.4
    assertThat(model.r()).isCloseTo(0.243, within(0.0005));
    assertThat(model.alpha()).isCloseTo(4.414, within(0.0005));
    assertThat(model.a()).isCloseTo(0.793, within(0.0005));
    assertThat(model.b()).isCloseTo(2.426, within(0.0005));
    assertThat(fit.diagnostics().logLikelihood()).isCloseTo(-9582.4, within(0.05));
    assertThat(fit.diagnostics().customers()).isEqualTo(2357);
    assertThat(fit.diagnostics().parameters())
        .allSatisfy(p -> assertThat(p.standardError()).isPositive());
    assertThat(fit.report().params()).containsOnlyKeys("r", "alpha", "a", "b");
    // the gradient-based search found it: BOBYQA alone takes about 200 evaluations here
    assertThat(fit.diagnostics().optimizer()).isEqualTo("bfgs");
    assertThat(fit.diagnostics().evaluations()).isLessThan(60);
  }

  @Test
  void paretoNbdReproducesFaderHardieNote() {
    var fit = new ParetoNbdTrainer().fit(compressed);
    ParetoNbdModel model = fit.requireTrustworthy();
    // Fader & Hardie (2005) notes: r = 0.553, alpha = 10.578, s = 0.606, beta = 11.669, LL -9595.0
    assertThat(model.r()).isCloseTo(0.553, within(0.0005));
    assertThat(model.alpha()).isCloseTo(10.578, within(0.0015));
    assertThat(model.s()).isCloseTo(0.606, within(0.0005));
    assertThat(model.beta()).isCloseTo(11.669, within(0.0015));
    assertThat(fit.diagnostics().logLikelihood()).isCloseTo(-9595.0, within(0.05));
  }

  @Test
  void gammaGammaReproducesIsoValuePaper() {
    var fit = new GammaGammaTrainer().fit(compressed);
    GammaGammaModel model = fit.requireTrustworthy();
    // FHL 2005 (iso-value curves): p = 6.25, q = 3.74, gamma = 15.44 on the 946 repeat customers
    assertThat(fit.diagnostics().customers()).isEqualTo(946);
    assertThat(model.p()).isCloseTo(6.25, within(0.005));
    assertThat(model.q()).isCloseTo(3.74, within(0.005));
    assertThat(model.gamma()).isCloseTo(15.44, within(0.01));
    assertThat(GammaGammaTrainer.spendFrequencyCorrelation(compressed)).isBetween(0.10, 0.12);
    assertThat(fit.diagnostics().warnings()).isEmpty();
    assertThat(fit.diagnostics().optimizer()).isEqualTo("bfgs");
    assertThat(fit.diagnostics().evaluations()).isLessThan(60);
  }

  @Test
  void gammaGammaOnTheRoundedSummaryMatchesLifetimes() {
    var rounded =
        CompressedStats.of(
            stats.values().stream()
                .map(
                    s ->
                        new RepeatPurchaseStats(
                            s.repeatPurchases(),
                            round2(s.recency()),
                            round2(s.age()),
                            round2(s.meanRepeatValue()),
                            s.holdoutPurchases()))
                .toList(),
            WINDOW);
    GammaGammaModel model = new GammaGammaTrainer().fit(rounded).requireTrustworthy();
    assertThat(model.p()).isCloseTo(6.2499, within(0.001));
    assertThat(model.q()).isCloseTo(3.7444, within(0.001));
    assertThat(model.gamma()).isCloseTo(15.4467, within(0.003));
  }

  @Test
  void holdoutForecastIsCloseInTotal() {
    BgNbdModel model = new BgNbdTrainer().fit(compressed).requireTrustworthy();
    HoldoutReport report = HoldoutValidation.validate(model, compressed);
    // Weeks 40-78: 1,882 repeat purchase days (1,959 rows before the same-day merge).
    assertThat(report.actualTotal()).isEqualTo(1882);
    assertThat(report.holdoutLength()).isEqualTo(39.0);
    assertThat(report.groups()).hasSize(8);
    assertThat(report.predictedTotal()).isCloseTo(1653.4, within(0.5));
    assertThat(report.totalPercentError()).isBetween(-13.0, -11.0);
    assertThat(report.meanAbsoluteError()).isLessThan(0.25);
  }

  @Test
  void clvCombinesPurchaseAndSpendModels() {
    var clv =
        new ClvModel(
            new BgNbdTrainer().fit(compressed).requireTrustworthy(),
            new GammaGammaTrainer().fit(compressed).requireTrustworthy(),
            ClvTimeUnit.WEEKS);
    RepeatPurchaseStats loyal = stats.get(1);
    RepeatPurchaseStats oneOff = new RepeatPurchaseStats(0, 0, 38.86, 0, 0);
    double value = clv.customerLifetimeValue(loyal, 12, 0.01);
    assertThat(value).isGreaterThan(clv.customerLifetimeValue(oneOff, 12, 0.01));
    assertThat(clv.customerLifetimeValue(loyal, 12, 0.0)).isGreaterThan(value);
    assertThat(clv.customerLifetimeValue(loyal, 24, 0.01)).isGreaterThan(value);
  }

  static double round2(double value) {
    return Math.round(value * 100) / 100.0;
  }
}
