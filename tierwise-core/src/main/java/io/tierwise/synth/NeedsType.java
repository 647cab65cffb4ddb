package io.tierwise.synth;

/**
 * Latent needs types. The needs type decides the mix of a customer's non-feature interaction
 * events: customised customers file custom requests, consultative ones book consultations,
 * self-service ones use self-service, standardised ones mostly log in and use the product.
 *
 * <p>Drawn independently of the purchase process with shares 35 / 20 / 20 / 25 %.
 */
public enum NeedsType {
  STANDARDISED("standardised", 0.35, new double[] {0.45, 0.38, 0.06, 0.02, 0.02, 0.03, 0.04}),
  CUSTOMISED("customised", 0.20, new double[] {0.28, 0.22, 0.07, 0.08, 0.28, 0.03, 0.04}),
  CONSULTATIVE("consultative", 0.20, new double[] {0.28, 0.22, 0.07, 0.30, 0.06, 0.03, 0.04}),
  SELF_SERVICE("self_service", 0.25, new double[] {0.28, 0.25, 0.03, 0.02, 0.02, 0.36, 0.04});

  /** The event types the mix weights refer to, in order. */
  static final EventType[] MIX_TYPES = {
    EventType.LOGIN,
    EventType.USAGE,
    EventType.SUPPORT_TICKET,
    EventType.CONSULTATION,
    EventType.CUSTOM_REQUEST,
    EventType.SELF_SERVICE,
    EventType.PURCHASE_INQUIRY
  };

  private final String label;
  private final double share;
  private final double[] cumulativeMix;

  NeedsType(String label, double share, double[] mix) {
    this.label = label;
    this.share = share;
    this.cumulativeMix = Catalogue.cumulative(mix);
  }

  /** The name written to the truth file. */
  public String label() {
    return label;
  }

  /** Share of customers with this needs type. */
  public double share() {
    return share;
  }

  /** Picks the type of a non-feature interaction event from a uniform draw in [0, 1). */
  EventType pickEvent(double uniform) {
    return MIX_TYPES[Catalogue.pick(cumulativeMix, uniform)];
  }
}
