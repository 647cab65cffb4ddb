package io.tierwise.classify;

import static org.assertj.core.api.Assertions.assertThat;

import io.tierwise.ingest.CustomerBase;
import io.tierwise.ingest.Ingest;
import io.tierwise.ingest.SourceMapping;
import io.tierwise.metrics.Indicator;
import io.tierwise.metrics.IndicatorFunction;
import io.tierwise.metrics.IndicatorTable;
import io.tierwise.metrics.Indicators;
import io.tierwise.policy.TieringPolicy;
import io.tierwise.synth.GeneratorSettings;
import io.tierwise.synth.SyntheticCompanyGenerator;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassificationModelTest {
  @TempDir Path directory;

  /** Churn causes group customers by these two alone; they must be the labels classify gives. */
  @Test
  void tierAndRfmSegmentAloneAreTheLabelsOfAFullClassification() throws IOException {
    Path data = directory.resolve("data");
    new SyntheticCompanyGenerator().generate(GeneratorSettings.of(2000, 11), data);
    CustomerBase base =
        Ingest.run(SourceMapping.ownFormat(data), directory.resolve("rejects.csv")).customers();
    TieringPolicy policy = TieringPolicy.defaults();
    int asOf = (int) LocalDate.of(2024, 12, 31).toEpochDay();
    IndicatorTable table =
        IndicatorTable.compute(
            base, new IndicatorFunction(asOf, policy.indicators(), base.featureCount()));
    ClassificationModel model = ClassificationTrainer.fit(table, policy);

    Set<String> tiers = new HashSet<>();
    Set<String> segments = new HashSet<>();
    for (int row = 0; row <= table.size(); row++) {
      Indicators indicators = row < table.size() ? table.row(row) : withoutPurchases(table.row(0));
      CustomerResult full = model.classify(indicators, Map.of(), Reasons.NONE);
      assertThat(model.tier(indicators)).isEqualTo(full.tier().tier());
      assertThat(model.rfmSegment(indicators)).isEqualTo(full.rfmSegment());
      tiers.add(full.tier().tier());
      segments.add(full.rfmSegment());
    }
    assertThat(tiers).hasSizeGreaterThanOrEqualTo(3);
    assertThat(segments).hasSizeGreaterThanOrEqualTo(5).contains("no_purchase");
  }

  /** The same customer as if nothing had been bought up to the as-of date. */
  private static Indicators withoutPurchases(Indicators indicators) {
    double[] values = new double[Indicator.count()];
    for (int i = 0; i < values.length; i++) {
      values[i] = indicators.value(i);
    }
    values[Indicator.RECENCY_DAYS.ordinal()] = Double.NaN;
    return Indicators.of(indicators.customerId(), values);
  }
}
