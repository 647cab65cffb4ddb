package io.tierwise.tiering;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The fast path writes exactly what BigDecimal and DecimalFormat write, ties and zeros included.
 */
class DecimalTextTest {
  private static final DecimalFormat GROUPED =
      new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.ROOT));

  private static String library(double value, int decimals) {
    return BigDecimal.valueOf(value)
        .setScale(decimals, RoundingMode.HALF_UP)
        .stripTrailingZeros()
        .toPlainString();
  }

  @Test
  void writesWhatTheLibrariesWrite() {
    SplittableRandom random = new SplittableRandom(17);
    for (int i = 0; i < 200_000; i++) {
      double value =
          switch (i % 6) {
            case 0 -> random.nextDouble() * 1000; // anything
            case 1 -> Math.round(random.nextDouble() * 1e6) / 100.0; // whole cents
            case 2 -> (Math.round(random.nextDouble() * 1e6) + 0.5) / 1000.0; // ties at 2 decimals
            case 3 -> -Math.round(random.nextDouble() * 1e5) / 10.0; // negative tenths
            case 4 ->
                Math.round(random.nextDouble() * 1e6) / 100.0
                    - Math.round(random.nextDouble() * 1e6) / 100.0; // differences
            default -> Math.exp(random.nextGaussian() * 12); // from tiny to huge
          };
      for (int decimals = 0; decimals <= 4; decimals++) {
        assertThat(DecimalText.plain(value, decimals))
            .as("%s to %d decimals", value, decimals)
            .isEqualTo(library(value, decimals));
      }
      assertThat(DecimalText.grouped(value))
          .as("%s grouped", value)
          .isEqualTo(GROUPED.format(value));
    }
  }

  @Test
  void zerosAndTiesKeepTheLibrariesSignsAndRounding() {
    for (double value : new double[] {0.0, -0.0, -0.001, 0.004, 2.5, 0.125, 1.005, -2.675, 1e16}) {
      for (int decimals = 0; decimals <= 2; decimals++) {
        assertThat(DecimalText.plain(value, decimals)).isEqualTo(library(value, decimals));
      }
      assertThat(DecimalText.grouped(value)).isEqualTo(GROUPED.format(value));
    }
  }
}
