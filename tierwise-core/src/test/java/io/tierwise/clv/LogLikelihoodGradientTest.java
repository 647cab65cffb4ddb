package io.tierwise.clv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The analytic gradients that the quasi-Newton search trusts: each must equal central differences
 * of its own log-likelihood, at the truth and far from it, and the search must fall back to the
 * derivative-free path when a gradient cannot be computed.
 */
class LogLikelihoodGradientTest {
  static CompressedStats stats;

  @BeforeAll
  static void simulate() {
    var simulator =
        new ClvSimulator(
            new BgNbdModel(0.243, 4.414, 0.793, 2.426),
            new GammaGammaModel(6.25, 3.74, 15.44),
            99L);
    var random = new SplittableRandom(3);
    var builder = CompressedStats.builder(new CalibrationWindow(0, 0, ClvTimeUnit.WEEKS));
    for (int i = 0; i < 20_000; i++) {
      builder.add(simulator.next(52 - 12 * random.nextDouble(), 0));
    }
    stats = builder.build();
  }

  @Test
  void bgNbdGradientMatchesDifferencesOfTheLikelihood() {
    for (double[] at :
        List.of(
            new double[] {0.243, 4.414, 0.793, 2.426},
            new double[] {1, 0.5, 3, 0.2},
            new double[] {0.05, 40, 0.1, 9})) {
      double[] gradient = new double[4];
      BgNbdTrainer.logLikelihood(stats, at, gradient);
      assertMatchesDifferences(at, gradient, p -> BgNbdTrainer.logLikelihood(stats, p));
    }
  }

  @Test
  void gammaGammaGradientMatchesDifferencesOfTheLikelihood() {
    var spend = new GammaGammaTrainer.Spend(stats);
    for (double[] at :
        List.of(
            new double[] {6.25, 3.74, 15.44},
            new double[] {0.7, 12, 2},
            new double[] {20, 1.5, 90})) {
      double[] gradient = new double[3];
      spend.logLikelihood(at, gradient);
      assertMatchesDifferences(at, gradient, spend::logLikelihood);
    }
  }

  @Test
  void aGradientThatFailsLeavesTheFitToTheDerivativeFreeSearchUnchanged() {
    List<String> names = List.of("r", "alpha", "a", "b");
    double[] start = {1, 1, 1, 3};
    var withBrokenGradient =
        MaximumLikelihood.maximise(
            names,
            start,
            p -> BgNbdTrainer.logLikelihood(stats, p),
            (p, gradient) -> {
              java.util.Arrays.fill(gradient, Double.NaN);
              return Double.NaN;
            },
            stats.customers(),
            stats.purchaseRows());
    var byBobyqa =
        MaximumLikelihood.maximise(
            names,
            start,
            p -> BgNbdTrainer.logLikelihood(stats, p),
            stats.customers(),
            stats.purchaseRows());
    assertThat(withBrokenGradient.diagnostics().optimizer()).isEqualTo("bfgs+bobyqa");
    // exactly what the derivative-free path finds: search, gradient check and Hessian alike
    assertThat(withBrokenGradient.parameters()).containsExactly(byBobyqa.parameters());
    assertThat(withBrokenGradient.diagnostics().parameters())
        .isEqualTo(byBobyqa.diagnostics().parameters());
    assertThat(withBrokenGradient.diagnostics().converged()).isTrue();
    assertThat(withBrokenGradient.diagnostics().evaluations())
        .isGreaterThan(byBobyqa.diagnostics().evaluations());

    var byBfgs = new BgNbdTrainer().fit(stats);
    assertThat(byBfgs.diagnostics().optimizer()).isEqualTo("bfgs");
    assertThat(byBfgs.diagnostics().evaluations()).isLessThan(60);
    assertThat(byBfgs.diagnostics().logLikelihood())
        .isGreaterThanOrEqualTo(byBobyqa.diagnostics().logLikelihood() - 1e-6);
    for (int i = 0; i < 4; i++) {
      assertThat(byBfgs.diagnostics().parameters().get(i).value())
          .isCloseTo(byBobyqa.parameters()[i], within(1e-3 * byBobyqa.parameters()[i]));
    }
  }

  @Test
  void theSearchStopsWhereTheGradientReachesTheRoundingOfItsSums() {
    // A large gamma makes the spend gradient's terms cancel: it cannot fall below about 1e-8 per
    // customer, and the search must stop there instead of stepping in the last digits.
    var simulator =
        new ClvSimulator(
            new BgNbdModel(0.243, 4.414, 0.793, 2.426), new GammaGammaModel(1.5, 2.5, 100), 301L);
    var random = new SplittableRandom(301);
    var builder = CompressedStats.builder(new CalibrationWindow(0, 0, ClvTimeUnit.WEEKS));
    for (int i = 0; i < 300; i++) {
      builder.add(simulator.next(52 - 12 * random.nextDouble(), 0));
    }
    var fit = new GammaGammaTrainer().fit(builder.build());
    assertThat(fit.diagnostics().optimizer()).isEqualTo("bfgs");
    assertThat(fit.diagnostics().evaluations()).isLessThan(60);
    assertThat(fit.diagnostics().trustworthy()).isTrue();
  }

  private static void assertMatchesDifferences(
      double[] at, double[] gradient, MaximumLikelihood.LogLikelihood logLikelihood) {
    for (int i = 0; i < at.length; i++) {
      double h = 1e-4 * at[i]; // smaller steps drown in the rounding of sums over 20,000 customers
      double[] up = at.clone();
      double[] down = at.clone();
      up[i] += h;
      down[i] -= h;
      double difference = (logLikelihood.at(up) - logLikelihood.at(down)) / (2 * h);
      assertThat(gradient[i])
          .as("d/d parameter %d at %s", i, java.util.Arrays.toString(at))
          .isCloseTo(difference, within(1e-5 * Math.max(1, Math.abs(difference))));
    }
  }
}
