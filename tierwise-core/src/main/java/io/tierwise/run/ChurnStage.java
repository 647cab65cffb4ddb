package io.tierwise.run;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tierwise.TierwiseException;
import io.tierwise.churn.ChurnEvaluation;
import io.tierwise.churn.ChurnEvaluator;
import io.tierwise.churn.ChurnModel;
import io.tierwise.churn.ChurnModelKind;
import io.tierwise.churn.ConfusionMatrix;
import io.tierwise.churn.DecileRow;
import io.tierwise.churn.HistoryChurnFit;
import io.tierwise.churn.HistoryChurnOptions;
import io.tierwise.churn.HistoryChurnTrainer;
import io.tierwise.cluster.ClusterModel;
import io.tierwise.ingest.CustomerBase;
import io.tierwise.metrics.Indicator;
import io.tierwise.metrics.IndicatorTable;
import io.tierwise.policy.TieringPolicy;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * The churn part of a run: trains a model on the customers' histories (or takes a saved one),
 * scores every customer with purchases as of the run's date, finds the top signals of each customer
 * that crosses the alert threshold, and analyses the causes among customers who did churn in the
 * validation period. Holds per-customer results in arrays indexed like the indicator table.
 */
final class ChurnStage {
  private static final int CHUNK = 16_384;

  private final TieringPolicy.Churn settings;
  private final Optional<ChurnModel> model;
  private final String source;
  private final Optional<HistoryChurnFit> fit;
  private final String skipped;
  private final double[] probabilities;
  private final String[] signals;
  private final Optional<ChurnCauses> causes;
  private final boolean[] lapsed;

  private ChurnStage(
      TieringPolicy.Churn settings,
      Optional<ChurnModel> model,
      String source,
      Optional<HistoryChurnFit> fit,
      String skipped,
      double[] probabilities,
      String[] signals,
      Optional<ChurnCauses> causes,
      boolean[] lapsed) {
    this.lapsed = lapsed;
    this.settings = settings;
    this.model = model;
    this.source = source;
    this.fit = fit;
    this.skipped = skipped;
    this.probabilities = probabilities;
    this.signals = signals;
    this.causes = causes;
  }

  /**
   * The churn model a run will score with: trained on the customers' histories, or reused, or none
   * (with the reason). Training reads histories, so it happens before the ledger is released.
   */
  record Training(
      Optional<ChurnModel> model, Optional<HistoryChurnFit> fit, String source, String skipped) {}

  static Training train(
      CustomerBase base,
      TieringPolicy policy,
      LocalDate asOf,
      ChurnSource churnSource,
      Clock clock) {
    TieringPolicy.Churn settings = policy.churn();
    if (churnSource instanceof ChurnSource.Reuse reuse) {
      // its schema was checked when the source was made
      return new Training(
          Optional.of(reuse.model()), Optional.empty(), "reused from " + reuse.file(), "");
    }
    if (!settings.enabled()) {
      return new Training(Optional.empty(), Optional.empty(), "", "churn.enabled is false");
    }
    HistoryChurnOptions options =
        new HistoryChurnOptions(
            settings.model(),
            settings.horizonDays(),
            settings.features(),
            settings.seed(),
            settings.maxTrainingCustomers(),
            settings.l2());
    try {
      HistoryChurnFit trained =
          new HistoryChurnTrainer(options, clock).train(base, policy.indicators(), asOf);
      double auc = trained.model().evaluation().auc();
      if (!(auc >= settings.minAuc())) {
        // A model that ranks churners no better than this must not raise alerts; it is dropped
        // here, before the run's main pass, so its training tables do not stay in memory.
        return new Training(
            Optional.empty(),
            Optional.empty(),
            "",
            String.format(
                java.util.Locale.ROOT,
                "the churn model trained on this data was not used: its test AUC %.3f is below"
                    + " churn.min_auc %.2f (too little history for churn.horizon_days %d?)",
                auc,
                settings.minAuc(),
                settings.horizonDays()));
      }
      return new Training(
          Optional.of(trained.model()),
          Optional.of(trained),
          "trained on the customers' history",
          "");
    } catch (TierwiseException e) {
      return new Training(Optional.empty(), Optional.empty(), "", e.getMessage());
    }
  }

