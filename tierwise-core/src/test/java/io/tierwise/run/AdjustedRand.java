package io.tierwise.run;

import java.util.HashMap;
import java.util.Map;

/**
 * The adjusted Rand index of two labellings (Hubert and Arabie, 1985); 1 = identical, ~0 = chance.
 */
final class AdjustedRand {
  private AdjustedRand() {}

  static double index(int[] first, int[] second) {
    Map<Long, Long> cells = new HashMap<>();
    Map<Integer, Long> rows = new HashMap<>();
    Map<Integer, Long> columns = new HashMap<>();
    for (int i = 0; i < first.length; i++) {
      cells.merge(((long) first[i] << 32) | (second[i] & 0xffffffffL), 1L, Long::sum);
      rows.merge(first[i], 1L, Long::sum);
      columns.merge(second[i], 1L, Long::sum);
    }
    double index = cells.values().stream().mapToDouble(AdjustedRand::pairs).sum();
    double rowPairs = rows.values().stream().mapToDouble(AdjustedRand::pairs).sum();
    double columnPairs = columns.values().stream().mapToDouble(AdjustedRand::pairs).sum();
    double expected = rowPairs * columnPairs / pairs(first.length);
    double maximum = (rowPairs + columnPairs) / 2;
    return (index - expected) / (maximum - expected);
  }

  private static double pairs(long n) {
    return n * (n - 1) / 2.0;
  }
}
