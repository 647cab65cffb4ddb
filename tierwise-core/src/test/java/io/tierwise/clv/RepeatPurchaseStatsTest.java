package io.tierwise.clv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.tierwise.TierwiseException;
import java.util.List;
import org.junit.jupiter.api.Test;

class RepeatPurchaseStatsTest {
  // calibration ends on day 100, holdout ends on day 170
  static final CalibrationWindow WINDOW = new CalibrationWindow(100, 170, ClvTimeUnit.WEEKS);

  @Test
  void samedayPurchasesMergeAndTheFirstPurchaseIsNotARepeat() {
    int[] days = {30, 30, 44, 51, 51, 100, 120, 120, 171};
    double[] values = {10, 5, 20, 7, 3, 30, 1, 1, 99};
    var stats = RepeatPurchaseStats.from(days, values, WINDOW).orElseThrow();
    assertThat(stats.repeatPurchases()).isEqualTo(3); // days 44, 51, 100
    assertThat(stats.recency()).isCloseTo(70 / 7.0, within(1e-12));
    assertThat(stats.age()).isCloseTo(10.0, within(1e-12));
    assertThat(stats.meanRepeatValue()).isCloseTo((20 + 7 + 3 + 30) / 3.0, within(1e-12));
    assertThat(stats.holdoutPurchases()).isEqualTo(1); // day 120 once; day 171 is after holdout
  }

  @Test
  void countingOrdersMakesEverySameDayOrderAPurchase() {
    int[] days = {30, 44, 51, 100, 120, 171};
    int[] orders = {2, 1, 2, 1, 2, 1};
    double[] values = {15, 20, 10, 30, 2, 99};
    var stats = RepeatPurchaseStats.fromOrders(days, orders, values, WINDOW).orElseThrow();
    assertThat(stats.repeatPurchases()).isEqualTo(5); // 2nd order of day 30, 44, 51 twice, 100
    assertThat(stats.recency()).isCloseTo(70 / 7.0, within(1e-12));
    assertThat(stats.age()).isCloseTo(10.0, within(1e-12));
    assertThat(stats.meanRepeatValue()).isCloseTo((7.5 + 20 + 10 + 30) / 5.0, within(1e-12));
    assertThat(stats.holdoutPurchases()).isEqualTo(2);
  }

  @Test
  void countingOrdersEqualsCountingDaysWhenEachDayHasOneOrder() {
    int[] days = {30, 44, 51, 100, 120};
    double[] values = {10, 20, 7, 30, 1};
    assertThat(RepeatPurchaseStats.fromOrders(days, new int[] {1, 1, 1, 1, 1}, values, WINDOW))
        .isEqualTo(RepeatPurchaseStats.from(days, values, WINDOW));
  }

  @Test
  void aSinglePurchaseHasZeroRecencyAndValue() {
    var stats = RepeatPurchaseStats.from(new int[] {93}, new double[] {12}, WINDOW).orElseThrow();
    assertThat(stats).isEqualTo(new RepeatPurchaseStats(0, 0, 1, 0, 0));
  }

  @Test
  void customersFirstSeenAfterCalibrationAreExcluded() {
    assertThat(RepeatPurchaseStats.from(new int[] {101}, new double[] {5}, WINDOW)).isEmpty();
    assertThat(RepeatPurchaseStats.from(new int[0], new double[0], WINDOW)).isEmpty();
  }

  @Test
  void daysAreMeasuredInDaysWhenAsked() {
    var window = new CalibrationWindow(100, 100, ClvTimeUnit.DAYS);
    var stats =
        RepeatPurchaseStats.from(new int[] {10, 40}, new double[] {1, 2}, window).orElseThrow();
    assertThat(stats).isEqualTo(new RepeatPurchaseStats(1, 30, 90, 2, 0));
  }

  @Test
  void unsortedDaysAreRejected() {
    assertThatThrownBy(
            () -> RepeatPurchaseStats.from(new int[] {5, 3}, new double[] {1, 1}, WINDOW))
        .isInstanceOf(TierwiseException.class)
        .hasMessageContaining("sorted");
  }

  @Test
  void identicalCustomersShareOneWeightedRow() {
    var a = new RepeatPurchaseStats(2, 5, 10, 12, 1);
    var b = new RepeatPurchaseStats(0, 0, 10, 0, 3);
    CompressedStats stats = CompressedStats.of(List.of(a, a, a, b), WINDOW);
    assertThat(stats.customers()).isEqualTo(4);
    assertThat(stats.purchaseRows()).isEqualTo(2);
    assertThat(stats.repeatCustomers()).isEqualTo(3);
    assertThat(stats.spendRows()).isEqualTo(1);
    assertThat(stats.holdoutLength()).isEqualTo(10.0);
    long holdout = 0;
    for (int row = 0; row < stats.purchaseRows(); row++) {
      holdout += stats.holdoutPurchases(row);
    }
    assertThat(holdout).isEqualTo(6);
  }

