package io.tierwise.classify;

import java.math.BigDecimal;

/** Numbers as people read them in reasons: plain decimals, no exponent, no trailing zeros. */
final class Numbers {
  private Numbers() {}

  static String plain(double value) {
    if (Double.isNaN(value)) {
      return "none";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "none (no customer)" : "-inf";
    }
    BigDecimal decimal =
        BigDecimal.valueOf(Math.round(value * 10000) / 10000.0).stripTrailingZeros();
    return decimal.scale() < 0 ? decimal.setScale(0).toPlainString() : decimal.toPlainString();
  }
}
