package io.tierwise.classify;

import io.tierwise.metrics.Indicator;
import io.tierwise.metrics.IndicatorTable;
import io.tierwise.metrics.PercentileScale;
import io.tierwise.policy.TieringPolicy;
import java.util.LinkedHashMap;
import java.util.Map;

/** Fits a {@link ClassificationModel} on a population's indicators. */
public final class ClassificationTrainer {
  private ClassificationTrainer() {}

  public static ClassificationModel fit(IndicatorTable table, TieringPolicy policy) {
    TieringPolicy.Abc abcPolicy = policy.abc();
    AbcModel abc =
        AbcModel.fit(
            abcPolicy.basis(),
            abcPolicy.aShare(),
            abcPolicy.bShare(),
            table.column(abcPolicy.basis()));
    RfmModel rfm = RfmModel.fit(table, policy.rfm());
    Map<Indicator, PercentileScale> scales = new LinkedHashMap<>();
    for (Indicator indicator : ClassificationModel.scaledIndicators(policy)) {
      scales.put(indicator, PercentileScale.fit(table.column(indicator)));
    }
    return new ClassificationModel(policy, abc, rfm, scales);
  }
}
