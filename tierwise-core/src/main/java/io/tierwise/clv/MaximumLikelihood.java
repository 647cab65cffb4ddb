package io.tierwise.clv;

import java.util.ArrayList;
import java.util.List;
import org.hipparchus.exception.MathRuntimeException;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.CholeskyDecomposition;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.optim.InitialGuess;
import org.hipparchus.optim.MaxEval;
import org.hipparchus.optim.PointValuePair;
import org.hipparchus.optim.SimpleBounds;
import org.hipparchus.optim.nonlinear.scalar.GoalType;
import org.hipparchus.optim.nonlinear.scalar.ObjectiveFunction;
import org.hipparchus.optim.nonlinear.scalar.noderiv.BOBYQAOptimizer;
import org.hipparchus.optim.nonlinear.scalar.noderiv.NelderMeadSimplex;
import org.hipparchus.optim.nonlinear.scalar.noderiv.SimplexOptimizer;

/**
 * Maximum likelihood for positive parameters, shared by the three trainers.
 *
 * <p>The search runs on θ = log(parameter), bounded to [1e-6, 1e6], minimising the mean negative
 * log-likelihood per customer (so tolerances do not depend on the number of customers). BOBYQA
 * (Powell's bounded derivative-free method) searches first; if it fails or its end point does not
 * pass the gradient check (central differences, max |∂/∂θ| &lt; {@value #GRADIENT_TOLERANCE}),
 * Nelder-Mead restarts from the best point. Standard errors come from the inverse of a
 * central-difference Hessian in θ, carried to the parameters by the delta method.
 */
final class MaximumLikelihood {
  static final double LOWER_BOUND = 1e-6;
  static final double UPPER_BOUND = 1e6;
  static final double GRADIENT_TOLERANCE = 1e-5;
  private static final double LOG_LOWER = Math.log(LOWER_BOUND);
  private static final double LOG_UPPER = Math.log(UPPER_BOUND);
  private static final double AT_BOUND_MARGIN = 1e-3;
  private static final double PENALTY = 1e10;
  private static final double GRADIENT_STEP = 1e-5;
  private static final double HESSIAN_STEP = 1e-4;
  private static final double Z_95 = 1.959963984540054;

  /** Total log-likelihood at raw (positive) parameters. */
  @FunctionalInterface
  interface LogLikelihood {
    double at(double[] parameters);
  }

  record Outcome(double[] parameters, FitDiagnostics diagnostics) {}

  private MaximumLikelihood() {}

  static Outcome maximise(
      List<String> names, double[] start, LogLikelihood logLikelihood, long customers, int rows) {
    int dimension = start.length;
    Objective objective = new Objective(logLikelihood, customers);
    double[] theta = new double[dimension];
    for (int i = 0; i < dimension; i++) {
      theta[i] = Math.min(LOG_UPPER - 1, Math.max(LOG_LOWER + 1, Math.log(start[i])));
    }
    List<String> warnings = new ArrayList<>();
    String optimizer = "bobyqa";
    boolean stoppedNormally;
    try {
      PointValuePair best =
          new BOBYQAOptimizer(2 * dimension + 1, 0.5, 1e-7)
              .optimize(
                  new MaxEval(5_000),
                  new ObjectiveFunction(objective::value),
                  GoalType.MINIMIZE,
                  new InitialGuess(theta),
                  new SimpleBounds(filled(dimension, LOG_LOWER), filled(dimension, LOG_UPPER)));
      theta = best.getPoint();
      stoppedNormally = true;
    } catch (MathRuntimeException e) {
      warnings.add("BOBYQA failed (" + e.getMessage() + "), falling back to Nelder-Mead");
      theta = objective.bestPoint(theta);
      stoppedNormally = false;
    }
    double gradient = maxAbsGradient(objective, theta);
    if (!stoppedNormally || !(gradient < GRADIENT_TOLERANCE)) {
      optimizer = "bobyqa+nelder_mead";
      try {
        PointValuePair best =
            new SimplexOptimizer(1e-14, 1e-16)
                .optimize(
                    new MaxEval(20_000),
                    new ObjectiveFunction(objective::value),
                    GoalType.MINIMIZE,
                    new InitialGuess(theta),
                    new NelderMeadSimplex(dimension, 0.1));
        theta = best.getPoint();
        stoppedNormally = true;
      } catch (MathRuntimeException e) {
        warnings.add("Nelder-Mead failed: " + e.getMessage());
        theta = objective.bestPoint(theta);
        stoppedNormally = false;
      }
      gradient = maxAbsGradient(objective, theta);
    }
    boolean converged = stoppedNormally && gradient < GRADIENT_TOLERANCE;
    if (!converged) {
      warnings.add(
          "not converged: the optimiser "
              + (stoppedNormally ? "stopped" : "gave up")
              + " where the largest log-likelihood gradient per customer is "
              + gradient
              + " (tolerance "
              + GRADIENT_TOLERANCE
              + ")");
    }
    double[][] covariance = covarianceOfTheta(objective, theta, customers);
    boolean positiveDefinite = covariance.length > 0;
    if (!positiveDefinite) {
      warnings.add(
          "the Hessian of the log-likelihood is not positive definite: the parameters are not"
              + " identified by these data, standard errors are unavailable");
    }
    List<ParameterEstimate> estimates = new ArrayList<>();
    double[] parameters = new double[dimension];
    for (int i = 0; i < dimension; i++) {
      parameters[i] = Math.exp(theta[i]);
      boolean atBound =
          theta[i] <= LOG_LOWER + AT_BOUND_MARGIN || theta[i] >= LOG_UPPER - AT_BOUND_MARGIN;
      if (atBound) {
        warnings.add(
            "parameter "
                + names.get(i)
                + " = "
                + parameters[i]
                + " is at the search bound ["
                + LOWER_BOUND
                + ", "
                + UPPER_BOUND
                + "]: the likelihood has no interior maximum");
      }
      double seTheta = positiveDefinite ? Math.sqrt(covariance[i][i]) : Double.NaN;
      estimates.add(
          new ParameterEstimate(
              names.get(i),
              parameters[i],
              parameters[i] * seTheta,
              Math.exp(theta[i] - Z_95 * seTheta),
              Math.exp(theta[i] + Z_95 * seTheta),
              atBound));
    }
    double maximum = -objective.value(theta) * customers;
    var diagnostics =
        new FitDiagnostics(
            maximum,
            converged,
            objective.evaluations,
            optimizer,
            estimates,
            positiveDefinite,
            warnings,
            customers,
            rows);
    return new Outcome(parameters, diagnostics);
  }

