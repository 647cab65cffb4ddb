package io.tierwise.clv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * The BFGS search on functions whose minimum is known. The objective is a mean negative
 * log-likelihood in θ = log(parameter), so each test writes its function of positive parameters.
 */
class QuasiNewtonTest {

  /** An objective over one "customer" from a log-likelihood and its gradient in the parameters. */
  private static MaximumLikelihood.Objective objective(
      MaximumLikelihood.LogLikelihood value, MaximumLikelihood.LogLikelihoodGradient gradient) {
    return new MaximumLikelihood.Objective(value, gradient, 1);
  }

  @Test
  void findsTheMaximumOfAnIllConditionedSmoothFunction() {
    // -LL = 100 (u - 2)^2 + (v - 0.5)^2 with u = ln p0 - ln p1, v = ln p1: optimum p1 = e^0.5,
    // p0 = p1 e^2; a narrow valley in θ, scaled 100 : 1
    MaximumLikelihood.LogLikelihoodGradient gradient =
        (p, g) -> {
          double u = Math.log(p[0]) - Math.log(p[1]);
          double v = Math.log(p[1]);
          g[0] = -200 * (u - 2) / p[0];
          g[1] = (200 * (u - 2) - 2 * (v - 0.5)) / p[1];
          return -(100 * (u - 2) * (u - 2) + (v - 0.5) * (v - 0.5));
        };
    var objective = objective(p -> gradient.at(p, new double[2]), gradient);
    double[] theta = QuasiNewton.minimise(objective, new double[] {0, 0}, 1e-5);
    assertThat(theta).hasSize(2);
    assertThat(theta[1]).isCloseTo(0.5, within(1e-6));
    assertThat(theta[0]).isCloseTo(2.5, within(1e-6));
    assertThat(objective.evaluations()).isLessThan(40);
  }

  @Test
  void answersNotFoundWhereTheFunctionCannotBeEvaluated() {
    MaximumLikelihood.LogLikelihoodGradient nowhere =
        (p, g) -> {
          java.util.Arrays.fill(g, Double.NaN);
          return Double.NaN;
        };
    var objective = objective(p -> Double.NaN, nowhere);
    assertThat(QuasiNewton.minimise(objective, new double[] {0, 0}, 1e-5)).isEmpty();
  }

  @Test
  void answersNotFoundWhenTheLikelihoodOnlyGrowsTowardsABound() {
    // LL = ln p: no maximum inside the bounds; the search must give up, not report a point
    MaximumLikelihood.LogLikelihoodGradient growing =
        (p, g) -> {
          g[0] = 1 / p[0];
          return Math.log(p[0]);
        };
    var objective = objective(p -> Math.log(p[0]), growing);
    double[] theta = QuasiNewton.minimise(objective, new double[] {0}, 1e-5);
    assertThat(theta).isEmpty();
  }
}
