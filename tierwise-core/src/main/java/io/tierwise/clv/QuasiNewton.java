package io.tierwise.clv;

import org.hipparchus.exception.MathRuntimeException;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.CholeskyDecomposition;

/**
 * BFGS on a smooth objective with an exact gradient (BG/NBD, Gamma-Gamma), for {@link
 * MaximumLikelihood}. The inverse Hessian starts from finite differences of the gradient at the
 * start point, so the first steps are already Newton steps; an Armijo backtracking line search
 * keeps every step downhill, and no step moves a θ by more than {@value #MAX_STEP}.
 *
 * <p>Hipparchus has no plain unconstrained quasi-Newton method (its BFGS update lives inside the
 * constrained SQP optimiser, which solves a quadratic programme by ADMM at every step; its gradient
 * optimiser is non-linear conjugate gradients), so the iteration is written out; the starting
 * inverse is Hipparchus' Cholesky. It answers "not found" rather than guessing, and the caller then
 * runs the derivative-free path.
 */
final class QuasiNewton {
  private static final int MAX_HALVINGS = 50;
  private static final double MAX_STEP = 2;
  private static final double ARMIJO = 1e-4;
  private static final double DIFFERENCE_STEP = 1e-4;

  /** A step in θ this small (about 1e-10 of a parameter) no longer moves the search. */
  private static final double STALLED = 1e-10;

  /**
   * The search aims well below the caller's tolerance: a small gradient alone does not pin down a
   * flat parameter (CDNOW's b needs the gradient a thousand times under the check's tolerance to be
   * right to the three decimals the paper prints).
   */
  private static final double TARGET = 1e-3;

  /**
   * Evaluations after which the search gives up: on a ridge (Online Retail's BG/NBD, whose dropout
   * is barely identified) it would walk on towards a bound; the caller then runs the
   * derivative-free path from the starting values, which ends where it always did.
   */
  private static final int MAX_EVALUATIONS = 300;

  private QuasiNewton() {}

  /**
   * A θ where max |∂f/∂θ| &lt; {@code tolerance}, or an empty array when the search cannot find one
   * (non-finite values, a line search that cannot go downhill, too many evaluations, steps that
   * stall while the gradient is still above the tolerance).
   */
  static double[] minimise(
      MaximumLikelihood.Objective objective, double[] start, double tolerance) {
    int n = start.length;
    double[] theta = start.clone();
    double[] gradient = new double[n];
    double value = objective.valueAndGradient(theta, gradient);
    if (value == MaximumLikelihood.PENALTY) {
      return new double[0];
    }
    double[][] inverse = startingInverse(objective, theta, gradient);
    double[] next = new double[n];
    double[] nextGradient = new double[n];
    while (objective.evaluations() <= MAX_EVALUATIONS) {
      double largest = MaximumLikelihood.maxAbs(gradient);
      if (largest < tolerance * TARGET) {
        return theta;
      }
      double[] direction = times(inverse, gradient, -1);
      double slope = dot(gradient, direction);
      if (!(slope < 0)) { // not a descent direction: forget the curvature learned so far
        inverse = identity(n);
        direction = times(inverse, gradient, -1);
        slope = dot(gradient, direction);
      }
      double step = Math.min(1, MAX_STEP / MaximumLikelihood.maxAbs(direction));
      double nextValue;
      int halvings = 0;
      while (true) {
        for (int i = 0; i < n; i++) {
          next[i] = theta[i] + step * direction[i];
        }
        nextValue = objective.valueAndGradient(next, nextGradient);
        if (nextValue != MaximumLikelihood.PENALTY && nextValue <= value + ARMIJO * step * slope) {
          break;
        }
        if (++halvings > MAX_HALVINGS) {
          // No downhill step left: at the optimum to the precision of the sums, or lost.
          return largest < tolerance ? theta : new double[0];
        }
        step /= 2;
      }
      double[] moved = difference(next, theta);
      update(inverse, moved, difference(nextGradient, gradient));
      System.arraycopy(next, 0, theta, 0, n);
      System.arraycopy(nextGradient, 0, gradient, 0, n);
      value = nextValue;
      if (MaximumLikelihood.maxAbs(moved) < STALLED) {
        // Steps in the last digits: the gradient has reached the rounding of its sums.
        return MaximumLikelihood.maxAbs(gradient) < tolerance ? theta : new double[0];
      }
    }
    return new double[0];
  }

  /** The inverse of the finite-difference Hessian at θ when it is positive definite, else I. */
  private static double[][] startingInverse(
      MaximumLikelihood.Objective objective, double[] theta, double[] gradient) {
    int n = theta.length;
    double[][] hessian = new double[n][n];
    double[] shifted = new double[n];
    for (int j = 0; j < n; j++) {
      double[] at = theta.clone();
      at[j] += DIFFERENCE_STEP;
      if (objective.valueAndGradient(at, shifted) == MaximumLikelihood.PENALTY) {
        return identity(n);
      }
      for (int i = 0; i < n; i++) {
        hessian[i][j] += (shifted[i] - gradient[i]) / DIFFERENCE_STEP / 2;
        hessian[j][i] += (shifted[i] - gradient[i]) / DIFFERENCE_STEP / 2;
      }
    }
    try {
      return new CholeskyDecomposition(new Array2DRowRealMatrix(hessian, false))
          .getSolver()
          .getInverse()
          .getData();
    } catch (MathRuntimeException e) {
      return identity(n);
    }
  }

  /**
   * The BFGS update of the inverse Hessian H for a step s and gradient change y: H ← (I − ρsyᵀ) H
   * (I − ρysᵀ) + ρssᵀ with ρ = 1/(yᵀs); skipped when yᵀs is not clearly positive (no curvature
   * information that keeps H positive definite).
   */
  private static void update(double[][] inverse, double[] s, double[] y) {
    double sy = dot(s, y);
    if (!(sy > 1e-12 * Math.sqrt(dot(s, s) * dot(y, y)))) {
      return;
    }
    double rho = 1 / sy;
    double[] hy = times(inverse, y, 1);
    double yhy = dot(y, hy);
    int n = s.length;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        inverse[i][j] +=
            -rho * (hy[i] * s[j] + s[i] * hy[j]) + (rho * rho * yhy + rho) * s[i] * s[j];
      }
    }
  }

  private static double[] times(double[][] matrix, double[] vector, double sign) {
    double[] result = new double[vector.length];
    for (int i = 0; i < vector.length; i++) {
      result[i] = sign * dot(matrix[i], vector);
    }
    return result;
  }

  private static double dot(double[] a, double[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += a[i] * b[i];
    }
    return sum;
  }

  private static double[] difference(double[] a, double[] b) {
    double[] result = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      result[i] = a[i] - b[i];
    }
    return result;
  }

  private static double[][] identity(int n) {
    double[][] identity = new double[n][n];
    for (int i = 0; i < n; i++) {
      identity[i][i] = 1;
    }
    return identity;
  }
}
