package io.tierwise.clv;

import static org.apache.commons.numbers.gamma.LogGamma.value;

import io.tierwise.TierwiseException;

/**
 * Gamma-Gamma spend model (Fader, Hardie and Lee 2005, "RFM and CLV: using iso-value curves";
 * Colombo and Jiang 1999): each transaction value is Gamma(p, ν), and ν ~ Gamma(q, γ) across
 * customers. The mean z̄ of a customer's x repeat transactions is then Gamma(px, xν), independent
 * of x's timing — an assumption to check with the spend/frequency correlation.
 *
 * @param p shape of the transaction-value distribution
 * @param q shape of the distribution of ν
 * @param gamma rate of the distribution of ν (in money units)
 */
public record GammaGammaModel(double p, double q, double gamma) {

  public GammaGammaModel {
    BgNbdModel.requirePositive("p", p);
    BgNbdModel.requirePositive("q", q);
    BgNbdModel.requirePositive("gamma", gamma);
  }

  /** Log-density of a customer's mean repeat value z̄ given x &gt; 0 transactions. */
  public double logLikelihood(int x, double meanValue) {
    double px = p * x;
    return value(px + q)
        - value(px)
        - value(q)
        + q * Math.log(gamma)
        + (px - 1) * Math.log(meanValue)
        + px * Math.log(x)
        - (px + q) * Math.log(gamma + x * meanValue);
  }

  /**
   * E[M | p, q, γ, z̄, x] = p(γ + x z̄)/(px + q - 1): the customer's expected value per
   * transaction, a weighted mean of the population mean pγ/(q-1) and z̄. With x = 0 it is the
   * population mean.
   */
  public double conditionalExpectedAverageValue(int x, double meanValue) {
    if (!(q > 1)) {
      throw TierwiseException.dataQuality(
          "the spend model has q = "
              + q
              + " <= 1, so its mean value is infinite; do not use it"
              + " for CLV (check for extreme order values)");
    }
    return p * (gamma + x * meanValue) / (p * x + q - 1);
  }

  /** Population mean transaction value pγ/(q-1). */
  public double populationMeanValue() {
    return conditionalExpectedAverageValue(0, 0);
  }
}
