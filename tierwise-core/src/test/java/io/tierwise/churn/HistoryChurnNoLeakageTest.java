package io.tierwise.churn;

import static org.assertj.core.api.Assertions.assertThat;

import io.tierwise.ingest.CustomerBase;
import io.tierwise.ingest.CustomerHistory;
import io.tierwise.ingest.Ingest;
import io.tierwise.ingest.SourceMapping;
import io.tierwise.metrics.Indicator;
import io.tierwise.metrics.IndicatorFunction;
import io.tierwise.metrics.IndicatorSettings;
import io.tierwise.metrics.Indicators;
import io.tierwise.synth.GeneratorSettings;
import io.tierwise.synth.SyntheticCompanyGenerator;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proves that a churn model trained as of a past day T sees nothing after T: every indicator it may
 * read is the same whether computed as of T on the full history or on the history cut at T. The
 * indicators it may not read are shown to differ, which is why they are excluded.
 */
class HistoryChurnNoLeakageTest {
  @TempDir Path directory;

  @Test
  void everyChurnFeatureAsOfTIsTheSameOnTheHistoryCutAtT() {
    new SyntheticCompanyGenerator().generate(GeneratorSettings.of(1_500, 5), directory);
    CustomerBase base =
        Ingest.run(SourceMapping.ownFormat(directory), directory.resolve("rejects.csv"))
            .customers();
    int cut = (int) LocalDate.of(2024, 3, 1).toEpochDay();
    IndicatorFunction function =
        new IndicatorFunction(cut, IndicatorSettings.DEFAULT, base.featureCount());
    Set<Indicator> differing = EnumSet.noneOf(Indicator.class);
    int compared = 0;
    for (int customer = 0; customer < base.size(); customer++) {
      CustomerHistory full = base.history(customer);
      Indicators onFull = function.apply(full);
      Indicators onCut = function.apply(cutAt(full, cut));
      for (Indicator indicator : Indicator.values()) {
        double a = onFull.value(indicator);
        double b = onCut.value(indicator);
        boolean same = Double.isNaN(a) ? Double.isNaN(b) : a == b;
        if (!same) {
          differing.add(indicator);
        }
      }
      compared++;
    }
    assertThat(compared).isEqualTo(1_500);
    assertThat(differing)
        .as("indicators whose value as of T depends on data after T")
        .allMatch(indicator -> !HistoryChurnOptions.leakFree(indicator));
    // the exclusions are needed: these do look past T on generated data
    assertThat(differing)
        .contains(Indicator.CATEGORY_BREADTH, Indicator.FEATURE_PENETRATION, Indicator.MEAN_CSAT);
  }

  /** The history as it was known on {@code day}: nothing dated after it. */
  private static CustomerHistory cutAt(CustomerHistory history, int day) {
    CustomerHistory.Purchases p = history.purchases();
    int n = 0;
    while (n < p.days().length && p.days()[n] <= day) {
      n++;
    }
    CustomerHistory.Purchases purchases =
        new CustomerHistory.Purchases(
            Arrays.copyOf(p.days(), n),
            Arrays.copyOf(p.revenue(), n),
            p.cost().length == 0 ? new double[0] : Arrays.copyOf(p.cost(), n),
            Arrays.copyOf(p.orders(), n),
            0);
    CustomerHistory.Interactions e = history.interactions();
    int m = 0;
    while (m < e.days().length && e.days()[m] <= day) {
      m++;
    }
    CustomerHistory.Interactions interactions =
        new CustomerHistory.Interactions(
            Arrays.copyOf(e.days(), m),
            Arrays.copyOf(e.types(), m),
            Arrays.copyOf(e.counts(), m),
            Arrays.copyOf(e.minutes(), m),
            0); // which features were used by then is not kept by ingest
    CustomerHistory.Surveys s = history.surveys();
    boolean csat = s.latestCsatDay() != CustomerHistory.NO_DAY && s.latestCsatDay() <= day;
    boolean nps = s.latestNpsDay() != CustomerHistory.NO_DAY && s.latestNpsDay() <= day;
    CustomerHistory.Surveys surveys =
        new CustomerHistory.Surveys(
            s.answers(),
            csat ? s.latestCsat() : -1,
            csat ? s.latestCsatDay() : CustomerHistory.NO_DAY,
            nps ? s.latestNps() : -1,
            nps ? s.latestNpsDay() : CustomerHistory.NO_DAY,
            Double.NaN); // the mean over answers up to the day is not kept by ingest
    return new CustomerHistory(
        history.customerId(),
        history.signupDay(),
        purchases,
        0, // categories bought by then are not kept by ingest
        interactions,
        surveys,
        history.attributes());
  }
}
