package io.tierwise.metrics;

import java.util.Arrays;

/**
 * The fitted population distribution of one indicator, kept as 1,001 quantiles (0.0 %, 0.1 %, …,
 * 100 %), so it is small enough to store with a run and ship to executors. {@link #rank} turns a
 * value into a percentile rank 0–100 that never decreases as the value grows; customers with equal
 * values get equal ranks (the middle of their tie group). Missing values (NaN) are left out of the
 * fit and rank as NaN.
 */
public final class PercentileScale {
  /** Number of quantile steps; the grid has one more point. */
  public static final int STEPS = 1000;

  private final double[] grid;

  /** {@code rank(grid[i])}, computed once: {@link #valueForRank} brackets its answer with it. */
  private final double[] gridRank;

  private PercentileScale(double[] grid) {
    this.grid = grid;
    this.gridRank = new double[grid.length];
    for (int i = 0; i < grid.length; i++) {
      gridRank[i] = searchRank(grid[i]);
    }
  }

  /** Fits the scale on the non-missing values of {@code column}. */
  public static PercentileScale fit(double[] column) {
    double[] sorted = Arrays.stream(column).filter(value -> !Double.isNaN(value)).toArray();
    if (sorted.length == 0) {
      return new PercentileScale(new double[0]);
    }
    Arrays.parallelSort(sorted);
    double[] grid = new double[STEPS + 1];
    for (int step = 0; step <= STEPS; step++) {
      int index = (int) Math.round(step / (double) STEPS * (sorted.length - 1));
      grid[step] = sorted[index];
    }
    return new PercentileScale(grid);
  }

  /** A scale from a stored grid (a run's model file). */
  public static PercentileScale ofGrid(double[] grid) {
    if (grid.length != 0 && grid.length != STEPS + 1) {
      throw new IllegalArgumentException("a percentile grid has " + (STEPS + 1) + " points");
    }
    return new PercentileScale(grid.clone());
  }

  public double[] grid() {
    return grid.clone();
  }

  public boolean isEmpty() {
    return grid.length == 0;
  }

  /** Percentile rank 0–100 of {@code value}; NaN for NaN or an empty scale. */
  public double rank(double value) {
    if (Double.isNaN(value) || grid.length == 0) {
      return Double.NaN;
    }
    if (value < grid[0]) {
      return 0;
    }
    if (value > grid[STEPS]) {
      return 100;
    }
    int low = lowerBound(value);
    // A value on the grid (counts, zeros: the ties) has its rank worked out already.
    return grid[low] == value ? gridRank[low] : between(low, value);
  }

  /** {@link #rank} by searching both ends of a run of ties (what {@code gridRank} holds). */
  private double searchRank(double value) {
    int low = lowerBound(value);
    // Between grid points (the common case) the last point not above the value is the one before.
    int high = grid[low] == value ? upperBound(value) - 1 : low - 1;
    double position;
    if (low <= high) {
      position = (low + high) / 2.0;
    } else {
      double below = grid[high];
      double above = grid[low];
      position = high + (value - below) / (above - below);
    }
    return position * 100.0 / STEPS;
  }

  /** The rank of a value strictly between grid points {@code low - 1} and {@code low}. */
  private double between(int low, double value) {
    int high = low - 1;
    double below = grid[high];
    double above = grid[low];
    return (high + (value - below) / (above - below)) * 100.0 / STEPS;
  }

  /**
   * The smallest value whose rank reaches {@code targetRank} (found by bisection, to 1e-9 of the
   * value range); above the largest fitted value when only that reaches it.
   */
  public double valueForRank(double targetRank) {
    if (grid.length == 0) {
      return Double.NaN;
    }
    double low = grid[0];
    double high = grid[STEPS];
    if (gridRank[0] >= targetRank) {
      return low;
    }
    if (gridRank[STEPS] < targetRank) {
      return high + Math.max(1e-9, Math.ulp(high));
    }
    // Bracket the answer between two neighbouring grid points (rank is non-decreasing in the
    // value), so that the bisection below only has to resolve one grid step.
    int below = 0;
    int above = STEPS;
    while (above - below > 1) {
      int middle = (below + above) >>> 1;
      if (gridRank[middle] >= targetRank) {
        above = middle;
      } else {
        below = middle;
      }
    }
    low = grid[below];
    high = grid[above];
    // Strictly between two distinct neighbouring grid points the rank is linear in the value, from
    // position `below` to `above` (a grid point's own rank is the middle of its run of ties, so the
    // line does not pass through gridRank): try its exact inverse.
    double position = targetRank * STEPS / 100.0;
    if (high > low && position > above + 1e-9) {
      return high; // every value below `high` ranks under the target: the bisection keeps `high`
    }
    if (high > low && position < below - 1e-9) {
      // Every value above `low` reaches the target (it lies in the jump at `low`, the end of a run
      // of ties): the bisection below would only ever move `high` down. Halve without ranking.
      for (int iteration = 0;
          iteration < 100 && high - low > 1e-9 * (1 + Math.abs(high));
          iteration++) {
        high = (low + high) / 2;
      }
      return high;
    }
    if (high > low && position > below && position < above) {
      double guess = low + (position - below) / (above - below) * (high - low);
      double step = Math.max(1e-9 * (1 + Math.abs(high)), Math.ulp(guess));
      if (guess > low
          && guess <= high
          && rank(guess) >= targetRank
          && rank(guess - step) < targetRank) {
        return guess;
      }
    }
    for (int iteration = 0;
        iteration < 100 && high - low > 1e-9 * (1 + Math.abs(high));
        iteration++) {
      double middle = (low + high) / 2;
      if (rank(middle) >= targetRank) {
        high = middle;
      } else {
        low = middle;
      }
    }
    return high;
  }

  /**
   * The first index whose grid value is not below {@code value} (grid.length if none), by a search
   * without unpredictable branches: the loop runs a fixed number of times for the grid's size.
   */
  private int lowerBound(double value) {
    int base = 0;
    int length = grid.length;
    while (length > 1) {
      int half = length >>> 1;
      base = grid[base + half - 1] < value ? base + half : base;
      length -= half;
    }
    return grid[base] < value ? base + 1 : base;
  }

  private int upperBound(double value) {
    int low = 0;
    int high = grid.length;
    while (low < high) {
      int middle = (low + high) >>> 1;
      if (grid[middle] <= value) {
        low = middle + 1;
      } else {
        high = middle;
      }
    }
    return low;
  }
}
