package io.tierwise.classify;

import static org.assertj.core.api.Assertions.assertThat;

import io.tierwise.metrics.Indicator;
import java.util.List;
import org.junit.jupiter.api.Test;

class RfmModelTest {

  @Test
  void heavilyTiedFrequencyKeepsTiesTogetherAndReportsTheLostBins() {
    double[] frequency = new double[100];
    for (int i = 0; i < 100; i++) {
      frequency[i] = i < 62 ? 1 : i < 80 ? 2 : i < 90 ? 3 : 4 + i;
    }
    RfmModel.Dimension dimension = RfmModel.dimension(Indicator.FREQUENCY, frequency, 5, List.of());
    assertThat(dimension.cutPoints()).containsExactly(1, 1, 1, 2);
    assertThat(dimension.effectiveBins()).isEqualTo(3);
    assertThat(dimension.largestTieShare()).isEqualTo(0.62);
    RfmModel model = new RfmModel(5, dimension, dimension, dimension, null);
    assertThat(model.frequencyScore(1)).isEqualTo(1);
    assertThat(model.frequencyScore(2)).isEqualTo(4);
    assertThat(model.frequencyScore(3)).isEqualTo(5);
    assertThat(model.warnings())
        .anySatisfy(
            warning ->
                assertThat(warning).contains("frequency: 5 bins requested, 3 can occur", "62 %"));
  }

  @Test
  void distinctValuesGiveFiveEqualBinsAndRecencyScoresReversed() {
    double[] values = new double[100];
    for (int i = 0; i < 100; i++) {
      values[i] = i + 1;
    }
    RfmModel.Dimension dimension = RfmModel.dimension(Indicator.RECENCY_DAYS, values, 5, List.of());
    assertThat(dimension.cutPoints()).containsExactly(20, 40, 60, 80);
    assertThat(dimension.effectiveBins()).isEqualTo(5);
    RfmModel model = new RfmModel(5, dimension, dimension, dimension, null);
    assertThat(model.recencyScore(1)).isEqualTo(5);
    assertThat(model.recencyScore(20)).isEqualTo(5);
    assertThat(model.recencyScore(21)).isEqualTo(4);
    assertThat(model.recencyScore(100)).isEqualTo(1);
    assertThat(model.warnings()).isEmpty();
  }

  @Test
  void abcClassesFollowCumulativeShareAndTiesShareAClass() {
    double[] values = {50, 20, 10, 10, 5, 5, 0};
    AbcModel abc = AbcModel.fit(Indicator.MONETARY, 0.7, 0.2, values);
    assertThat(abc.classify(50, Reasons.NONE)).isEqualTo("A");
    assertThat(abc.classify(20, Reasons.NONE)).isEqualTo("A");
    assertThat(abc.classify(10, Reasons.NONE)).isEqualTo("B");
    assertThat(abc.classify(5, Reasons.NONE)).isEqualTo("C");
    assertThat(abc.classify(0, Reasons.NONE)).isEqualTo("C");
  }
}
