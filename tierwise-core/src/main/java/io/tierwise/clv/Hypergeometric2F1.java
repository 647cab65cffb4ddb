package io.tierwise.clv;

/**
 * Gauss hypergeometric function <sub>2</sub>F<sub>1</sub>(a, b; c; z) by its power series, for 0
 * &lt;= z &lt; 1. Neither Hipparchus nor Commons Numbers provides it; the BG/NBD conditional
 * expectation and the Pareto/NBD likelihood need it only on that interval, where the series
 * converges (geometrically, ratio tending to z).
 *
 * <p>The sum stops when a term falls below 1e-15 of the partial sum or after {@value #MAX_TERMS}
 * terms (reached only for z within about 1e-4 of 1, far from any fitted optimum).
 */
final class Hypergeometric2F1 {
  static final int MAX_TERMS = 200_000;
  private static final double RELATIVE_TOLERANCE = 1e-15;

  private Hypergeometric2F1() {}

  static double value(double a, double b, double c, double z) {
    if (!(z >= 0 && z < 1)) {
      throw new IllegalArgumentException("2F1 series needs 0 <= z < 1, got " + z);
    }
    double term = 1;
    double sum = 1;
    for (int n = 0; n < MAX_TERMS; n++) {
      term *= (a + n) * (b + n) / ((c + n) * (n + 1)) * z;
      sum += term;
      if (Math.abs(term) <= RELATIVE_TOLERANCE * Math.abs(sum)) {
        break;
      }
    }
    return sum;
  }
}