  static ChurnStage run(
      Training training,
      TieringPolicy policy,
      IndicatorTable table,
      Optional<ClusterModel> clusters) {
    TieringPolicy.Churn settings = policy.churn();
    double[] probabilities = new double[table.size()];
    Arrays.fill(probabilities, Double.NaN);
    String[] signals = new String[table.size()];
    Arrays.fill(signals, "");
    boolean[] lapsed = new boolean[table.size()];
    int churnedAfter = policy.activity().churnedAfterDays();
    for (int row = 0; row < lapsed.length; row++) {
      lapsed[row] = table.value(Indicator.RECENCY_DAYS, row) > churnedAfter;
    }
    if (training.model().isEmpty()) {
      return new ChurnStage(
          settings,
          Optional.empty(),
          "",
          Optional.empty(),
          training.skipped(),
          probabilities,
          signals,
          Optional.empty(),
          lapsed);
    }
    ChurnModel model = training.model().get();
    Optional<HistoryChurnFit> fit = training.fit();
    String source = training.source();
    List<Indicator> columns =
        model.columnNames().stream().map(name -> Indicator.fromKey(name).orElseThrow()).toList();
    int chunks = (table.size() + CHUNK - 1) / CHUNK;
    IntStream chunkStream = IntStream.range(0, chunks);
    if (model.kind() == ChurnModelKind.LOGISTIC) {
      chunkStream = chunkStream.parallel(); // XGBoost predicts with its own threads
    }
    ChurnModel scoring = model;
    chunkStream.forEach(
        chunk ->
            score(
                lapsed,
                scoring,
                table,
                columns,
                chunk * CHUNK,
                Math.min(table.size(), (chunk + 1) * CHUNK),
                settings,
                probabilities,
                signals));
    Optional<ChurnCauses> causes =
        fit.map(trained -> ChurnCauses.of(trained, policy, columns, clusters));
    return new ChurnStage(
        settings, Optional.of(model), source, fit, "", probabilities, signals, causes, lapsed);
  }

  private static void score(
      boolean[] lapsed,
      ChurnModel model,
      IndicatorTable table,
      List<Indicator> columns,
      int from,
      int to,
      TieringPolicy.Churn settings,
      double[] probabilities,
      String[] signals) {
    int[] rows =
        IntStream.range(from, to)
            .filter(row -> !Double.isNaN(table.value(Indicator.RECENCY_DAYS, row)))
            .toArray();
    double[][] values = new double[rows.length][];
    for (int i = 0; i < rows.length; i++) {
      values[i] = values(table, columns, rows[i]);
    }
    double[] scored = model.probabilities(values);
    List<Integer> alerted = new ArrayList<>();
    for (int i = 0; i < rows.length; i++) {
      probabilities[rows[i]] = scored[i];
      if (scored[i] >= settings.alertThreshold() && !lapsed[rows[i]]) {
        alerted.add(i);
      }
    }
    if (alerted.isEmpty()) {
      return;
    }
    double[][] alertValues = new double[alerted.size()][];
    for (int i = 0; i < alertValues.length; i++) {
      alertValues[i] = values[alerted.get(i)];
    }
    double[][] contributions = model.contributions(alertValues);
    for (int i = 0; i < alertValues.length; i++) {
      signals[rows[alerted.get(i)]] =
          signalText(columns, alertValues[i], contributions[i], settings.topSignals());
    }
  }

  static double[] values(IndicatorTable table, List<Indicator> columns, int row) {
    double[] values = new double[columns.size()];
    for (int c = 0; c < values.length; c++) {
      values[c] = table.value(columns.get(c), row);
    }
    return values;
  }

