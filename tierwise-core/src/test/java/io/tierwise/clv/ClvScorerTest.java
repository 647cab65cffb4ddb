package io.tierwise.clv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ClvScorerTest {
  static final ClvModel MODEL =
      new ClvModel(
          new BgNbdModel(0.243, 4.414, 0.793, 2.426),
          new GammaGammaModel(6.25, 3.74, 15.44),
          ClvTimeUnit.WEEKS);

  @Test
  void scoresAgreeWithTheModelAndRepeatedRowsGiveEqualResults() {
    var scorer = new ClvScorer(MODEL, 12, 0.01);
    var customer = new RepeatPurchaseStats(2, 30.43, 38.86, 22.35, 0);
    var twin = new RepeatPurchaseStats(2, 30.43, 38.86, 40.0, 0);

    CustomerValue value = scorer.score(customer);
    CustomerValue twinValue = scorer.score(twin);

    assertThat(value.lifetimeValue())
        .isCloseTo(MODEL.customerLifetimeValue(customer, 12, 0.01), within(1e-12));
    assertThat(value.probabilityAlive())
        .isEqualTo(MODEL.purchaseModel().probabilityAlive(customer));
    assertThat(value.expectedPurchases())
        .isCloseTo(
            MODEL.purchaseModel().conditionalExpectedPurchases(12 * 4.345, customer),
            within(1e-12));
    assertThat(twinValue.probabilityAlive()).isEqualTo(value.probabilityAlive());
    assertThat(twinValue.lifetimeValue())
        .isCloseTo(MODEL.customerLifetimeValue(twin, 12, 0.01), within(1e-12));
  }

  @Test
  void aOneTimeBuyerIsValuedAtThePopulationMeanSpend() {
    var value = new ClvScorer(MODEL, 6, 0).score(new RepeatPurchaseStats(0, 0, 38.86, 0, 0));
    assertThat(value.expectedAverageValue())
        .isCloseTo(MODEL.spendModel().populationMeanValue(), within(1e-12));
    assertThat(value.probabilityAlive()).isEqualTo(1.0);
  }
}
