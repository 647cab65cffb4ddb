package io.tierwise.tiering;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/**
 * Numbers in the tier gap's text, as {@link BigDecimal} and {@link DecimalFormat} write them, but
 * without their objects for the common value: one far from a rounding tie (the scaled value within
 * a quarter of a whole number), where every rounding mode gives the same digits. Other values go to
 * the library. A million customers' gaps are written a few times each.
 */
final class DecimalText {
  private static final double[] POWERS = {1, 10, 100, 1e3, 1e4, 1e5, 1e6};
  private static final double LARGEST = 1e15;

  private static final ThreadLocal<DecimalFormat> GROUPED =
      ThreadLocal.withInitial(
          () -> new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.ROOT)));

  private DecimalText() {}

  /**
   * {@code value} rounded half up to {@code decimals}, without trailing zeros, as {@code
   * BigDecimal.valueOf(value).setScale(decimals, HALF_UP).stripTrailingZeros().toPlainString()}.
   */
  static String plain(double value, int decimals) {
    long units = wholeUnits(value, decimals);
    if (units == Long.MIN_VALUE) {
      return BigDecimal.valueOf(value)
          .setScale(decimals, RoundingMode.HALF_UP)
          .stripTrailingZeros()
          .toPlainString();
    }
    int scale = decimals;
    while (scale > 0 && units % 10 == 0) {
      units /= 10;
      scale--;
    }
    return write(new StringBuilder(24), units, scale, false).toString();
  }

  /** {@code value} with two decimals and thousands separators, as {@code "#,##0.00"} writes it. */
  static String grouped(double value) {
    long units = wholeUnits(value, 2);
    if (units == Long.MIN_VALUE) {
      return GROUPED.get().format(value);
    }
    return write(new StringBuilder(28), units, 2, true).toString();
  }

  /**
   * {@code value × 10^decimals} as a whole number when it is within a quarter of one (and neither
   * zero, whose sign the library keeps, nor too large); otherwise {@link Long#MIN_VALUE}.
   */
  private static long wholeUnits(double value, int decimals) {
    if (decimals < 0 || decimals >= POWERS.length) {
      return Long.MIN_VALUE;
    }
    double scaled = value * POWERS[decimals];
    double nearest = Math.rint(scaled);
    if (!(Math.abs(scaled) < LARGEST) || !(Math.abs(scaled - nearest) <= 0.25) || nearest == 0) {
      return Long.MIN_VALUE;
    }
    return (long) nearest;
  }

  private static StringBuilder write(StringBuilder text, long units, int scale, boolean group) {
    if (units < 0) {
      text.append('-');
      units = -units;
    }
    long divisor = 1;
    for (int i = 0; i < scale; i++) {
      divisor *= 10;
    }
    String whole = Long.toString(units / divisor);
    if (group) {
      for (int i = 0; i < whole.length(); i++) {
        if (i > 0 && (whole.length() - i) % 3 == 0) {
          text.append(',');
        }
        text.append(whole.charAt(i));
      }
    } else {
      text.append(whole);
    }
    if (scale > 0) {
      String fraction = Long.toString(units % divisor);
      text.append('.');
      for (int pad = fraction.length(); pad < scale; pad++) {
        text.append('0');
      }
      text.append(fraction);
    }
    return text;
  }
}