  /** The columns with the largest positive contributions, largest first (at most {@code top}). */
  static int[] topSignals(double[] contributions, int top) {
    // insertion into a short ranking, ties in column order: called for every alert and churner
    int[] ranked = new int[Math.max(0, Math.min(top, contributions.length))];
    int count = 0;
    for (int c = 0; c < contributions.length; c++) {
      if (!(contributions[c] > 0)) {
        continue;
      }
      int at = count;
      while (at > 0 && contributions[ranked[at - 1]] < contributions[c]) {
        at--;
      }
      if (at >= ranked.length) {
        continue;
      }
      int kept = Math.min(count, ranked.length - 1);
      System.arraycopy(ranked, at, ranked, at + 1, kept - at);
      ranked[at] = c;
      count = Math.min(count + 1, ranked.length);
    }
    return Arrays.copyOf(ranked, count);
  }

  /** E.g. {@code recency_days 214 (+0.31); complaints 2 (+0.12)}. */
  static String signalText(
      List<Indicator> columns, double[] values, double[] contributions, int top) {
    StringBuilder text = new StringBuilder();
    for (int c : topSignals(contributions, top)) {
      if (text.length() > 0) {
        text.append("; ");
      }
      text.append(columns.get(c).key()).append(' ');
      if (Double.isNaN(values[c])) {
        text.append("missing");
      } else {
        CustomersCsv.number(text, values[c], columns.get(c).decimals());
      }
      appendContribution(text, contributions[c]);
    }
    return text.toString();
  }

  /**
   * {@code " (+0.31)"}, as {@code String.format(Locale.ROOT, " (%+.2f)", contribution)} writes it,
   * but without a Formatter (about 20 µs a call, for every alert). Within a quarter cent of a whole
   * cent every rounding gives the same digits, written directly. Under a quarter cent, the
   * Formatter writes zero with the value's sign ({@code -0.00} for -0.001 and for -0.0), and so
   * does this. Elsewhere, as the Formatter does, the value's shortest decimal form ({@link
   * Double#toString}) is rounded half up (away from zero): {@code 1.005} gives {@code 1.01}
   * although the double is a hair below it.
   */
  static void appendContribution(StringBuilder text, double contribution) {
    double scaled = contribution * 100;
    double units = Math.rint(scaled);
    if (units == 0 && Math.abs(scaled) < 0.25) {
      text.append(Double.doubleToRawLongBits(contribution) < 0 ? " (-0.00)" : " (+0.00)");
      return;
    }
    if (units != 0 && Math.abs(scaled - units) < 0.25 && Math.abs(units) < 1e15) {
      long whole = (long) Math.abs(units);
      long cents = whole % 100;
      text.append(" (").append(units < 0 ? '-' : '+').append(whole / 100).append('.');
      text.append(cents < 10 ? "0" : "").append(cents).append(')');
      return;
    }
    if (Double.isFinite(contribution)) {
      BigDecimal magnitude =
          new BigDecimal(Double.toString(Math.abs(contribution))).setScale(2, RoundingMode.HALF_UP);
      text.append(" (").append(Double.doubleToRawLongBits(contribution) < 0 ? '-' : '+');
      text.append(magnitude.toPlainString()).append(')');
      return;
    }
    text.append(String.format(Locale.ROOT, " (%+.2f)", contribution));
  }

  boolean active() {
    return model.isPresent();
  }

  Optional<ChurnModel> model() {
    return model;
  }

  String skipped() {
    return skipped;
  }

  TieringPolicy.Churn settings() {
    return settings;
  }

  double probability(int row) {
    return probabilities[row];
  }

  String band(int row) {
    return Double.isNaN(probabilities[row]) ? "" : settings.band(probabilities[row]);
  }

  String signals(int row) {
    return signals[row];
  }

