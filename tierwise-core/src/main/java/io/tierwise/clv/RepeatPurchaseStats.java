package io.tierwise.clv;

import io.tierwise.TierwiseException;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * One customer's sufficient statistics for the purchase and spend models, as defined by Fader,
 * Hardie and Lee (2005) and the {@code lifetimes} / {@code BTYD} libraries.
 *
 * @param repeatPurchases x: distinct purchase days in calibration minus one (the first purchase is
 *     not a repeat)
 * @param recency t<sub>x</sub>: time from the first to the last calibration purchase (0 if x = 0)
 * @param age T: time from the first purchase to the end of calibration
 * @param meanRepeatValue mean value of the x repeat purchase days (0 if x = 0); the first
 *     purchase's value is excluded, as in the Gamma-Gamma paper
 * @param holdoutPurchases distinct purchase days in the holdout period (0 without holdout)
 */
public record RepeatPurchaseStats(
    int repeatPurchases, double recency, double age, double meanRepeatValue, int holdoutPurchases) {

  public RepeatPurchaseStats {
    check(repeatPurchases, recency, age, meanRepeatValue, holdoutPurchases);
  }

  /** The checks of the constructor, also applied to statistics handed to a {@link Sink}. */
  private static void check(
      int repeatPurchases,
      double recency,
      double age,
      double meanRepeatValue,
      int holdoutPurchases) {
    if (repeatPurchases < 0 || holdoutPurchases < 0) {
      throw TierwiseException.invalidInput(
          "purchase counts must be >= 0, got x="
              + repeatPurchases
              + " holdout="
              + holdoutPurchases);
    }
    if (!(recency >= 0) || !(age >= recency) || !Double.isFinite(age)) {
      throw TierwiseException.invalidInput(
          "need 0 <= recency <= age, got recency=" + recency + " age=" + age);
    }
    if (repeatPurchases == 0 && recency != 0) {
      throw TierwiseException.invalidInput(
          "recency must be 0 when there is no repeat purchase, got " + recency);
    }
    if (!Double.isFinite(meanRepeatValue)) {
      throw TierwiseException.invalidInput("mean repeat value must be finite");
    }
  }

  /**
   * Computes the statistics from one customer's purchases. Pure: same input, same output.
   *
   * @param days purchase days (epoch days) in non-decreasing order; several purchases on one day
   *     are merged into one purchase whose value is their sum
   * @param values value of each purchase, parallel to {@code days}
   * @param window calibration end, optional holdout end, time unit
   * @return the statistics, or empty when the customer has no purchase or the first purchase is
   *     after the calibration end (such a customer is not part of the calibration cohort)
   */
  public static Optional<RepeatPurchaseStats> from(
      int[] days, double[] values, CalibrationWindow window) {
    if (days.length != values.length) {
      throw TierwiseException.invalidInput(
          "days and values differ in length: " + days.length + " vs " + values.length);
    }
    return from(days, values, days.length, window);
  }

  /**
   * {@link #from(int[], double[], CalibrationWindow)} of the first {@code count} entries of the
   * arrays (reused buffers may be longer).
   */
  public static Optional<RepeatPurchaseStats> from(
      int[] days, double[] values, int count, CalibrationWindow window) {
    return collected(sink -> compute(days, values, count, window, sink));
  }

  /** The statistics a computation hands to its sink, as an object; empty if it hands none. */
  private static Optional<RepeatPurchaseStats> collected(Predicate<Sink> computation) {
    RepeatPurchaseStats[] result = new RepeatPurchaseStats[1];
    computation.test(
        (x, tx, age, mean, holdout) ->
            result[0] = new RepeatPurchaseStats(x, tx, age, mean, holdout));
    return Optional.ofNullable(result[0]);
  }

  /**
   * Receives one customer's statistics as numbers, checked as the constructor checks them, for
   * callers that keep no object per customer.
   */
  interface Sink {
    void accept(
        int repeatPurchases,
        double recency,
        double age,
        double meanRepeatValue,
        int holdoutPurchases);
  }

  /**
   * The computation of {@link #from(int[], double[], int, CalibrationWindow)}, handing the result
   * to {@code sink} instead of making an object.
   *
   * @return false, and nothing handed over, when the customer is not in the calibration cohort
   */
  private static void handTo(
      Sink sink, int x, double recency, double age, double meanRepeatValue, int holdout) {
    check(x, recency, age, meanRepeatValue, holdout);
    sink.accept(x, recency, age, meanRepeatValue, holdout);
  }

  static boolean compute(
      int[] days, double[] values, int count, CalibrationWindow window, Sink sink) {
    Objects.requireNonNull(window, "window");
    if (count > days.length || count > values.length) {
      throw new IllegalArgumentException("count " + count + " exceeds the arrays");
    }
    if (count == 0 || days[0] > window.calibrationEndDay()) {
      return false;
    }
    int first = days[0];
    int calibrationDays = 0;
    int lastCalibrationDay = first;
    double repeatValue = 0;
    int holdoutDays = 0;
    int previous = Integer.MIN_VALUE;
    for (int i = 0; i < count; i++) {
      int day = days[i];
      if (day < previous) {
        throw TierwiseException.invalidInput(
            "purchase days must be sorted, found day " + day + " after " + previous);
      }
      boolean newDay = day != previous;
      previous = day;
      if (day <= window.calibrationEndDay()) {
        if (newDay) {
          calibrationDays++;
          lastCalibrationDay = day;
        }
        if (day != first) {
          repeatValue += values[i];
        }
      } else if (day <= window.holdoutEndDay() && newDay) {
        holdoutDays++;
      }
    }
    int repeats = calibrationDays - 1;
    ClvTimeUnit unit = window.unit();
    handTo(
        sink,
        repeats,
        unit.fromDays((long) lastCalibrationDay - first),
        unit.fromDays((long) window.calibrationEndDay() - first),
        repeats == 0 ? 0 : repeatValue / repeats,
        holdoutDays);
    return true;
  }

  /**
   * Computes the statistics counting orders rather than purchase days: every order is a purchase,
   * and several orders on one day are purchases at the same time (t<sub>x</sub> stays in whole
   * days). Use it when a customer's same-day orders are separate buying decisions; merging them
   * (the papers' convention, {@link #from}) undercounts heavy buyers and biases alpha upwards.
   *
   * @param days distinct purchase days (epoch days), ascending
   * @param orders orders on each day (at least 1), parallel to {@code days}
   * @param values value of each day (all its orders), parallel to {@code days}; a day's value is
   *     spread evenly over its orders, so only the first order's share is left out of the mean
   *     repeat value
   * @param window calibration end, optional holdout end, time unit
   * @return the statistics, or empty when the customer is not in the calibration cohort
   */
  public static Optional<RepeatPurchaseStats> fromOrders(
      int[] days, int[] orders, double[] values, CalibrationWindow window) {
    if (days.length != values.length || days.length != orders.length) {
      throw TierwiseException.invalidInput(
          "days, orders and values differ in length: "
              + days.length
              + ", "
              + orders.length
              + ", "
              + values.length);
    }
    return fromOrders(days, orders, values, days.length, window);
  }

  /**
   * {@link #fromOrders(int[], int[], double[], CalibrationWindow)} of the first {@code count}
   * entries of the arrays (reused buffers may be longer).
   */
  public static Optional<RepeatPurchaseStats> fromOrders(
      int[] days, int[] orders, double[] values, int count, CalibrationWindow window) {
    return collected(sink -> computeOrders(days, orders, values, count, window, sink));
  }

  /**
   * The computation of {@link #fromOrders(int[], int[], double[], int, CalibrationWindow)}, handing
   * the result to {@code sink}; false when the customer is not in the cohort.
   */
  static boolean computeOrders(
      int[] days, int[] orders, double[] values, int count, CalibrationWindow window, Sink sink) {
    Objects.requireNonNull(window, "window");
    if (count > days.length || count > orders.length || count > values.length) {
      throw new IllegalArgumentException("count " + count + " exceeds the arrays");
    }
    if (count == 0 || days[0] > window.calibrationEndDay()) {
      return false;
    }
    int first = days[0];
    long calibrationOrders = 0;
    int lastCalibrationDay = first;
    double calibrationValue = 0;
    long holdoutOrders = 0;
    for (int i = 0; i < count; i++) {
      if (i > 0 && days[i] <= days[i - 1]) {
        throw TierwiseException.invalidInput(
            "purchase days must be distinct and ascending, found day "
                + days[i]
                + " after "
                + days[i - 1]);
      }
      int ordersOfDay = Math.max(1, orders[i]);
      if (days[i] <= window.calibrationEndDay()) {
        calibrationOrders += ordersOfDay;
        lastCalibrationDay = days[i];
        calibrationValue += values[i];
      } else if (days[i] <= window.holdoutEndDay()) {
        holdoutOrders += ordersOfDay;
      }
    }
    int repeats = Math.toIntExact(calibrationOrders - 1);
    double repeatValue = calibrationValue - values[0] / Math.max(1, orders[0]);
    ClvTimeUnit unit = window.unit();
    handTo(
        sink,
        repeats,
        unit.fromDays((long) lastCalibrationDay - first),
        unit.fromDays((long) window.calibrationEndDay() - first),
        repeats == 0 ? 0 : repeatValue / repeats,
        Math.toIntExact(holdoutOrders));
    return true;
  }
}
