package io.tierwise.clv;

/**
 * The unit in which recency, age and forecast horizons are measured. Model parameters (alpha, beta)
 * are only meaningful together with the unit they were fitted in.
 */
public enum ClvTimeUnit {
  /** Calendar days. */
  DAYS(1.0, 30.0),
  /** Weeks of seven days: a duration in weeks is {@code days / 7} (not rounded). */
  WEEKS(7.0, 4.345);

  private final double daysPerUnit;
  private final double unitsPerMonth;

  ClvTimeUnit(double daysPerUnit, double unitsPerMonth) {
    this.daysPerUnit = daysPerUnit;
    this.unitsPerMonth = unitsPerMonth;
  }

  /** Converts a whole number of days to this unit. */
  public double fromDays(long days) {
    return days / daysPerUnit;
  }

  /**
   * Length of a month in this unit, as used by the discounted CLV sum (30 days or 4.345 weeks, the
   * factors of the {@code lifetimes} library).
   */
  public double unitsPerMonth() {
    return unitsPerMonth;
  }
}
