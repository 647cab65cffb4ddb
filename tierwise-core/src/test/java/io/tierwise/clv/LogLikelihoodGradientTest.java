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
  void aGradientThatFailsLeavesTheFitToTheDerivativeFreeSearch() {
    var outcome =
        MaximumLikelihood.maximise(
            List.of("r", "alpha", "a", "b"),
            new double[] {1, 1, 1, 3},
            p -> BgNbdTrainer.logLikelihood(stats, p),
            (p, gradient) -> {
              java.util.Arrays.fill(gradient, Double.NaN);
              return Double.NaN;
            },
            stats.customers(),
            stats.purchaseRows());
    assertThat(outcome.diagnostics().optimizer()).startsWith("bfgs+bobyqa");
    assertThat(outcome.diagnostics().converged()).isFalse(); // its check needs the gradient too
    var byBobyqa =
        MaximumLikelihood.maximise(
            List.of("r", "alpha", "a", "b"),
            new double[] {1, 1, 1, 3},
            p -> BgNbdTrainer.logLikelihood(stats, p),
            stats.customers(),
            stats.purchaseRows());
    var byBfgs = new BgNbdTrainer().fit(stats);
    assertThat(byBfgs.diagnostics().optimizer()).isEqualTo("bfgs");
    assertThat(byBfgs.diagnostics().logLikelihood())
        .isGreaterThanOrEqualTo(byBobyqa.diagnostics().logLikelihood() - 1e-6);
    for (int i = 0; i < 4; i++) {
      assertThat(byBfgs.diagnostics().parameters().get(i).value())
          .isCloseTo(byBobyqa.parameters()[i], within(1e-3 * byBobyqa.parameters()[i]));
    }
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
