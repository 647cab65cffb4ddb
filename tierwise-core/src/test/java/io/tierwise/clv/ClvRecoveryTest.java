package io.tierwise.clv;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Parameter recovery: 100,000 customers simulated from known parameters (52-week calibration, first
 * purchases spread over the first 12 weeks, fixed seed) must give estimates within three standard
 * errors of the truth.
 */
class ClvRecoveryTest {
  static final BgNbdModel TRUE_PURCHASES = new BgNbdModel(0.243, 4.414, 0.793, 2.426);
  static final GammaGammaModel TRUE_SPEND = new GammaGammaModel(6.25, 3.74, 15.44);
  static CompressedStats stats;

  @BeforeAll
  static void simulate() {
    var simulator = new ClvSimulator(TRUE_PURCHASES, TRUE_SPEND, 20_050_101L);
    var random = new java.util.SplittableRandom(7);
    var builder = CompressedStats.builder(new CalibrationWindow(0, 0, ClvTimeUnit.WEEKS));
    for (int i = 0; i < 100_000; i++) {
      builder.add(simulator.next(52 - 12 * random.nextDouble(), 0));
    }
    stats = builder.build();
  }

  @Test
  void bgNbdParametersAreRecovered() {
    var fit = new BgNbdTrainer().fit(stats);
    fit.requireTrustworthy();
    double[] truth = {
      TRUE_PURCHASES.r(), TRUE_PURCHASES.alpha(), TRUE_PURCHASES.a(), TRUE_PURCHASES.b()
    };
    assertRecovered(fit.diagnostics(), truth);
  }

  @Test
  void gammaGammaParametersAreRecovered() {
    var fit = new GammaGammaTrainer().fit(stats);
    fit.requireTrustworthy();
    assertRecovered(
        fit.diagnostics(), new double[] {TRUE_SPEND.p(), TRUE_SPEND.q(), TRUE_SPEND.gamma()});
  }

  private static void assertRecovered(FitDiagnostics diagnostics, double[] truth) {
    for (int i = 0; i < truth.length; i++) {
      ParameterEstimate estimate = diagnostics.parameters().get(i);
      assertThat(Math.abs(estimate.value() - truth[i]))
          .as(
              "%s = %s (se %s), truth %s",
              estimate.name(), estimate.value(), estimate.standardError(), truth[i])
          .isLessThan(3 * estimate.standardError());
    }
  }
}
