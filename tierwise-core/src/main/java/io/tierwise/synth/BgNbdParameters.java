package io.tierwise.synth;

/**
 * The four BG/NBD parameters: purchase rates λ ~ Gamma(shape {@code r}, rate {@code alpha}) per
 * week and dropout probabilities p ~ Beta({@code a}, {@code b}).
 */
public record BgNbdParameters(double r, double alpha, double a, double b) {

  /** The CDNOW estimates of Fader, Hardie &amp; Lee (2005), time unit weeks. */
  public static final BgNbdParameters CDNOW = new BgNbdParameters(0.243, 4.414, 0.793, 2.426);

  public BgNbdParameters {
    Numbers.requirePositive("--bgnbd r", r);
    Numbers.requirePositive("--bgnbd alpha", alpha);
    Numbers.requirePositive("--bgnbd a", a);
    Numbers.requirePositive("--bgnbd b", b);
  }

  /** Parses {@code "r,alpha,a,b"}, e.g. {@code "0.243,4.414,0.793,2.426"}. */
  public static BgNbdParameters parse(String text) {
    double[] values = Numbers.parseList("--bgnbd", "r,alpha,a,b", CDNOW.asText(), text, 4);
    return new BgNbdParameters(values[0], values[1], values[2], values[3]);
  }

  /** Mean purchase rate per week, E[λ] = r / alpha. */
  public double meanRate() {
    return r / alpha;
  }

  /** Mean dropout probability, E[p] = a / (a + b). */
  public double meanDropout() {
    return a / (a + b);
  }

  String asText() {
    return r + "," + alpha + "," + a + "," + b;
  }
}
