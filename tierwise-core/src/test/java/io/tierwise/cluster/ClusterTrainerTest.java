package io.tierwise.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tierwise.TierwiseException;
import io.tierwise.metrics.Indicator;
import io.tierwise.metrics.IndicatorTable;
import io.tierwise.metrics.Indicators;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ClusterTrainerTest {
  private static final List<Indicator> FEATURES =
      List.of(Indicator.ORDERS_PER_MONTH, Indicator.AVERAGE_ORDER_VALUE);

  private static IndicatorTable table(int customers) {
    SplittableRandom random = new SplittableRandom(3);
    List<Indicators> rows = new ArrayList<>();
    for (int i = 0; i < customers; i++) {
      double[] values = new double[Indicator.count()];
      values[Indicator.ORDERS_PER_MONTH.ordinal()] = (i % 2 == 0 ? 1 : 8) + random.nextDouble();
      values[Indicator.AVERAGE_ORDER_VALUE.ordinal()] =
          (i % 2 == 0 ? 20 : 90) + random.nextDouble();
      rows.add(Indicators.of("c" + i, values));
    }
    return IndicatorTable.of(rows);
  }

  @Test
  void anAutomaticKNeverTriesMoreClustersThanTheSampleCanHold() {
    ClusterOptions options = new ClusterOptions(FEATURES, 0, 2, 50, true, 7, 50_000);

    ClusterModel model = ClusterTrainer.fit(table(20), options);

    assertThat(model.k()).isBetween(2, 4);
  }

  @Test
  void tooFewCustomersForTheSmallestKIsAClearInputError() {
    ClusterOptions options = new ClusterOptions(FEATURES, 4, 2, 8, true, 7, 50_000);

    assertThatThrownBy(() -> ClusterTrainer.fit(table(12), options))
        .isInstanceOf(TierwiseException.class)
        .hasMessage("too few customers to cluster: 12 for k = 4 (at least 5 per cluster)");
  }
}
