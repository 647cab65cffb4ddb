package io.tierwise.clv;

import static org.apache.commons.numbers.gamma.LogGamma.value;

import io.tierwise.TierwiseException;

/**
 * BG/NBD model (Fader, Hardie and Lee 2005, "Counting your customers the easy way"): while active,
 * a customer buys at Poisson rate λ ~ Gamma(r, α) (shape r, rate α); after each purchase the
 * customer drops out with probability p ~ Beta(a, b).
 *
 * @param r shape of the purchase-rate distribution
 * @param alpha rate (inverse scale) of the purchase-rate distribution, in the fitted time unit
 * @param a first shape of the dropout-probability distribution
 * @param b second shape of the dropout-probability distribution
 */
public record BgNbdModel(double r, double alpha, double a, double b) implements PurchaseModel {

  public BgNbdModel {
    requirePositive("r", r);
    requirePositive("alpha", alpha);
    requirePositive("a", a);
    requirePositive("b", b);
  }

  static void requirePositive(String name, double value) {
    if (!(value > 0) || !Double.isFinite(value)) {
      throw TierwiseException.invalidInput(
          "model parameter " + name + " must be finite and > 0, got " + value);
    }
  }

  @Override
  public ModelKind kind() {
    return ModelKind.BG_NBD;
  }

  /** Equation (6) of FHL 2005, in logs. */
  @Override
  public double logLikelihood(int x, double recency, double age) {
    double head =
        value(r + x)
            - value(r)
            + r * Math.log(alpha)
            + value(a + b)
            + value(b + x)
            - value(b)
            - value(a + b + x);
    double alive = -(r + x) * Math.log(alpha + age);
    if (x == 0) {
      return head + alive;
    }
    double dropped = Math.log(a) - Math.log(b + x - 1) - (r + x) * Math.log(alpha + recency);
    return head + logSumExp(alive, dropped);
  }

  static double logSumExp(double first, double second) {
    double max = Math.max(first, second);
    if (max == Double.NEGATIVE_INFINITY) {
      return max;
    }
    return max + Math.log1p(Math.exp(Math.min(first, second) - max));
  }

  /** Equation (7) of FHL 2005. Singular at a = 1. */
  @Override
  public double expectedPurchases(double t) {
    double z = t / (alpha + t);
    return (a + b - 1)
        / (a - 1)
        * (1 - Math.pow(alpha / (alpha + t), r) * Hypergeometric2F1.value(r, b, a + b - 1, z));
  }

  /** Equation (10) of FHL 2005. Singular at a = 1. */
  @Override
  public double conditionalExpectedPurchases(double t, int x, double recency, double age) {
    double z = t / (alpha + age + t);
    double numerator =
        (a + b + x - 1)
            / (a - 1)
            * (1
                - Math.pow((alpha + age) / (alpha + age + t), r + x)
                    * Hypergeometric2F1.value(r + x, b + x, a + b + x - 1, z));
    return numerator / (1 + aliveOdds(x, recency, age));
  }

  /** P(alive) = 1 / (1 + δ(x&gt;0) a/(b+x-1) ((α+T)/(α+t_x))^(r+x)). */
  @Override
  public double probabilityAlive(int x, double recency, double age) {
    return 1 / (1 + aliveOdds(x, recency, age));
  }

  private double aliveOdds(int x, double recency, double age) {
    if (x == 0) {
      return 0;
    }
    return a / (b + x - 1) * Math.exp((r + x) * Math.log((alpha + age) / (alpha + recency)));
  }
}
