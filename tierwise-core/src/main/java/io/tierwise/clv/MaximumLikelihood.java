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
 * log-likelihood per customer (so tolerances do not depend on the number of customers). Where the
 * trainer gives the gradient (BG/NBD, Gamma-Gamma), a quasi-Newton search (BFGS, started from a
 * Hessian of finite differences of the gradient) runs first: about 20 evaluations instead of
 * BOBYQA's 150–190. Otherwise, or when it does not reach the gradient check, BOBYQA (Powell's
 * bounded derivative-free method) searches; if that fails or its end point does not pass the
 * gradient check (max |∂/∂θ| &lt; {@value #GRADIENT_TOLERANCE}), Nelder-Mead restarts from the best
 * point. Standard errors come from the inverse of a central-difference Hessian in θ (of the
 * gradient where there is one), carried to the parameters by the delta method.
 */
final class MaximumLikelihood {
  static final double LOWER_BOUND = 1e-6;
  static final double UPPER_BOUND = 1e6;
  static final double GRADIENT_TOLERANCE = 1e-5;
  private static final double LOG_LOWER = Math.log(LOWER_BOUND);
  private static final double LOG_UPPER = Math.log(UPPER_BOUND);
  private static final double AT_BOUND_MARGIN = 1e-3;
  static final double PENALTY = 1e10;
  private static final double GRADIENT_STEP = 1e-5;
  private static final double HESSIAN_STEP = 1e-4;
  private static final double Z_95 = 1.959963984540054;

  /** Total log-likelihood at raw (positive) parameters. */
  @FunctionalInterface
  interface LogLikelihood {
    double at(double[] parameters);
  }

  /** Total log-likelihood at raw parameters, with ∂/∂parameter[i] written to gradient[i]. */
  @FunctionalInterface
  interface LogLikelihoodGradient {
    double at(double[] parameters, double[] gradient);
  }

  record Outcome(double[] parameters, FitDiagnostics diagnostics) {}

  private MaximumLikelihood() {}

  /** Derivative-free maximum likelihood (BOBYQA, then Nelder-Mead if needed). */
  static Outcome maximise(
      List<String> names, double[] start, LogLikelihood logLikelihood, long customers, int rows) {
    return maximise(names, start, new Objective(logLikelihood, null, customers), customers, rows);
  }

  /** Maximum likelihood with the gradient: BFGS first, the derivative-free path if it fails. */
  static Outcome maximise(
      List<String> names,
      double[] start,
      LogLikelihood logLikelihood,
      LogLikelihoodGradient gradient,
      long customers,
      int rows) {
    return maximise(
        names, start, new Objective(logLikelihood, gradient, customers), customers, rows);
  }

  private static Outcome maximise(
      List<String> names, double[] start, Objective objective, long customers, int rows) {
    int dimension = start.length;
    double[] theta = new double[dimension];
    for (int i = 0; i < dimension; i++) {
      theta[i] = Math.min(LOG_UPPER - 1, Math.max(LOG_LOWER + 1, Math.log(start[i])));
    }
    List<String> warnings = new ArrayList<>();
    String optimizer = "bobyqa";
    if (objective.hasGradient()) {
      // Used when it converges inside the bounds to a point the standard errors can describe;
      // otherwise the fit is done exactly as without a gradient (the same search, gradient check
      // and Hessian), from the same starting values.
      double[] found = QuasiNewton.minimise(objective, theta, GRADIENT_TOLERANCE);
      if (found.length > 0 && interior(found)) {
        Outcome outcome =
            outcome(names, objective, found, "bfgs", true, new ArrayList<>(), customers, rows);
        if (outcome.diagnostics().hessianPositiveDefinite()) {
          return outcome;
        }
      }
      objective = objective.derivativeFree();
      optimizer = "bfgs+bobyqa";
    }
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
      optimizer += "+nelder_mead";
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
    return outcome(names, objective, theta, optimizer, converged, warnings, customers, rows);
  }

  /** Whether every θ is away from the search bounds. */
  private static boolean interior(double[] theta) {
    for (double value : theta) {
      if (!(value > LOG_LOWER + AT_BOUND_MARGIN && value < LOG_UPPER - AT_BOUND_MARGIN)) {
        return false;
      }
    }
    return true;
  }

  private static Outcome outcome(
      List<String> names,
      Objective objective,
      double[] theta,
      String optimizer,
      boolean converged,
      List<String> warnings,
      long customers,
      int rows) {
    int dimension = theta.length;
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

  /** The gradient check of the derivative-free path: central differences of the value. */
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
    double[][] hessian =
        objective.hasGradient()
            ? hessianOfGradient(objective, theta, n)
            : hessianOfValues(objective, theta, n);
    try {
      RealMatrix matrix = new Array2DRowRealMatrix(hessian, false);
      return new CholeskyDecomposition(matrix).getSolver().getInverse().getData();
    } catch (MathRuntimeException e) {
      return new double[0][];
    }
  }

  /** n × the Hessian in θ from central differences of the value. */
  private static double[][] hessianOfValues(Objective objective, double[] theta, double n) {
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
    return hessian;
  }

  /** n × the Hessian in θ from central differences of the gradient, made symmetric. */
  private static double[][] hessianOfGradient(Objective objective, double[] theta, double n) {
    int dimension = theta.length;
    double h = HESSIAN_STEP;
    double[][] columns = new double[dimension][];
    for (int j = 0; j < dimension; j++) {
      double[] up = new double[dimension];
      double[] down = new double[dimension];
      objective.valueAndGradient(shift(theta, j, h, j, 0), up);
      objective.valueAndGradient(shift(theta, j, -h, j, 0), down);
      columns[j] = new double[dimension];
      for (int i = 0; i < dimension; i++) {
        columns[j][i] = (up[i] - down[i]) / (2 * h);
      }
    }
    double[][] hessian = new double[dimension][dimension];
    for (int i = 0; i < dimension; i++) {
      for (int j = 0; j < dimension; j++) {
        hessian[i][j] = n * (columns[i][j] + columns[j][i]) / 2;
      }
    }
    return hessian;
  }

  static double maxAbs(double[] values) {
    double max = 0;
    for (double value : values) {
      max = Math.max(max, Double.isFinite(value) ? Math.abs(value) : Double.MAX_VALUE);
    }
    return max;
  }

  private static double[] shift(double[] theta, int i, double hi, int j, double hj) {
    double[] shifted = theta.clone();
    shifted[i] += hi;
    shifted[j] += hj;
    return shifted;
  }

  /**
   * Mean negative log-likelihood in θ (and its gradient, where known), remembering the best point.
   */
  static final class Objective {
    private final LogLikelihood logLikelihood;
    private final LogLikelihoodGradient gradient; // null: derivative-free
    private final double customers;
    private int evaluations;
    private double bestValue = Double.POSITIVE_INFINITY;
    private double[] bestPoint;

    Objective(LogLikelihood logLikelihood, LogLikelihoodGradient gradient, long customers) {
      this.logLikelihood = logLikelihood;
      this.gradient = gradient;
      this.customers = customers;
    }

    boolean hasGradient() {
      return gradient != null;
    }

    /** The same objective read without its gradient, counting on from this one's evaluations. */
    Objective derivativeFree() {
      Objective values = new Objective(logLikelihood, null, (long) customers);
      values.evaluations = evaluations;
      return values;
    }

    int evaluations() {
      return evaluations;
    }

    double value(double[] theta) {
      evaluations++;
      double[] parameters = parameters(theta);
      if (parameters.length == 0) {
        return PENALTY;
      }
      return remember(theta, -logLikelihood.at(parameters) / customers);
    }

    /**
     * The value at θ, with its gradient in θ written to {@code into}; {@link #PENALTY} and NaN
     * gradients outside the bounds or where the likelihood is not finite.
     */
    double valueAndGradient(double[] theta, double[] into) {
      evaluations++;
      double[] parameters = parameters(theta);
      if (parameters.length == 0) {
        java.util.Arrays.fill(into, Double.NaN);
        return PENALTY;
      }
      double value = -gradient.at(parameters, into) / customers;
      for (int i = 0; i < into.length; i++) {
        into[i] = -into[i] * parameters[i] / customers; // ∂/∂θ = parameter × ∂/∂parameter
        if (!Double.isFinite(into[i])) {
          value = Double.NaN;
        }
      }
      double remembered = remember(theta, value);
      if (remembered == PENALTY) {
        java.util.Arrays.fill(into, Double.NaN);
      }
      return remembered;
    }

    private static double[] parameters(double[] theta) {
      double[] parameters = new double[theta.length];
      for (int i = 0; i < theta.length; i++) {
        if (!(theta[i] >= LOG_LOWER - 1e-9 && theta[i] <= LOG_UPPER + 1e-9)) {
          return new double[0];
        }
        parameters[i] = Math.exp(theta[i]);
      }
      return parameters;
    }

    private double remember(double[] theta, double value) {
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