  @Test
  void compressionDoesNotChangeTheLikelihood() {
    var simulator =
        new ClvSimulator(new BgNbdModel(0.5, 5, 0.8, 2.5), new GammaGammaModel(6, 4, 15), 42);
    var builder = CompressedStats.builder(new CalibrationWindow(0, 0, ClvTimeUnit.WEEKS));
    double direct = 0;
    var model = new BgNbdModel(0.4, 4, 0.7, 2);
    for (int i = 0; i < 2_000; i++) {
      var customer = simulator.next(20 + i % 5, 0);
      builder.add(customer);
      direct += model.logLikelihood(customer.repeatPurchases(), customer.recency(), customer.age());
    }
    CompressedStats stats = builder.build();
    assertThat(BgNbdTrainer.logLikelihood(stats, new double[] {0.4, 4, 0.7, 2}))
        .isCloseTo(direct, within(1e-8 * Math.abs(direct)));
  }

  /**
   * Statistics of the first {@code count} entries of longer (reused) arrays are those of exactly
   * those entries, and a builder fed that way (no object per customer) holds the same rows as one
   * fed the statistics objects.
   */
  @Test
  void countedArraysGiveTheSameStatisticsAsExactOnes() {
    var random = new java.util.Random(5);
    var byObjects = CompressedStats.builder(WINDOW, 0.01);
    var byArrays = CompressedStats.builder(WINDOW, 0.01);
    var byOrderObjects = CompressedStats.builder(WINDOW, 0.01);
    var byOrderArrays = CompressedStats.builder(WINDOW, 0.01);
    int[] days = new int[64];
    int[] orders = new int[64];
    double[] values = new double[64];
    for (int customer = 0; customer < 500; customer++) {
      int count = 1 + random.nextInt(12);
      int day = random.nextInt(150);
      for (int i = 0; i < 64; i++) { // past count: leftovers of a longer customer
        day += 1 + random.nextInt(9);
        days[i] = day;
        orders[i] = 1 + random.nextInt(3);
        values[i] = Math.round(random.nextDouble() * 10_000) / 100.0;
      }
      int[] exactDays = java.util.Arrays.copyOf(days, count);
      int[] exactOrders = java.util.Arrays.copyOf(orders, count);
      double[] exactValues = java.util.Arrays.copyOf(values, count);
      var exact = RepeatPurchaseStats.from(exactDays, exactValues, WINDOW);
      assertThat(RepeatPurchaseStats.from(days, values, count, WINDOW)).isEqualTo(exact);
      exact.ifPresent(byObjects::add);
      assertThat(byArrays.addCustomer(days, values, count)).isEqualTo(exact.isPresent());
      var exactOrdersStats =
          RepeatPurchaseStats.fromOrders(exactDays, exactOrders, exactValues, WINDOW);
      assertThat(RepeatPurchaseStats.fromOrders(days, orders, values, count, WINDOW))
          .isEqualTo(exactOrdersStats);
      exactOrdersStats.ifPresent(byOrderObjects::add);
      assertThat(byOrderArrays.addCustomerOrders(days, orders, values, count))
          .isEqualTo(exactOrdersStats.isPresent());
    }
    assertSameRows(byObjects.build(), byArrays.build());
    assertSameRows(byOrderObjects.build(), byOrderArrays.build());
  }

  /** The builder's path without objects checks the statistics as the constructor does. */
  @Test
  void statisticsHandedOverAsNumbersAreCheckedToo() {
    int[] days = {30, 44, 51};
    double[] values = {10, Double.POSITIVE_INFINITY, 5};
    assertThatThrownBy(() -> RepeatPurchaseStats.from(days, values, WINDOW))
        .isInstanceOf(TierwiseException.class)
        .hasMessageContaining("mean repeat value must be finite");
    var builder = CompressedStats.builder(WINDOW, 0.01);
    assertThatThrownBy(() -> builder.addCustomer(days, values, 3))
        .isInstanceOf(TierwiseException.class)
        .hasMessageContaining("mean repeat value must be finite");
    assertThatThrownBy(() -> builder.addCustomerOrders(days, new int[] {1, 1, 1}, values, 3))
        .isInstanceOf(TierwiseException.class)
        .hasMessageContaining("mean repeat value must be finite");
  }

  private static void assertSameRows(CompressedStats expected, CompressedStats actual) {
    assertThat(actual.customers()).isEqualTo(expected.customers()).isPositive();
    assertThat(actual.purchaseRows()).isEqualTo(expected.purchaseRows());
    for (int row = 0; row < expected.purchaseRows(); row++) {
      assertThat(actual.repeatPurchases(row)).isEqualTo(expected.repeatPurchases(row));
      assertThat(actual.recency(row)).isEqualTo(expected.recency(row));
      assertThat(actual.age(row)).isEqualTo(expected.age(row));
      assertThat(actual.weight(row)).isEqualTo(expected.weight(row));
      assertThat(actual.holdoutPurchases(row)).isEqualTo(expected.holdoutPurchases(row));
    }
    assertThat(actual.spendRows()).isEqualTo(expected.spendRows());
    for (int row = 0; row < expected.spendRows(); row++) {
      assertThat(actual.spendMeanValue(row)).isEqualTo(expected.spendMeanValue(row));
      assertThat(actual.spendWeight(row)).isEqualTo(expected.spendWeight(row));
    }
  }
}
