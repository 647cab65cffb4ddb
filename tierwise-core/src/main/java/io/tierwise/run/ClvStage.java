package io.tierwise.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tierwise.TierwiseException;
import io.tierwise.clv.CalibrationWindow;
import io.tierwise.clv.ClvFitter;
import io.tierwise.clv.ClvModel;
import io.tierwise.clv.ClvScorer;
import io.tierwise.clv.ClvTimeUnit;
import io.tierwise.clv.CompressedStats;
import io.tierwise.clv.CustomerValue;
import io.tierwise.clv.GammaGammaModel;
import io.tierwise.clv.GammaGammaTrainer;
import io.tierwise.clv.ModelFit;
import io.tierwise.clv.PurchaseModel;
import io.tierwise.clv.RepeatPurchaseStats;
import io.tierwise.ingest.CustomerBase;
import io.tierwise.ingest.CustomerHistory;
import io.tierwise.metrics.Indicator;
import io.tierwise.metrics.IndicatorTable;
import io.tierwise.policy.TieringPolicy;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * The CLV stage of a run: fits the purchase model (BG/NBD or Pareto/NBD) and Gamma-Gamma on every
 * customer's purchases up to the as-of date (the calibration end), and sets each customer's
 * potential value to the discounted CLV over the policy's horizon and P(alive) from the purchase
 * model. A fit that is not trustworthy is never used: the run keeps the run-rate estimate and says
 * why in {@code summary.json}. {@link #fit} reads purchases (before the ledger is released); {@link
 * Fit#apply} sets the columns of the indicator table.
 */
final class ClvStage {
  private static final ClvTimeUnit UNIT = ClvTimeUnit.WEEKS;

  private final Fit fit;
  private final IndicatorTable table;

  private ClvStage(Fit fit, IndicatorTable table) {
    this.fit = fit;
    this.table = table;
  }

  /** The indicator table, with potential value and P(alive) from the CLV models when used. */
  IndicatorTable table() {
    return table;
  }

  /** True when potential value comes from the CLV models. */
  boolean used() {
    return fit.used;
  }

  /** "clv", or why the run-rate estimate was kept. */
  String status() {
    return fit.status;
  }

  /**
   * The fitted CLV models of a run (or why they are not used) and, when used, every customer's
   * potential value and P(alive): scored as soon as the models are fitted, so that a million
   * customers' statistics are not held through the main indicator pass.
   */
  static final class Fit {
    private final TieringPolicy.PotentialValue settings;
    private final double[] potential;
    private final double[] alive;
    private final Optional<ModelFit<? extends PurchaseModel>> purchaseFit;
    private final Optional<ModelFit<GammaGammaModel>> spendFit;
    private final boolean used;
    private final String status;

    private Fit(
        TieringPolicy.PotentialValue settings,
        double[] potential,
        double[] alive,
        Optional<ModelFit<? extends PurchaseModel>> purchaseFit,
        Optional<ModelFit<GammaGammaModel>> spendFit,
        String notUsedBecause) {
      this.settings = settings;
      this.potential = potential;
      this.alive = alive;
      this.purchaseFit = purchaseFit;
      this.spendFit = spendFit;
      this.used = notUsedBecause.isEmpty();
      this.status = used ? "clv" : notUsedBecause;
    }

    /** The table with potential value and P(alive) from the models, when they are used. */
    ClvStage apply(IndicatorTable table) {
      if (!used) {
        return new ClvStage(this, table);
      }
      return new ClvStage(
          this,
          table.withColumns(
              Map.of(Indicator.POTENTIAL_VALUE, potential, Indicator.P_ALIVE, alive)));
    }
  }

  static Fit fit(CustomerBase customers, TieringPolicy.PotentialValue settings, LocalDate asOf) {
    double[] none = new double[0];
    if (!settings.clv()) {
      return new Fit(settings, none, none, Optional.empty(), Optional.empty(), "run_rate (policy)");
    }
    CalibrationWindow window = CalibrationWindow.of(asOf, UNIT);
    RepeatPurchaseStats[] stats = new RepeatPurchaseStats[customers.size()];
    IntStream.range(0, stats.length)
        .parallel()
        .forEach(
            customer -> {
              CustomerHistory.Purchases purchases = customers.purchases(customer);
              stats[customer] =
                  RepeatPurchaseStats.from(purchases.days(), purchases.revenue(), window)
                      .orElse(null);
            });
    CompressedStats.Builder builder = CompressedStats.builder(window);
    for (RepeatPurchaseStats customer : stats) {
      if (customer != null) {
        builder.add(customer);
      }
    }
    CompressedStats compressed = builder.build();
    ModelFit<? extends PurchaseModel> purchase;
    ModelFit<GammaGammaModel> spend;
    try {
      purchase = ClvFitter.fitPurchaseModel(compressed, settings.purchaseModel());
      spend =
          new GammaGammaTrainer()
              .leavingOutNonPositive(GammaGammaTrainer.DEFAULT_NON_POSITIVE_SHARE)
              .fit(compressed);
    } catch (TierwiseException e) {
      return new Fit(
          settings,
          none,
          none,
          Optional.empty(),
          Optional.empty(),
          "run_rate: the CLV models cannot be fitted on this data: " + e.getMessage());
    }
    if (!purchase.diagnostics().trustworthy() || !spend.diagnostics().trustworthy()) {
      List<String> reasons = new ArrayList<>(purchase.diagnostics().warnings());
      reasons.addAll(spend.diagnostics().warnings());
      return new Fit(
          settings,
          none,
          none,
          Optional.of(purchase),
          Optional.of(spend),
          "run_rate: the CLV fit is not trustworthy: " + String.join("; ", reasons));
    }
    ClvModel model = new ClvModel(purchase.model(), spend.model(), UNIT);
    double[] potential = new double[stats.length];
    double[] alive = new double[stats.length];
    Arrays.fill(alive, Double.NaN);
    ThreadLocal<ClvScorer> scorers =
        ThreadLocal.withInitial(
            () -> new ClvScorer(model, settings.horizonMonths(), settings.monthlyDiscount()));
    IntStream.range(0, stats.length)
        .parallel()
        .forEach(
            customer -> {
              if (stats[customer] != null) {
                CustomerValue value = scorers.get().score(stats[customer]);
                potential[customer] = value.lifetimeValue();
                alive[customer] = value.probabilityAlive();
              }
            });
    return new Fit(settings, potential, alive, Optional.of(purchase), Optional.of(spend), "");
  }

  /** The {@code potential_value} section of summary.json. */
  void toJson(ObjectNode node) {
    node.put("method", used() ? "clv" : "run_rate");
    node.put("status", status());
    node.put("horizon_months", fit.settings.horizonMonths());
    node.put("monthly_discount", fit.settings.monthlyDiscount());
    node.put("time_unit", "weeks");
    fit.purchaseFit.ifPresent(
        found -> node.set("purchase_model", ModelFile.MAPPER.valueToTree(found.report())));
    fit.spendFit.ifPresent(
        found -> node.set("spend_model", ModelFile.MAPPER.valueToTree(found.report())));
  }
}
