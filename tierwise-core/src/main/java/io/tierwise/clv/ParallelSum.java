package io.tierwise.clv;

import java.util.stream.IntStream;

/**
 * Sums a function over row ranges, in parallel for large inputs. The rows are cut into fixed chunks
 * whose partial sums are added in chunk order, so the result does not depend on the number of
 * threads.
 */
final class ParallelSum {
  private static final int CHUNK = 16_384;

  /** Sum over rows [from, to). */
  @FunctionalInterface
  interface RangeSum {
    double over(int from, int to);
  }

  private ParallelSum() {}

  static double over(int rows, RangeSum rangeSum) {
    if (rows <= 2 * CHUNK) {
      return rangeSum.over(0, rows);
    }
    int chunks = (rows + CHUNK - 1) / CHUNK;
    double[] partial = new double[chunks];
    IntStream.range(0, chunks)
        .parallel()
        .forEach(
            chunk ->
                partial[chunk] = rangeSum.over(chunk * CHUNK, Math.min(rows, (chunk + 1) * CHUNK)));
    double total = 0;
    for (double value : partial) {
      total += value;
    }
    return total;
  }
}
