package io.tierwise.metrics;

import java.util.Locale;
import java.util.Optional;

/**
 * Every per-customer indicator, with its column name and its published precision. Values are
 * rounded to {@link #decimals()} when computed, so the numbers in {@code customers.csv} are exactly
 * the numbers every model saw. A missing value (e.g. margin without cost data) is {@code NaN} and
 * an empty cell. One line per indicator in docs/indicators.md.
 */
public enum Indicator {
  RECENCY_DAYS(0, "days from the last purchase day to the as-of date"),
  FREQUENCY(0, "distinct orders in the RFM window"),
  MONETARY(2, "net revenue in the RFM window"),
  REVENUE(2, "net revenue in the value window (current value)"),
  COST(2, "cost of goods in the value window; empty without cost data"),
  PROFIT(2, "revenue minus cost in the value window; empty without cost data"),
  MARGIN_RATE(4, "profit / revenue in the value window; empty without cost data"),
  REVENUE_CV(4, "coefficient of variation of revenue over the stability periods"),
  AVERAGE_ORDER_VALUE(2, "lifetime revenue / lifetime orders"),
  ORDERS_PER_MONTH(
      4, "lifetime orders per 30.4375 days since the first purchase (at least 30 days)"),
  REVENUE_RECENT(2, "net revenue in the recent window"),
  ORDERS_RECENT(0, "distinct orders in the recent window"),
  REVENUE_LAST_PERIOD(2, "net revenue in the last trend period"),
  REVENUE_PRIOR_PERIOD(2, "net revenue in the trend period before it"),
  POTENTIAL_VALUE(
      2,
      "predicted value over the policy's horizon: discounted CLV from BG/NBD (or Pareto/NBD) and"
          + " Gamma-Gamma fitted on the run's data; with potential_value.method run_rate, or when"
          + " the fit cannot be trusted, rate x order value x activity over the value window"),
  P_ALIVE(
      4, "probability the customer is still active (the CLV purchase model); empty with run_rate"),
  LIFETIME_ORDERS(0, "distinct orders up to the as-of date"),
  LIFETIME_REVENUE(2, "net revenue up to the as-of date"),
  PURCHASE_DAYS(0, "distinct purchase days up to the as-of date"),
  REPURCHASE_RATE(4, "share of lifetime orders that were repeat orders: (orders - 1) / orders"),
  TENURE_DAYS(0, "days from sign-up (else first purchase) to the as-of date"),
  CATEGORY_BREADTH(0, "distinct categories bought"),
  INTERACTIONS_PER_MONTH(
      4, "all interaction events per 30.4375 days from start to last activity (at least 30 days)"),
  INTERACTIONS_RECENT_PER_MONTH(
      4,
      "interaction events in the interaction window per 30.4375 days of the customer's time in it"),
  FEATURE_PENETRATION(4, "share of the product's features the customer used"),
  USAGE_MINUTES_PER_MONTH(2, "usage and login minutes in the interaction window per 30.4375 days"),
  INTERACTIONS_TOTAL(0, "service interactions (not feature use, referral, complaint) to date"),
  LOGIN_USAGE_SHARE(4, "share of service interactions that are logins or usage sessions"),
  SUPPORT_SHARE(4, "share of service interactions that are support tickets"),
  CONSULTATION_SHARE(4, "share of service interactions that are consultations"),
  CUSTOM_REQUEST_SHARE(4, "share of service interactions that are custom requests"),
  SELF_SERVICE_SHARE(4, "share of service interactions that are self-service uses"),
  REFERRALS(0, "referral events to date"),
  COMPLAINTS(0, "complaint events in the interaction window"),
  LATEST_CSAT(0, "newest CSAT answer (1-5) on or before the as-of date"),
  MEAN_CSAT(2, "mean of all CSAT answers"),
  LATEST_NPS(0, "newest NPS answer (0-10) on or before the as-of date"),
  STRATEGIC_SCORE(2, "strategic score from the customer attribute the policy names"),
  EXPERT_SCORE(2, "expert assessment from the customer attribute the policy names");

  private static final Indicator[] VALUES = values();

  private final int decimals;
  private final String description;
  private final double scale;

  Indicator(int decimals, String description) {
    this.decimals = decimals;
    this.description = description;
    this.scale = Math.pow(10, decimals);
  }

  /** The column and variable name, e.g. {@code recency_days}. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  public int decimals() {
    return decimals;
  }

  public String description() {
    return description;
  }

  /** {@code value} rounded to this indicator's precision; NaN and infinities become NaN. */
  public double round(double value) {
    if (!Double.isFinite(value)) {
      return Double.NaN;
    }
    return Math.round(value * scale) / scale;
  }

  public static Optional<Indicator> fromKey(String key) {
    for (Indicator indicator : VALUES) {
      if (indicator.key().equals(key)) {
        return Optional.of(indicator);
      }
    }
    return Optional.empty();
  }

  public static int count() {
    return VALUES.length;
  }

  public static Indicator ofOrdinal(int ordinal) {
    return VALUES[ordinal];
  }
}