  private static double[] filled(int length, double value) {
    double[] array = new double[length];
    java.util.Arrays.fill(array, value);
    return array;
  }

  private static double maxAbsGradient(Objective objective, double[] theta) {
    double max = 0;
    for (int i = 0; i < theta.length; i++) {
      double[] up = theta.clone();
      double[] down = theta.clone();
      up[i] += GRADIENT_STEP;
      down[i] -= GRADIENT_STEP;
      double derivative = (objective.value(up) - objective.value(down)) / (2 * GRADIENT_STEP);
      max = Math.max(max, Double.isFinite(derivative) ? Math.abs(derivative) : Double.MAX_VALUE);
    }
    return max;
  }

  /** Inverse of the Hessian of the total negative log-likelihood in θ; empty if not SPD. */
  private static double[][] covarianceOfTheta(Objective objective, double[] theta, long n) {
    int dimension = theta.length;
    double h = HESSIAN_STEP;
    double center = objective.value(theta);
    double[][] hessian = new double[dimension][dimension];
    for (int i = 0; i < dimension; i++) {
      double plus = objective.value(shift(theta, i, h, i, 0));
      double minus = objective.value(shift(theta, i, -h, i, 0));
      hessian[i][i] = n * (plus - 2 * center + minus) / (h * h);
      for (int j = 0; j < i; j++) {
        double pp = objective.value(shift(theta, i, h, j, h));
        double pm = objective.value(shift(theta, i, h, j, -h));
        double mp = objective.value(shift(theta, i, -h, j, h));
        double mm = objective.value(shift(theta, i, -h, j, -h));
        hessian[i][j] = n * (pp - pm - mp + mm) / (4 * h * h);
        hessian[j][i] = hessian[i][j];
      }
    }
    try {
      RealMatrix matrix = new Array2DRowRealMatrix(hessian, false);
      return new CholeskyDecomposition(matrix).getSolver().getInverse().getData();
    } catch (MathRuntimeException e) {
      return new double[0][];
    }
  }

  private static double[] shift(double[] theta, int i, double hi, int j, double hj) {
    double[] shifted = theta.clone();
    shifted[i] += hi;
    shifted[j] += hj;
    return shifted;
  }

  /** Mean negative log-likelihood in θ, remembering the best point seen. */
  private static final class Objective {
    private final LogLikelihood logLikelihood;
    private final double customers;
    private int evaluations;
    private double bestValue = Double.POSITIVE_INFINITY;
    private double[] bestPoint;

    Objective(LogLikelihood logLikelihood, long customers) {
      this.logLikelihood = logLikelihood;
      this.customers = customers;
    }

    double value(double[] theta) {
      evaluations++;
      double[] parameters = new double[theta.length];
      for (int i = 0; i < theta.length; i++) {
        if (!(theta[i] >= LOG_LOWER - 1e-9 && theta[i] <= LOG_UPPER + 1e-9)) {
          return PENALTY;
        }
        parameters[i] = Math.exp(theta[i]);
      }
      double value = -logLikelihood.at(parameters) / customers;
      if (!Double.isFinite(value)) {
        return PENALTY;
      }
      if (value < bestValue) {
        bestValue = value;
        bestPoint = theta.clone();
      }
      return value;
    }

    double[] bestPoint(double[] fallback) {
      return bestPoint == null ? fallback : bestPoint.clone();
    }
  }
}
