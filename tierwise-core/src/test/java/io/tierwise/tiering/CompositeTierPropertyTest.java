package io.tierwise.tiering;

import static org.assertj.core.api.Assertions.assertThat;

import io.tierwise.metrics.Indicator;
import io.tierwise.metrics.Indicators;
import io.tierwise.metrics.PercentileScale;
import io.tierwise.policy.TieringPolicy;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

class CompositeTierPropertyTest {
  private static final TieringPolicy POLICY = TieringPolicy.defaults();
  private static final CompositeTierModel MODEL = model(42);

  private static CompositeTierModel model(long seed) {
    Random random = new Random(seed);
    Map<Indicator, PercentileScale> scales = new HashMap<>();
    for (TieringPolicy.Dimension dimension : POLICY.tiering().dimensions()) {
      double[] column = new double[2000];
      for (int i = 0; i < column.length; i++) {
        column[i] =
            random.nextInt(4) == 0
                ? 0
                : Math.round(Math.exp(random.nextGaussian() * 2) * 100) / 100.0;
      }
      scales.put(dimension.indicator(), PercentileScale.fit(column));
    }
    return CompositeTierModel.of(POLICY.tiering(), scales, "£");
  }

  @Property
  void aHigherScoreNeverGivesALowerTier(
      @ForAll @DoubleRange(min = 0, max = 100) double low,
      @ForAll @DoubleRange(min = 0, max = 100) double high) {
    double a = Math.min(low, high);
    double b = Math.max(low, high);
    assertThat(MODEL.tierOf(b).tierIndex()).isLessThanOrEqualTo(MODEL.tierOf(a).tierIndex());
  }

  @Property
  void improvingOneIndicatorNeverLowersScoreOrTier(
      @ForAll @IntRange(min = 0, max = 4) int dimension,
      @ForAll @DoubleRange(min = 0, max = 5000) double base,
      @ForAll @DoubleRange(min = 0, max = 5000) double increase) {
    TieringPolicy.Dimension spec = POLICY.tiering().dimensions().get(dimension);
    double better = spec.lowerIsBetter() ? Math.max(0, base - increase) : base + increase;
    TierAssignment before = MODEL.assign(indicators(spec.indicator(), base));
    TierAssignment after = MODEL.assign(indicators(spec.indicator(), better));
    assertThat(after.score()).isGreaterThanOrEqualTo(before.score());
    assertThat(after.tierIndex()).isLessThanOrEqualTo(before.tierIndex());
  }

  @Property(tries = 200)
  void theStatedGapReachesTheNextTier(@ForAll @DoubleRange(min = 0, max = 300) double value) {
    TieringPolicy.Dimension revenue = POLICY.tiering().dimensions().get(0);
    Indicators customer = indicators(revenue.indicator(), value);
    TierAssignment tier = MODEL.assign(customer);
    List<String> gap = MODEL.gap(customer, tier);
    if (tier.tierIndex() == 0) {
      assertThat(gap).isEmpty();
    } else {
      java.util.Optional<String> option =
          gap.stream().filter(text -> text.endsWith(revenue.phrase())).findFirst();
      Statistics.collect(option.isPresent() ? "revenue gap stated" : "no revenue gap");
      option.ifPresent(
          text -> {
            double plus = Double.parseDouble(text.substring(2, text.indexOf(' ')).replace(",", ""));
            TierAssignment lifted = MODEL.assign(indicators(revenue.indicator(), value + plus));
            assertThat(lifted.tierIndex()).isLessThan(tier.tierIndex());
          });
    }
    // The check above must really run: most customers below the top get a revenue option.
    Statistics.coverage(coverage -> coverage.check("revenue gap stated").count(c -> c >= 50));
  }

  private static Indicators indicators(Indicator indicator, double value) {
    double[] values = new double[Indicator.count()];
    for (TieringPolicy.Dimension dimension : POLICY.tiering().dimensions()) {
      values[dimension.indicator().ordinal()] = 50;
    }
    values[indicator.ordinal()] = value;
    return Indicators.of("c", values);
  }
}
