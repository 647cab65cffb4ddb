package io.tierwise.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PercentileScaleTest {

  /** The plain bisection over the whole value range: slow, obviously right. */
  private static double reference(PercentileScale scale, double target) {
    double[] grid = scale.grid();
    double low = grid[0];
    double high = grid[grid.length - 1];
    if (scale.rank(low) >= target) {
      return low;
    }
    for (int i = 0; i < 200 && high - low > 1e-9 * (1 + Math.abs(high)); i++) {
      double middle = (low + high) / 2;
      if (scale.rank(middle) >= target) {
        high = middle;
      } else {
        low = middle;
      }
    }
    return high;
  }

  @Test
  void valueForRankIsTheSmallestValueReachingTheRankWithOrWithoutTies() {
    SplittableRandom random = new SplittableRandom(5);
    for (int data = 0; data < 20; data++) {
      double[] values = new double[5000];
      for (int i = 0; i < values.length; i++) {
        // Half the data sets are heavily tied (small integers), half continuous and skewed.
        values[i] = data % 2 == 0 ? random.nextInt(6) : Math.exp(random.nextGaussian() * 2) * 100;
      }
      PercentileScale scale = PercentileScale.fit(values);
      for (int trial = 0; trial < 200; trial++) {
        double target = random.nextDouble() * 100;
        double value = scale.valueForRank(target);
        assertThat(scale.rank(value)).isGreaterThanOrEqualTo(target);
        double expected = reference(scale, target);
        assertThat(value)
            .isCloseTo(
                expected, org.assertj.core.data.Offset.offset(1e-6 * (1 + Math.abs(expected))));
      }
    }
  }

  @Test
  void ranksAreMonotoneAndTiesShareTheirMiddleRank() {
    PercentileScale scale = PercentileScale.fit(new double[] {1, 1, 1, 1, 2, 3, 4, 5, 6, 7});
    assertThat(scale.rank(0.5)).isZero();
    assertThat(scale.rank(1)).isEqualTo(scale.rank(1.0));
    assertThat(scale.rank(1)).isLessThan(scale.rank(1.5));
    assertThat(scale.rank(8)).isEqualTo(100.0);
    assertThat(scale.rank(Double.NaN)).isNaN();
  }

  /**
   * rank() against its definition computed by linear scans: the middle of the tie group on a grid
   * value, linear between grid values, 0 and 100 outside. Grids with heavy ties, integers and
   * continuous values.
   */
  @Test
  void rankAgreesWithItsDefinitionByLinearScan() {
    java.util.Random random = new java.util.Random(1);
    for (int trial = 0; trial < 150; trial++) {
      double[] column = new double[1 + random.nextInt(5000)];
      for (int i = 0; i < column.length; i++) {
        column[i] =
            switch (trial % 3) {
              case 0 -> random.nextInt(7);
              case 1 -> Math.floor(random.nextGaussian() * 10);
              default -> random.nextDouble() * 100;
            };
      }
      PercentileScale scale = PercentileScale.fit(column);
      double[] grid = scale.grid();
      for (int k = 0; k < 500; k++) {
        double value =
            k % 2 == 0 ? grid[random.nextInt(grid.length)] : random.nextDouble() * 140 - 20;
        int low = 0;
        while (low < grid.length && grid[low] < value) {
          low++;
        }
        int high = grid.length - 1;
        while (high >= 0 && grid[high] > value) {
          high--;
        }
        double expected;
        if (value < grid[0]) {
          expected = 0;
        } else if (value > grid[grid.length - 1]) {
          expected = 100;
        } else {
          double position =
              low <= high
                  ? (low + high) / 2.0
                  : high + (value - grid[high]) / (grid[low] - grid[high]);
          expected = position * 100.0 / PercentileScale.STEPS;
        }
        assertThat(scale.rank(value)).as("rank(%s)", value).isEqualTo(expected);
      }
    }
  }
}
