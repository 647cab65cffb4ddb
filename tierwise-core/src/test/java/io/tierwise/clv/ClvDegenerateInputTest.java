package io.tierwise.clv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tierwise.TierwiseException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Inputs that cannot identify a model give a clear DATA_QUALITY error, never NaN parameters. */
class ClvDegenerateInputTest {
  static final CalibrationWindow WINDOW = new CalibrationWindow(0, 0, ClvTimeUnit.WEEKS);

  @Test
  void customersWithOnlyOnePurchaseCannotFitAPurchaseModel() {
    List<RepeatPurchaseStats> oneOff = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      oneOff.add(new RepeatPurchaseStats(0, 0, 10 + i % 30, 0, 0));
    }
    CompressedStats stats = CompressedStats.of(oneOff, WINDOW);
    for (ModelKind kind : ModelKind.values()) {
      assertThatThrownBy(() -> ClvFitter.fit(stats, kind))
          .isInstanceOfSatisfying(
              TierwiseException.class,
              e -> assertThat(e.category()).isEqualTo(TierwiseException.Category.DATA_QUALITY))
          .hasMessageContaining("repeat purchase");
    }
  }

  @Test
  void aSingleCustomerIsRejected() {
    CompressedStats stats =
        CompressedStats.of(List.of(new RepeatPurchaseStats(3, 20, 30, 12.5, 0)), WINDOW);
    assertThatThrownBy(() -> ClvFitter.fit(stats, ModelKind.BG_NBD))
        .isInstanceOf(TierwiseException.class)
        .hasMessageContaining("single customer");
    assertThatThrownBy(() -> ClvFitter.fit(stats, ModelKind.GAMMA_GAMMA))
        .isInstanceOf(TierwiseException.class)
        .hasMessageContaining("single repeat customer");
  }

  @Test
  void noCustomersIsRejected() {
    CompressedStats stats = CompressedStats.builder(WINDOW).build();
    assertThatThrownBy(() -> ClvFitter.fit(stats, ModelKind.PARETO_NBD))
        .isInstanceOf(TierwiseException.class)
        .hasMessageContaining("no customers");
  }

  @Test
  void zeroValueOrdersAreRejectedBySpendModel() {
    List<RepeatPurchaseStats> customers = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      customers.add(new RepeatPurchaseStats(1 + i % 4, 5, 30, i < 3 ? 0 : 10 + i, 0));
    }
    assertThatThrownBy(
            () -> ClvFitter.fit(CompressedStats.of(customers, WINDOW), ModelKind.GAMMA_GAMMA))
        .isInstanceOfSatisfying(
            TierwiseException.class,
            e -> assertThat(e.category()).isEqualTo(TierwiseException.Category.DATA_QUALITY))
        .hasMessageContaining("3 of 100 repeat customers have a mean repeat order value <= 0");
  }

  @Test
  void anUntrustworthyFitIsNeverReturnedByRequireTrustworthy() {
    var estimate = new ParameterEstimate("r", 1e-6, Double.NaN, Double.NaN, Double.NaN, true);
    var diagnostics =
        new FitDiagnostics(
            -10,
            false,
            5000,
            "bobyqa+nelder_mead",
            List.of(estimate),
            false,
            List.of("not converged: gradient 0.1"),
            10,
            10);
    var fit = new ModelFit<>(ModelKind.BG_NBD, new BgNbdModel(1e-6, 1, 1, 1), diagnostics);
    assertThat(fit.report().trustworthy()).isFalse();
    assertThat(fit.report().atBound()).containsExactly("r");
    assertThatThrownBy(fit::requireTrustworthy)
        .isInstanceOfSatisfying(
            TierwiseException.class,
            e -> assertThat(e.category()).isEqualTo(TierwiseException.Category.DATA_QUALITY))
        .hasMessageContaining("not trustworthy")
        .hasMessageContaining("not converged");
  }

  @Test
  void customersWhoAllRepeatButNeverDropOutAreFlaggedNotSilentlyUsed() {
    // Every customer buys steadily up to the end: dropout is not identified (a -> 0 or b -> inf).
    List<RepeatPurchaseStats> steady = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      steady.add(new RepeatPurchaseStats(10, 30, 30, 20, 0));
    }
    var fit = ClvFitter.fit(CompressedStats.of(steady, WINDOW), ModelKind.BG_NBD);
    assertThat(fit.diagnostics().trustworthy()).isFalse();
    assertThatThrownBy(fit::requireTrustworthy).isInstanceOf(TierwiseException.class);
  }
}
