package io.tierwise.synth;

/**
 * Latent behaviour groups. A customer's group follows from its BG/NBD and Gamma-Gamma draws (so
 * those models' moments stay exact) and then drives how often it interacts, how much of the product
 * it uses and how long its sessions last.
 *
 * <p>Assignment: customers whose purchase rate λ is in the top quarter of Gamma(r, alpha) are
 * {@link #POWER_USER} with probability 0.4, else {@link #HIGH_FREQUENCY}; the others are {@link
 * #LOW_FREQUENCY_HIGH_TICKET} when ν is in the bottom quarter of Gamma(q, gamma) (so their expected
 * order value p/ν is in the top quarter), else {@link #OCCASIONAL}. Shares: about 10 / 15 / 19 / 56
 * %.
 */
public enum BehaviourGroup {
  /** Frequent buyer who lives in the product: many events, most features, long sessions. */
  POWER_USER("power_user", 0.60, 0.45, 0.70, 40),
  /** Frequent buyer with regular but lighter product use. */
  HIGH_FREQUENCY("high_frequency", 0.30, 0.12, 0.40, 18),
  /** Rare buyer with large orders; interacts rarely, uses few features. */
  LOW_FREQUENCY_HIGH_TICKET("low_frequency_high_ticket", 0.09, 0.03, 0.25, 12),
  /** Rare buyer with ordinary orders: the long tail. */
  OCCASIONAL("occasional", 0.045, 0.012, 0.12, 8);

  private final String label;
  private final double interactionsPerWeek;
  private final double featureUsesPerWeek;
  private final double featurePenetration;
  private final double medianSessionMinutes;

  BehaviourGroup(
      String label,
      double interactionsPerWeek,
      double featureUsesPerWeek,
      double featurePenetration,
      double medianSessionMinutes) {
    this.label = label;
    this.interactionsPerWeek = interactionsPerWeek;
    this.featureUsesPerWeek = featureUsesPerWeek;
    this.featurePenetration = featurePenetration;
    this.medianSessionMinutes = medianSessionMinutes;
  }

  /** The name written to the truth file. */
  public String label() {
    return label;
  }

  /** Mean rate of non-feature interaction events per week (before the customer's own activity). */
  public double interactionsPerWeek() {
    return interactionsPerWeek;
  }

  /** Mean rate of {@code feature_use} events per week. */
  public double featureUsesPerWeek() {
    return featureUsesPerWeek;
  }

  /** Expected share of the product's features a customer of this group uses. */
  public double featurePenetration() {
    return featurePenetration;
  }

  /** Median length of a usage session in minutes (logins last 40 % of that). */
  public double medianSessionMinutes() {
    return medianSessionMinutes;
  }
}