  /**
   * True when the customer's probability reaches the alert threshold and it has not already lapsed
   * (days since the last purchase at most {@code activity.churned_after_days}): an early warning is
   * for customers who can still be kept.
   */
  boolean alerted(int row) {
    return !Double.isNaN(probabilities[row])
        && probabilities[row] >= settings.alertThreshold()
        && !lapsed[row];
  }

  /** The churn part of summary.json. */
  void toJson(ObjectNode node, Alerts alerts) {
    node.put("enabled", settings.enabled() || model.isPresent());
    if (model.isEmpty()) {
      node.put("skipped", skipped);
      return;
    }
    ChurnModel churn = model.get();
    node.put("model", churn.kind().id());
    node.put("source", source);
    node.put("model_file", ClassificationRun.CHURN_MODEL);
    node.put("label", churn.labelColumn());
    node.put("split", churn.provenance().splitMethod());
    node.put("train_customers", churn.provenance().trainRows());
    node.put("validation_customers", churn.provenance().validationRows());
    node.put("test_customers", churn.provenance().testRows());
    ArrayNode features = node.putArray("features");
    churn.columnNames().forEach(features::add);
    ObjectNode report = node.putObject("validation");
    report.put("note", "on the test customers, never used to fit or calibrate");
    evaluation(report, churn.evaluation());
    fit.ifPresent(
        trained -> {
          report.put("auc_active_customers", round4(trained.aucActive()));
          report.put("active_test_customers", trained.testActiveCustomers());
          double[] testProbabilities =
              Arrays.stream(trained.testRows())
                  .mapToDouble(row -> trained.laterProbabilities()[row])
                  .toArray();
          int[] testLabels =
              Arrays.stream(trained.testRows()).map(row -> trained.laterLabels()[row]).toArray();
          ConfusionMatrix atAlert =
              ChurnEvaluator.evaluate(testProbabilities, testLabels, settings.alertThreshold())
                  .confusion();
          confusion(report.putObject("confusion_at_alert_threshold"), atAlert);
        });
    node.put("alert_threshold", settings.alertThreshold());
    node.put("value_indicator", settings.valueIndicator().key());
    alerts.toJson(node);
    causes.ifPresent(found -> found.toJson(node.putObject("causes")));
  }

  private static void evaluation(ObjectNode node, ChurnEvaluation evaluation) {
    node.put("customers", evaluation.customers());
    node.put("positives", evaluation.positives());
    node.put("auc", round4(evaluation.auc()));
    node.put("auc_pr", round4(evaluation.aucPr()));
    node.put("brier", round4(evaluation.brier()));
    node.put("threshold", round4(evaluation.threshold()));
    node.put("mean_predicted", round4(evaluation.meanPredicted()));
    node.put("observed_rate", round4(evaluation.observedRate()));
    confusion(node.putObject("confusion"), evaluation.confusion());
    ArrayNode deciles = node.putArray("deciles");
    ArrayNode calibration = node.putArray("calibration");
    for (DecileRow row : evaluation.deciles()) {
      deciles
          .addObject()
          .put("decile", row.decile())
          .put("customers", row.customers())
          .put("churners", row.positives())
          .put("observed_rate", round4(row.observedRate()))
          .put("lift", round4(row.lift()))
          .put("cumulative_capture", round4(row.cumulativeCapture()));
      calibration
          .addObject()
          .put("decile", row.decile())
          .put("mean_predicted", round4(row.meanPredicted()))
          .put("observed_rate", round4(row.observedRate()));
    }
  }

  private static void confusion(ObjectNode node, ConfusionMatrix confusion) {
    node.put("true_positives", confusion.truePositives());
    node.put("false_positives", confusion.falsePositives());
    node.put("true_negatives", confusion.trueNegatives());
    node.put("false_negatives", confusion.falseNegatives());
    node.put("precision", round4(confusion.precision()));
    node.put("recall", round4(confusion.recall()));
    node.put("f1", round4(confusion.f1()));
  }

  static double round4(double value) {
    return Double.isFinite(value) ? Math.round(value * 10_000) / 10_000.0 : -1;
  }
}
