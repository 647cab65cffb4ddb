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
import io.tierwise.ingest.PurchaseDays;
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
    // Each customer's statistics are kept as numbers (no object, and no arrays per customer read:
    // a buffer per thread), for the fit and then for scoring.
    CohortStats stats = new CohortStats(customers.size());
    ThreadLocal<PurchaseDays> buffers = ThreadLocal.withInitial(PurchaseDays::new);
    IntStream.range(0, stats.size())
        .parallel()
        .forEach(
            customer -> {
              PurchaseDays purchases = customers.purchasesInto(customer, buffers.get());
              stats.set(
                  customer,
                  RepeatPurchaseStats.from(
                      purchases.days(), purchases.revenue(), purchases.count(), window));
            });
    CompressedStats.Builder builder = CompressedStats.builder(window);
    for (int customer = 0; customer < stats.size(); customer++) {
      if (stats.inCohort(customer)) {
        builder.add(stats.get(customer));
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
    double[] potential = new double[stats.size()];
    double[] alive = new double[stats.size()];
    Arrays.fill(alive, Double.NaN);
    ThreadLocal<ClvScorer> scorers =
        ThreadLocal.withInitial(
            () -> new ClvScorer(model, settings.horizonMonths(), settings.monthlyDiscount()));
    IntStream.range(0, stats.size())
        .parallel()
        .forEach(
            customer -> {
              if (stats.inCohort(customer)) {
                CustomerValue value = scorers.get().score(stats.get(customer));
                potential[customer] = value.lifetimeValue();
                alive[customer] = value.probabilityAlive();
              }
            });
    return new Fit(settings, potential, alive, Optional.of(purchase), Optional.of(spend), "");
  }

  /** Per customer, the calibration statistics or none (not in the cohort), as numbers. */
  private static final class CohortStats {
    private final int[] repeatPurchases; // -1: not in the cohort
    private final double[] recency;
    private final double[] age;
    private final double[] meanRepeatValue;
    private final int[] holdoutPurchases;

    CohortStats(int size) {
      repeatPurchases = new int[size];
      recency = new double[size];
      age = new double[size];
      meanRepeatValue = new double[size];
      holdoutPurchases = new int[size];
    }

    int size() {
      return repeatPurchases.length;
    }

    void set(int customer, Optional<RepeatPurchaseStats> found) {
      if (found.isEmpty()) {
        repeatPurchases[customer] = -1;
        return;
      }
      RepeatPurchaseStats stats = found.get();
      repeatPurchases[customer] = stats.repeatPurchases();
      recency[customer] = stats.recency();
      age[customer] = stats.age();
      meanRepeatValue[customer] = stats.meanRepeatValue();
      holdoutPurchases[customer] = stats.holdoutPurchases();
    }

    boolean inCohort(int customer) {
      return repeatPurchases[customer] >= 0;
    }

    RepeatPurchaseStats get(int customer) {
      return new RepeatPurchaseStats(
          repeatPurchases[customer],
          recency[customer],
          age[customer],
          meanRepeatValue[customer],
          holdoutPurchases[customer]);
    }
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
