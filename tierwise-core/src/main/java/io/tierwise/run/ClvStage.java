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
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * The CLV stage of a run: fits the purchase model (BG/NBD or Pareto/NBD) and Gamma-Gamma on every
 * customer's purchases up to the as-of date (the calibration end), and sets each customer's
 * potential value to the discounted CLV over the policy's horizon and P(alive) from the purchase
 * model. A fit that is not trustworthy is never used: the run keeps the run-rate estimate and says
 * why in {@code summary.json}.
 */
final class ClvStage {
  /** Share of repeat customers with a non-positive mean spend that the spend fit may leave out. */
  private static final double SPEND_NON_POSITIVE_TOLERANCE = 0.01;

  private final TieringPolicy.PotentialValue settings;
  private final IndicatorTable table;
  private final Optional<ModelFit<? extends PurchaseModel>> purchaseFit;
  private final Optional<ModelFit<GammaGammaModel>> spendFit;
  private final String status;

  private ClvStage(
      TieringPolicy.PotentialValue settings,
      IndicatorTable table,
      Optional<ModelFit<? extends PurchaseModel>> purchaseFit,
      Optional<ModelFit<GammaGammaModel>> spendFit,
      String status) {
    this.settings = settings;
    this.table = table;
    this.purchaseFit = purchaseFit;
    this.spendFit = spendFit;
    this.status = status;
  }

  /** The indicator table, with potential value and P(alive) from the CLV models when used. */
  IndicatorTable table() {
    return table;
  }

  /** True when potential value comes from the CLV models. */
  boolean used() {
    return status.equals("clv");
  }

  /** Why the run-rate estimate was kept, or "clv". */
  String status() {
    return status;
  }

  /**
   * The fitted CLV models of a run (or why there are none) and every customer's statistics,
   * computed from the purchases before the ledger is released; {@link #apply} sets the columns.
   */
  static final class Fit {
    private final TieringPolicy.PotentialValue settings;
    private final RepeatPurchaseStats[] stats;
    private final Optional<ModelFit<? extends PurchaseModel>> purchaseFit;
    private final Optional<ModelFit<GammaGammaModel>> spendFit;
    private final String status;

    private Fit(
        TieringPolicy.PotentialValue settings,
        RepeatPurchaseStats[] stats,
        Optional<ModelFit<? extends PurchaseModel>> purchaseFit,
        Optional<ModelFit<GammaGammaModel>> spendFit,
        String status) {
      this.settings = settings;
      this.stats = stats;
      this.purchaseFit = purchaseFit;
      this.spendFit = spendFit;
      this.status = status;
    }

    /** The table with potential value and P(alive) from the models, when they are used. */
    ClvStage apply(IndicatorTable table) {
      if (!status.equals("clv")) {
        return new ClvStage(settings, table, purchaseFit, spendFit, status);
      }
      ClvModel model =
          new ClvModel(purchaseFit.orElseThrow().model(), spendFit.orElseThrow().model(), UNIT);
      int size = table.size();
      double[] potential = new double[size];
      double[] alive = new double[size];
      Arrays.fill(alive, Double.NaN);
      ThreadLocal<ClvScorer> scorers =
          ThreadLocal.withInitial(
              () -> new ClvScorer(model, settings.horizonMonths(), settings.monthlyDiscount()));
      IntStream.range(0, size)
          .parallel()
          .forEach(
              customer -> {
                if (stats[customer] != null) {
                  CustomerValue value = scorers.get().score(stats[customer]);
                  potential[customer] = value.lifetimeValue();
                  alive[customer] = value.probabilityAlive();
                }
              });
      IndicatorTable withClv =
          table.withColumns(Map.of(Indicator.POTENTIAL_VALUE, potential, Indicator.P_ALIVE, alive));
      return new ClvStage(settings, withClv, purchaseFit, spendFit, status);
    }
  }

  private static final ClvTimeUnit UNIT = ClvTimeUnit.WEEKS;

  static Fit fit(CustomerBase customers, TieringPolicy.PotentialValue settings, LocalDate asOf) {
    if (!settings.clv()) {
      return new Fit(
          settings,
          new RepeatPurchaseStats[0],
          Optional.empty(),
          Optional.empty(),
          "run_rate (policy)");
    }
    CalibrationWindow window = CalibrationWindow.of(asOf, UNIT);
    int size = customers.size();
    RepeatPurchaseStats[] stats = new RepeatPurchaseStats[size];
    IntStream.range(0, size)
        .parallel()
        .forEach(
            customer -> {
              CustomerHistory.Purchases purchases = customers.purchases(customer);
              if (purchases.dayCount() > 0) {
                stats[customer] =
                    RepeatPurchaseStats.from(purchases.days(), purchases.revenue(), window)
                        .orElse(null);
              }
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
              .leavingOutNonPositive(SPEND_NON_POSITIVE_TOLERANCE)
              .fit(compressed);
    } catch (TierwiseException e) {
      return new Fit(
          settings,
          stats,
          Optional.empty(),
          Optional.empty(),
          "run_rate: the CLV models cannot be fitted on this data: " + e.getMessage());
    }
    if (!purchase.diagnostics().trustworthy() || !spend.diagnostics().trustworthy()) {
      String reasons =
          String.join(
              "; ", concat(purchase.diagnostics().warnings(), spend.diagnostics().warnings()));
      return new Fit(
          settings,
          stats,
          Optional.of(purchase),
          Optional.of(spend),
          "run_rate: the CLV fit is not trustworthy: " + reasons);
    }
    return new Fit(settings, stats, Optional.of(purchase), Optional.of(spend), "clv");
  }

  private static java.util.List<String> concat(
      java.util.List<String> first, java.util.List<String> second) {
    java.util.List<String> all = new java.util.ArrayList<>(first);
    all.addAll(second);
    return all;
  }

  /** The {@code potential_value} section of summary.json. */
  void toJson(ObjectNode node) {
    node.put("method", used() ? "clv" : "run_rate");
    node.put("status", status);
    node.put("horizon_months", settings.horizonMonths());
    node.put("monthly_discount", settings.monthlyDiscount());
    node.put("time_unit", "weeks");
    purchaseFit.ifPresent(
        fit -> node.set("purchase_model", ModelFile.MAPPER.valueToTree(fit.report())));
    spendFit.ifPresent(fit -> node.set("spend_model", ModelFile.MAPPER.valueToTree(fit.report())));
  }
}
