package io.tierwise.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ChurnSignalTextTest {

  private static String expected(double contribution) {
    return String.format(Locale.ROOT, " (%+.2f)", contribution);
  }

  private static String written(double contribution) {
    StringBuilder text = new StringBuilder();
    ChurnStage.appendContribution(text, contribution);
    return text.toString();
  }

  @Test
  void contributionsAreWrittenAsTheFormatterWritesThem() {
    double[] edges = {
      0,
      -0.0,
      0.001,
      0.004999,
      0.005,
      0.0050001,
      0.015,
      0.125,
      0.135,
      1.115,
      2.675,
      -2.675,
      0.994,
      0.995,
      0.996,
      9.995,
      99.995,
      1e13,
      1e15,
      1.5e16,
      -0.31,
      0.31,
      12.3456,
      -0.001,
      -0.0024,
      0.0024,
      -0.0025,
      0.0025,
      Double.MIN_VALUE,
      -Double.MIN_VALUE,
      1e-300,
      -1e-300,
      1.005, // a hair below 1.005 as a double; the Formatter rounds its shortest form, 1.005, up
      -1.005,
      0.285,
      4.35,
      1e20,
      123456789.125,
      -0.0049999,
      0.0075
    };
    for (double value : edges) {
      assertThat(written(value)).as("%s", value).isEqualTo(expected(value));
    }
    SplittableRandom random = new SplittableRandom(7);
    for (int i = 0; i < 200_000; i++) {
      double value =
          switch (i % 5) {
            case 0 -> random.nextDouble(-3, 3);
            case 4 -> random.nextDouble(-0.006, 0.006); // rounds to a signed zero, or nearly
            case 1 ->
                Math.round(random.nextDouble(0, 5_000)) / 1000.0; // ties at 5 in the third digit
            case 2 -> Math.round(random.nextDouble(0, 50_000)) / 200.0;
            default -> random.nextDouble(-1e6, 1e6);
          };
      assertThat(written(value)).as("%s", value).isEqualTo(expected(value));
    }
  }

  @Test
  void topSignalsAreTheLargestPositiveContributionsTiesInColumnOrder() {
    SplittableRandom random = new SplittableRandom(5);
    double[] levels = {-1, 0, 0.25, 0.5, Double.NaN, 2};
    for (int i = 0; i < 50_000; i++) {
      double[] contributions = new double[random.nextInt(0, 16)];
      for (int c = 0; c < contributions.length; c++) {
        contributions[c] =
            random.nextBoolean() ? levels[random.nextInt(levels.length)] : random.nextDouble(-1, 1);
      }
      int top = random.nextInt(0, 5);
      int[] expected =
          java.util.stream.IntStream.range(0, contributions.length)
              .filter(c -> contributions[c] > 0)
              .boxed()
              .sorted((a, b) -> Double.compare(contributions[b], contributions[a]))
              .limit(top)
              .mapToInt(Integer::intValue)
              .toArray();
      assertThat(ChurnStage.topSignals(contributions, top))
          .as("%s top %d", java.util.Arrays.toString(contributions), top)
          .containsExactly(expected);
    }
  }
}
