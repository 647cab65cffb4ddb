package io.tierwise.churn;

import java.util.Arrays;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.CholeskyDecomposition;
import org.hipparchus.linear.RealVector;

/**
 * L2-regularised logistic regression on standardised features. The coefficient of a feature times
 * its standardised value is its contribution: zero for a customer at the training mean.
 */
record LogisticScorer(double[] means, double[] scales, double[] coefficients, double intercept)
    implements ChurnScorer {
  private static final int MAX_ITERATIONS = 100;
  private static final double TOLERANCE = 1e-9;

  LogisticScorer {
    means = means.clone();
    scales = scales.clone();
    coefficients = coefficients.clone();
  }

  /**
   * Fits by Newton's method (iteratively reweighted least squares) with step halving, minimising
   * the summed log-loss plus {@code l2 / 2 * ||coefficients||^2}; the intercept is not penalised.
   */
  static LogisticScorer fit(double[][] features, int[] labels, double l2) {
    int n = features.length;
    int p = features[0].length;
    double[] means = new double[p];
    double[] scales = new double[p];
    for (double[] row : features) {
      for (int j = 0; j < p; j++) {
        means[j] += row[j] / n;
      }
    }
    for (double[] row : features) {
      for (int j = 0; j < p; j++) {
        scales[j] += (row[j] - means[j]) * (row[j] - means[j]) / n;
      }
    }
    for (int j = 0; j < p; j++) {
      scales[j] = scales[j] > 0 ? Math.sqrt(scales[j]) : 1.0;
    }
    double[][] x = new double[n][p + 1];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < p; j++) {
        x[i][j] = (features[i][j] - means[j]) / scales[j];
      }
      x[i][p] = 1.0;
    }
    double[] beta = new double[p + 1];
    double loss = loss(x, labels, beta, l2);
    for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
      double[] gradient = new double[p + 1];
      double[][] hessian = new double[p + 1][p + 1];
      for (int i = 0; i < n; i++) {
        double probability = sigmoid(dot(x[i], beta));
        double weight = Math.max(probability * (1 - probability), 1e-12);
        for (int a = 0; a <= p; a++) {
          gradient[a] += (probability - labels[i]) * x[i][a];
          double scaled = weight * x[i][a];
          for (int b = a; b <= p; b++) {
            hessian[a][b] += scaled * x[i][b];
          }
        }
      }
      for (int a = 0; a <= p; a++) {
        double penalty = a < p ? l2 : 0.0;
        gradient[a] += penalty * beta[a];
        hessian[a][a] += penalty + 1e-8; // jitter keeps collinear one-hot columns solvable
        for (int b = 0; b < a; b++) {
          hessian[a][b] = hessian[b][a];
        }
      }
      RealVector step =
          new CholeskyDecomposition(new Array2DRowRealMatrix(hessian, false), 1e-14, 1e-14)
              .getSolver()
              .solve(new ArrayRealVector(gradient, false));
      double factor = 1.0;
      double[] candidate = new double[p + 1];
      double candidateLoss;
      do {
        for (int a = 0; a <= p; a++) {
          candidate[a] = beta[a] - factor * step.getEntry(a);
        }
        candidateLoss = loss(x, labels, candidate, l2);
        factor /= 2;
      } while (candidateLoss > loss && factor > 1e-6);
      beta = candidate.clone();
      boolean converged = Math.abs(loss - candidateLoss) <= TOLERANCE * (1 + Math.abs(loss));
      loss = candidateLoss;
      if (converged) {
        break;
      }
    }
    return new LogisticScorer(means, scales, Arrays.copyOf(beta, p), beta[p]);
  }

  @Override
  public double[] logOdds(double[][] features) {
    double[] result = new double[features.length];
    for (int i = 0; i < features.length; i++) {
      double sum = intercept;
      for (int j = 0; j < coefficients.length; j++) {
        sum += coefficients[j] * (features[i][j] - means[j]) / scales[j];
      }
      result[i] = sum;
    }
    return result;
  }

  @Override
  public double[][] contributions(double[][] features) {
    double[][] result = new double[features.length][coefficients.length + 1];
    for (int i = 0; i < features.length; i++) {
      for (int j = 0; j < coefficients.length; j++) {
        result[i][j] = coefficients[j] * (features[i][j] - means[j]) / scales[j];
      }
      result[i][coefficients.length] = intercept;
    }
    return result;
  }

  static double sigmoid(double z) {
    return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
  }

  private static double loss(double[][] x, int[] labels, double[] beta, double l2) {
    double sum = 0;
    for (int i = 0; i < x.length; i++) {
      double z = dot(x[i], beta);
      // log(1 + e^z) - y z, computed without overflow
      sum += Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z))) - labels[i] * z;
    }
    for (int a = 0; a < beta.length - 1; a++) {
      sum += l2 / 2 * beta[a] * beta[a];
    }
    return sum;
  }

  private static double dot(double[] a, double[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += a[i] * b[i];
    }
    return sum;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof LogisticScorer that
        && Arrays.equals(means, that.means)
        && Arrays.equals(scales, that.scales)
        && Arrays.equals(coefficients, that.coefficients)
        && Double.compare(intercept, that.intercept) == 0;
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(coefficients) * 31 + Double.hashCode(intercept);
  }

  @Override
  public String toString() {
    return "LogisticScorer[" + coefficients.length + " coefficients]";
  }
}
