package io.tierwise.clv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PurchaseModelTest {
  static final BgNbdModel BG = new BgNbdModel(0.243, 4.414, 0.793, 2.426);
  static final ParetoNbdModel PARETO = new ParetoNbdModel(0.553, 10.578, 0.606, 11.669);

  @Test
  void hypergeometricSeriesMatchesClosedForms() {
    // 2F1(1,1;2;z) = -ln(1-z)/z ; 2F1(a,b;b;z) = (1-z)^-a
    assertThat(Hypergeometric2F1.value(1, 1, 2, 0.5))
        .isCloseTo(-Math.log(0.5) / 0.5, within(1e-14));
    assertThat(Hypergeometric2F1.value(0.7, 2.5, 2.5, 0.9))
        .isCloseTo(Math.pow(0.1, -0.7), within(1e-11));
  }

  @Test
  void aNewCustomersConditionalExpectationIsTheUnconditionalOne() {
    for (PurchaseModel model : new PurchaseModel[] {BG, PARETO}) {
      assertThat(model.conditionalExpectedPurchases(39, 0, 0, 0))
          .as(model.kind().externalName())
          .isCloseTo(model.expectedPurchases(39), within(1e-10));
    }
  }

  @Test
  void probabilityAliveFallsWithTimeSinceLastPurchase() {
    for (PurchaseModel model : new PurchaseModel[] {BG, PARETO}) {
      double recent = model.probabilityAlive(4, 30, 32);
      double lapsed = model.probabilityAlive(4, 5, 32);
      assertThat(recent).isBetween(0.0, 1.0).isGreaterThan(lapsed);
    }
    assertThat(BG.probabilityAlive(0, 0, 30)).isEqualTo(1.0);
  }

  @Test
  void paretoProbabilityAliveAgreesWithItsLikelihood() {
    // P(alive) is the "still alive" share of the likelihood
    double p = PARETO.probabilityAlive(2, 10, 30);
    double alive =
        PARETO.logHead(2)
            - (PARETO.r() + 2) * Math.log(PARETO.alpha() + 30)
            - PARETO.s() * Math.log(PARETO.beta() + 30);
    assertThat(p).isCloseTo(Math.exp(alive - PARETO.logLikelihood(2, 10, 30)), within(1e-12));
  }
}
