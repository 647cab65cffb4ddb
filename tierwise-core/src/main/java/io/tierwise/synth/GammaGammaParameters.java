package io.tierwise.synth;

/**
 * The three Gamma-Gamma spend parameters: each customer's ν ~ Gamma(shape {@code q}, rate {@code
 * gamma}) and each transaction value z ~ Gamma(shape {@code p}, rate ν).
 */
public record GammaGammaParameters(double p, double q, double gamma) {

  /** The CDNOW estimates of Fader, Hardie &amp; Lee (2005), in dollars. */
  public static final GammaGammaParameters CDNOW = new GammaGammaParameters(6.25, 3.74, 15.44);

  public GammaGammaParameters {
    Numbers.requirePositive("--gamma-gamma p", p);
    Numbers.requirePositive("--gamma-gamma q", q);
    Numbers.requirePositive("--gamma-gamma gamma", gamma);
  }

  /** Parses {@code "p,q,gamma"}, e.g. {@code "6.25,3.74,15.44"}. */
  public static GammaGammaParameters parse(String text) {
    double[] values = Numbers.parseList("--gamma-gamma", "p,q,gamma", CDNOW.asText(), text, 3);
    return new GammaGammaParameters(values[0], values[1], values[2]);
  }

  /**
   * Population mean transaction value E[z] = p·gamma / (q − 1); infinite when q ≤ 1 (the spend
   * distribution then has no mean).
   */
  public double meanTransactionValue() {
    return q > 1 ? p * gamma / (q - 1) : Double.POSITIVE_INFINITY;
  }

  String asText() {
    return p + "," + q + "," + gamma;
  }
}
