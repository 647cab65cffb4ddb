package io.tierwise.clv;

import java.util.stream.IntStream;

/**
 * Sums functions over row ranges, in parallel for large inputs. The rows are cut into fixed chunks
 * whose partial sums are added in chunk order, so the result does not depend on the number of
 * threads.
 */
final class ParallelSum {
  private static final int CHUNK = 16_384;

  /** Sums over rows [from, to), added into {@code sums}. */
  @FunctionalInterface
  interface RangeSums {
    void over(int from, int to, double[] sums);
  }

  private ParallelSum() {}

  /** {@code width} sums at once over {@code rows} rows (a value and its gradient). */
  static double[] over(int rows, int width, RangeSums rangeSums) {
    if (rows <= 2 * CHUNK) {
      double[] sums = new double[width];
      rangeSums.over(0, rows, sums);
      return sums;
    }
    int chunks = (rows + CHUNK - 1) / CHUNK;
    double[][] partial = new double[chunks][width];
    IntStream.range(0, chunks)
        .parallel()
        .forEach(
            chunk ->
                rangeSums.over(chunk * CHUNK, Math.min(rows, (chunk + 1) * CHUNK), partial[chunk]));
    double[] sums = new double[width];
    for (double[] chunk : partial) {
      for (int i = 0; i < width; i++) {
        sums[i] += chunk[i];
      }
    }
    return sums;
  }
}
