package io.tierwise.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CustomersCsvTest {

  private static String written(double value, int decimals) {
    StringBuilder line = new StringBuilder();
    CustomersCsv.number(line, value, decimals);
    return line.toString();
  }

  @Test
  void numbersHaveTheirDecimalsWithLeadingZerosAndNoneForMissingValues() {
    assertThat(written(3.0, 0)).isEqualTo("3");
    assertThat(written(0.05, 2)).isEqualTo("0.05");
    assertThat(written(-0.05, 2)).isEqualTo("-0.05");
    assertThat(written(12.3456, 4)).isEqualTo("12.3456");
    assertThat(written(7.0001, 4)).isEqualTo("7.0001");
    assertThat(written(1234.5, 2)).isEqualTo("1234.50");
    assertThat(written(0.004, 2)).isEqualTo("0.00");
    assertThat(written(1.5, 6)).isEqualTo("1.500000");
    assertThat(written(Double.NaN, 2)).isEmpty();
    assertThat(written(Double.POSITIVE_INFINITY, 2)).isEmpty();
  }

  @Test
  void numbersAgreeWithDecimalRoundingOfTheScaledValue() {
    SplittableRandom random = new SplittableRandom(11);
    for (int i = 0; i < 100_000; i++) {
      int decimals = random.nextInt(0, 7);
      double value = random.nextDouble(-1e6, 1e6) / Math.pow(10, random.nextInt(0, 6));
      long scale = (long) Math.pow(10, decimals);
      long scaled = Math.round(value * scale);
      String expected =
          BigDecimal.valueOf(scaled)
              .movePointLeft(decimals)
              .setScale(decimals, RoundingMode.UNNECESSARY)
              .toPlainString();
      assertThat(written(value, decimals)).as("%s to %d", value, decimals).isEqualTo(expected);
    }
  }
}
