package io.tierwise.clv;

import io.tierwise.TierwiseException;
import java.time.LocalDate;
import java.util.Objects;

/**
 * Where calibration ends and (optionally) where the holdout ends, in epoch days, both inclusive.
 * Without a holdout, {@code holdoutEndDay == calibrationEndDay} and the holdout length is zero.
 *
 * @param calibrationEndDay last day (epoch day) of the calibration period, inclusive
 * @param holdoutEndDay last day of the holdout period, inclusive; equal to the calibration end when
 *     there is no holdout
 * @param unit unit of every duration derived from this window
 */
public record CalibrationWindow(int calibrationEndDay, int holdoutEndDay, ClvTimeUnit unit) {

  public CalibrationWindow {
    Objects.requireNonNull(unit, "unit");
    if (holdoutEndDay < calibrationEndDay) {
      throw TierwiseException.invalidConfig(
          "holdout end "
              + LocalDate.ofEpochDay(holdoutEndDay)
              + " is before calibration end "
              + LocalDate.ofEpochDay(calibrationEndDay)
              + "; the holdout period must follow the calibration period");
    }
  }

  /** A window without holdout. */
  public static CalibrationWindow of(LocalDate calibrationEnd, ClvTimeUnit unit) {
    int end = Math.toIntExact(calibrationEnd.toEpochDay());
    return new CalibrationWindow(end, end, unit);
  }

  /**
   * A window with a holdout period from the day after {@code calibrationEnd} to {@code holdoutEnd}.
   */
  public static CalibrationWindow of(
      LocalDate calibrationEnd, LocalDate holdoutEnd, ClvTimeUnit unit) {
    return new CalibrationWindow(
        Math.toIntExact(calibrationEnd.toEpochDay()),
        Math.toIntExact(holdoutEnd.toEpochDay()),
        unit);
  }

  public boolean hasHoldout() {
    return holdoutEndDay > calibrationEndDay;
  }

  /** Length of the holdout period in {@link #unit()}; zero without holdout. */
  public double holdoutLength() {
    return unit.fromDays((long) holdoutEndDay - calibrationEndDay);
  }
}
