package io.tierwise.metrics;

import java.util.Arrays;
import java.util.Objects;

/**
 * One customer's indicators, indexed by {@link Indicator}. Immutable: the array is copied in and
 * never handed out.
 */
public final class Indicators {
  private final String customerId;
  private final double[] values;

  private Indicators(String customerId, double[] values) {
    this.customerId = Objects.requireNonNull(customerId, "customerId");
    this.values = values;
  }

  /** Indicators from values indexed by {@link Indicator#ordinal()}; each is rounded. */
  public static Indicators of(String customerId, double[] values) {
    return owning(customerId, values.clone());
  }

  /**
   * As {@link #of}, taking {@code values} instead of copying them (they are rounded in place): for
   * arrays made for this customer alone, a million of which would otherwise be copied once more.
   */
  static Indicators owning(String customerId, double[] values) {
    if (values.length != Indicator.count()) {
      throw new IllegalArgumentException(
          "expected " + Indicator.count() + " values, got " + values.length);
    }
    for (int i = 0; i < values.length; i++) {
      values[i] = Indicator.ofOrdinal(i).round(values[i]);
    }
    return new Indicators(customerId, values);
  }

  public String customerId() {
    return customerId;
  }

  /** The value, or NaN when it is not available for this customer. */
  public double value(Indicator indicator) {
    return values[indicator.ordinal()];
  }

  public double value(int ordinal) {
    return values[ordinal];
  }

  /** True when the customer bought anything up to the as-of date. */
  public boolean hasPurchases() {
    return !Double.isNaN(values[Indicator.RECENCY_DAYS.ordinal()]);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Indicators that
        && customerId.equals(that.customerId)
        && Arrays.equals(values, that.values);
  }

  @Override
  public int hashCode() {
    return customerId.hashCode() * 31 + Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return "Indicators[" + customerId + "]";
  }
}
