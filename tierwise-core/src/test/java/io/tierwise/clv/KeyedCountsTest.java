package io.tierwise.clv;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class KeyedCountsTest {

  /** Two tables over consecutive parts of the input, merged, equal one table over all of it. */
  @Test
  void mergingTheTablesOfTwoPartsGivesTheTableOfTheWhole() {
    Random random = new Random(7);
    int n = 50_000;
    long[][] keys = new long[n][];
    for (int i = 0; i < n; i++) {
      keys[i] =
          new long[] {random.nextInt(20), Double.doubleToLongBits(random.nextInt(300) / 7.0), 3};
    }
    KeyedCounts whole = new KeyedCounts(2);
    KeyedCounts first = new KeyedCounts(2);
    KeyedCounts second = new KeyedCounts(2);
    for (int i = 0; i < n; i++) {
      KeyedCounts part = i < n / 3 ? first : second;
      for (KeyedCounts table : new KeyedCounts[] {whole, part}) {
        int row = table.row(keys[i][0], keys[i][1], keys[i][2]);
        table.add(row, 0, 1);
        table.add(row, 1, i);
      }
    }
    first.addAll(second);
    assertThat(first.rows()).isEqualTo(whole.rows()).isGreaterThan(1000);
    for (int row = 0; row < whole.rows(); row++) {
      for (int part = 0; part < 3; part++) {
        assertThat(first.key(row, part)).isEqualTo(whole.key(row, part));
      }
      assertThat(first.count(row, 0)).isEqualTo(whole.count(row, 0));
      assertThat(first.count(row, 1)).isEqualTo(whole.count(row, 1));
    }
  }
}
