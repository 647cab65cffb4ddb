package io.tierwise.synth;

import io.tierwise.TierwiseException;

/** Validation and parsing of the numeric settings, with messages that name the option. */
final class Numbers {
  private Numbers() {}

  static void requirePositive(String name, double value) {
    if (!(value > 0) || Double.isInfinite(value)) {
      throw TierwiseException.invalidInput(
          name + " must be a positive finite number, got " + value);
    }
  }

  static double[] parseList(String option, String names, String example, String text, int count) {
    String[] parts = text == null ? new String[0] : text.split(",", -1);
    if (parts.length != count) {
      throw TierwiseException.invalidInput(
          option
              + " expects "
              + count
              + " comma-separated numbers "
              + names
              + " (e.g. "
              + example
              + "), got '"
              + text
              + "'");
    }
    double[] values = new double[count];
    for (int i = 0; i < count; i++) {
      try {
        values[i] = Double.parseDouble(parts[i].trim());
      } catch (NumberFormatException e) {
        throw TierwiseException.invalidInput(
            option + " expects numbers " + names + ", but '" + parts[i].trim() + "' is not one", e);
      }
    }
    return values;
  }
}
