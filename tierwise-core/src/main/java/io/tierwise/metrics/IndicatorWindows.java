package io.tierwise.metrics;

/**
 * The look-back windows indicators are computed over, in days ending at (and including) the as-of
 * day.
 *
 * @param rfmDays frequency and monetary; 0 means all history
 * @param valueDays revenue, cost, profit, margin; the window of the run-rate potential value
 * @param recentDays the short window the gap to the next tier is stated in
 * @param trendDays length of each of the two trend periods (last, prior)
 * @param stabilityPeriods how many equal periods the value window is cut into for the CV
 * @param interactionDays interaction frequency, usage, complaints
 */
public record IndicatorWindows(
    int rfmDays,
    int valueDays,
    int recentDays,
    int trendDays,
    int stabilityPeriods,
    int interactionDays) {

  public static final IndicatorWindows DEFAULT = new IndicatorWindows(365, 365, 90, 180, 4, 365);

  public IndicatorWindows {
    if (rfmDays < 0
        || valueDays < 1
        || recentDays < 1
        || trendDays < 1
        || interactionDays < 1
        || stabilityPeriods < 2
        || stabilityPeriods > valueDays) {
      throw new IllegalArgumentException("windows out of range");
    }
  }
}
