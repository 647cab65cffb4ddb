package io.tierwise.run;

import io.tierwise.churn.ChurnModel;
import io.tierwise.classify.Reason;
import io.tierwise.cluster.ClusterModel;
import io.tierwise.cluster.ClusterProfile;
import io.tierwise.metrics.Indicator;
import io.tierwise.metrics.Indicators;
import io.tierwise.policy.TieringPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The churn and cluster parts of {@code tierwise explain}: re-applies the run's saved churn model
 * and cluster model to the customer's indicators, adds the reasons (probability, band, top signals;
 * nearest centroid and its traits) and reports any difference from what the run wrote.
 */
final class SegmentExplanation {
  private SegmentExplanation() {}

  static void churn(
      Path run,
      TieringPolicy policy,
      Indicators indicators,
      Map<String, String> row,
      List<Reason> reasons,
      List<String> mismatches) {
    Path file = run.resolve(ClassificationRun.CHURN_MODEL);
    if (!Files.isRegularFile(file) || !indicators.hasPurchases()) {
      return;
    }
    ChurnModel model = ChurnModel.load(file);
    List<Indicator> columns =
        model.columnNames().stream().map(name -> Indicator.fromKey(name).orElseThrow()).toList();
    double[] values = new double[columns.size()];
    for (int c = 0; c < values.length; c++) {
      values[c] = indicators.value(columns.get(c));
    }
    double probability = model.probabilities(new double[][] {values})[0];
    double[] contributions = model.contributions(new double[][] {values})[0];
    TieringPolicy.Churn settings = policy.churn();
    String band = settings.band(probability);
    StringBuilder written = new StringBuilder();
    CustomersCsv.number(written, probability, 6);
    if (!written.toString().equals(row.getOrDefault("churn_probability", ""))) {
      mismatches.add(
          "churn_probability: written '"
              + row.get("churn_probability")
              + "', re-derived '"
              + written
              + "'");
    }
    String signals = ChurnStage.signalText(columns, values, contributions, settings.topSignals());
    reasons.add(
        new Reason(
            "churn",
            "calibrated probability of '"
                + model.labelColumn()
                + "' from the "
                + model.kind().id()
                + " model in "
                + ClassificationRun.CHURN_MODEL
                + "; band = first of "
                + bands(settings)
                + " reached; alert from "
                + settings.alertThreshold(),
            "churn_probability="
                + written
                + ", band "
                + band
                + (probability < settings.alertThreshold()
                    ? ""
                    : indicators.value(Indicator.RECENCY_DAYS)
                            > policy.activity().churnedAfterDays()
                        ? ", no alert: already lapsed (recency_days above activity.churned_after_days)"
                        : ", ALERT")));
    reasons.add(
        new Reason(
            "churn",
            "top signals (log-odds pushed up, relative to the average training customer)",
            signals.isEmpty() ? "none: every signal lowers the risk" : signals));
  }

  private static String bands(TieringPolicy.Churn settings) {
    List<String> bands = new ArrayList<>();
    for (TieringPolicy.RiskBand band : settings.riskBands()) {
      bands.add(band.name() + " >= " + band.minProbability());
    }
    return String.join(", ", bands);
  }

  static void cluster(
      Path run,
      Indicators indicators,
      Map<String, String> row,
      List<Reason> reasons,
      List<String> mismatches) {
    Path file = run.resolve(ClassificationRun.CLUSTER_MODEL);
    if (!Files.isRegularFile(file)) {
      return;
    }
    ClusterModel model = ClusterModel.load(file);
    double[] values = new double[model.features().size()];
    for (int f = 0; f < values.length; f++) {
      values[f] = indicators.value(model.features().get(f));
    }
    int cluster = model.assign(values);
    double[] distances = model.distances(values);
    ClusterProfile profile = model.profiles().get(cluster);
    if (!String.valueOf(cluster).equals(row.getOrDefault("cluster", ""))) {
      mismatches.add("cluster: written '" + row.get("cluster") + "', re-derived '" + cluster + "'");
    }
    StringBuilder numbers = new StringBuilder();
    double[] z = model.standardise(values);
    for (int f = 0; f < values.length; f++) {
      if (f > 0) {
        numbers.append(", ");
      }
      numbers
          .append(model.features().get(f).key())
          .append('=')
          .append(Double.isNaN(values[f]) ? "missing" : String.valueOf(values[f]))
          .append(String.format(Locale.ROOT, " (%+.2f sd)", z[f]));
    }
    numbers.append("; distance to each centroid:");
    for (int c = 0; c < distances.length; c++) {
      numbers.append(String.format(Locale.ROOT, " %d=%.2f", c, Math.sqrt(distances[c])));
    }
    reasons.add(
        new Reason(
            "cluster",
            "nearest k-means centroid on standardised "
                + String.join(", ", model.features().stream().map(Indicator::key).toList())
                + ": cluster "
                + cluster
                + " '"
                + profile.name()
                + "' ("
                + String.join(", ", profile.traits())
                + ")",
            numbers.toString()));
  }
}
