package io.tierwise.clv;

import static org.apache.commons.numbers.gamma.LogGamma.value;

/**
 * Pareto/NBD model (Schmittlein, Morrison and Colombo 1987): while active, a customer buys at
 * Poisson rate λ ~ Gamma(r, α); the lifetime is exponential with rate μ ~ Gamma(s, β). The
 * likelihood and P(alive) follow Fader and Hardie (2005), "A Note on Deriving the Pareto/NBD Model
 * and Related Expressions", equations (22)–(24), evaluated in logs with the Euler transformation of
 * <sub>2</sub>F<sub>1</sub> so the series stays short.
 *
 * @param r shape of the purchase-rate distribution
 * @param alpha rate of the purchase-rate distribution, in the fitted time unit
 * @param s shape of the dropout-rate distribution
 * @param beta rate of the dropout-rate distribution, in the fitted time unit
 */
public record ParetoNbdModel(double r, double alpha, double s, double beta)
    implements PurchaseModel {

  public ParetoNbdModel {
    BgNbdModel.requirePositive("r", r);
    BgNbdModel.requirePositive("alpha", alpha);
    BgNbdModel.requirePositive("s", s);
    BgNbdModel.requirePositive("beta", beta);
  }

  @Override
  public ModelKind kind() {
    return ModelKind.PARETO_NBD;
  }

  @Override
  public double logLikelihood(int x, double recency, double age) {
    return logHead(x) + logBracket(x, recency, age);
  }

  /** log of Γ(r+x) α^r β^s / Γ(r). */
  double logHead(int x) {
    return value(r + x) - value(r) + r * Math.log(alpha) + s * Math.log(beta);
  }

  /** log of {1/((α+T)^(r+x) (β+T)^s) + s/(r+s+x) A0}, equation (22) of the note. */
  double logBracket(int x, double recency, double age) {
    return BgNbdModel.logSumExp(logAliveTerm(x, age), logDeadTerm(x, recency, age));
  }

  private double logAliveTerm(int x, double age) {
    return -(r + x) * Math.log(alpha + age) - s * Math.log(beta + age);
  }

  private double logDeadTerm(int x, double recency, double age) {
    double rsx = r + s + x;
    double atRecency = logF(x, recency);
    double atAge = logF(x, age);
    if (!(atAge < atRecency)) {
      return Double.NEGATIVE_INFINITY;
    }
    double logA0 = atRecency + Math.log1p(-Math.exp(atAge - atRecency));
    return Math.log(s / rsx) + logA0;
  }

  /**
   * log of 2F1(r+s+x, s+1; r+s+x+1; (α-β)/(α+t)) / (α+t)^(r+s+x) when α ≥ β, else of 2F1(r+s+x,
   * r+x; r+s+x+1; (β-α)/(β+t)) / (β+t)^(r+s+x), using 2F1(a,b;c;z) = (1-z)^(c-a-b) 2F1(c-a, c-b; c;
   * z).
   */
  private double logF(int x, double t) {
    double rsx = r + s + x;
    if (alpha >= beta) {
      double z = (alpha - beta) / (alpha + t);
      return -s * Math.log1p(-z)
          + Math.log(Hypergeometric2F1.value(1, r + x, rsx + 1, z))
          - rsx * Math.log(alpha + t);
    }
    double z = (beta - alpha) / (beta + t);
    return (1 - r - x) * Math.log1p(-z)
        + Math.log(Hypergeometric2F1.value(1, s + 1, rsx + 1, z))
        - rsx * Math.log(beta + t);
  }

  /** E[X(t)] = rβ/(α(s-1)) [1 - (β/(β+t))^(s-1)]. Singular at s = 1. */
  @Override
  public double expectedPurchases(double t) {
    return r * beta / (alpha * (s - 1)) * (1 - Math.pow(beta / (beta + t), s - 1));
  }

  /** E[Y(t)|x,t_x,T] = P(alive) (r+x)(β+T)/((α+T)(s-1)) [1 - ((β+T)/(β+T+t))^(s-1)]. */
  @Override
  public double conditionalExpectedPurchases(double t, int x, double recency, double age) {
    return probabilityAlive(x, recency, age)
        * (r + x)
        * (beta + age)
        / ((alpha + age) * (s - 1))
        * (1 - Math.pow((beta + age) / (beta + age + t), s - 1));
  }

  /** P(alive) = (α+T)^-(r+x) (β+T)^-s / bracket, equation (24) of the note. */
  @Override
  public double probabilityAlive(int x, double recency, double age) {
    return Math.exp(logAliveTerm(x, age) - logBracket(x, recency, age));
  }
}
