package io.tierwise.run;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tierwise.churn.HistoryChurnFit;
import io.tierwise.classify.ClassificationModel;
import io.tierwise.classify.ClassificationTrainer;
import io.tierwise.cluster.ClusterModel;
import io.tierwise.metrics.Indicator;
import io.tierwise.metrics.IndicatorTable;
import io.tierwise.metrics.Indicators;
import io.tierwise.policy.TieringPolicy;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.IntStream;

/**
 * Churn-cause analysis: among the customers who did churn in the validation period (no purchase in
 * (T, A]), how often each signal was among their top signals as of T, overall and per tier, RFM
 * segment and cluster as of T (the classification is re-fitted on the period's customers so the
 * labels are the ones they had when the signals were measured).
 */
final class ChurnCauses {
  private static final int SHOWN = 5;

  private final String asOf;
  private final int topSignals;
  private final List<Indicator> columns;
  private final Map<String, Map<String, long[]>> groups;

  private ChurnCauses(
      String asOf,
      int topSignals,
      List<Indicator> columns,
      Map<String, Map<String, long[]>> groups) {
    this.asOf = asOf;
    this.topSignals = topSignals;
    this.columns = columns;
    this.groups = groups;
  }

  static ChurnCauses of(
      HistoryChurnFit fit,
      TieringPolicy policy,
      List<Indicator> columns,
      Optional<ClusterModel> clusters) {
    IndicatorTable later = fit.later();
    int[] churners =
        IntStream.range(0, later.size()).filter(row -> fit.laterLabels()[row] == 1).toArray();
    ClassificationModel classification = ClassificationTrainer.fit(later, policy);
    double[][] values = new double[churners.length][];
    String[][] labels = new String[churners.length][];
    IntStream.range(0, churners.length)
        .parallel()
        .forEach(
            i -> {
              int row = churners[i];
              values[i] = ChurnStage.values(later, columns, row);
              Indicators indicators = later.row(row);
              String cluster =
                  clusters
                      .map(
                          model ->
                              model
                                  .profiles()
                                  .get(
                                      model.assign(ChurnStage.values(later, model.features(), row)))
                                  .name())
                      .orElse("");
              labels[i] =
                  new String[] {
                    "all",
                    classification.tier(indicators),
                    classification.rfmSegment(indicators),
                    cluster
                  };
            });
    double[][] contributions = fit.model().contributions(values);
    int top = policy.churn().topSignals();
    Map<String, Map<String, long[]>> groups = new LinkedHashMap<>();
    String[] dimensions = {"overall", "tier", "rfm_segment", "cluster"};
    for (String dimension : dimensions) {
      groups.put(dimension, new TreeMap<>());
    }
    for (int i = 0; i < churners.length; i++) {
      int[] signals = ChurnStage.topSignals(contributions[i], top);
      for (int d = 0; d < dimensions.length; d++) {
        if (labels[i][d].isEmpty()) {
          continue;
        }
        long[] counts =
            groups
                .get(dimensions[d])
                .computeIfAbsent(labels[i][d], key -> new long[columns.size() + 1]);
        counts[columns.size()]++;
        for (int signal : signals) {
          counts[signal]++;
        }
      }
    }
    return new ChurnCauses(fit.validateAsOf().toString(), top, columns, groups);
  }

  void toJson(ObjectNode node) {
    node.put("as_of", asOf);
    node.put(
        "method",
        "customers who bought nothing in the "
            + "validation period; share of them with each indicator among their top "
            + topSignals
            + " positive contributions as of "
            + asOf
            + "; groups are their tier, RFM segment and cluster as of that day");
    groups.forEach(
        (dimension, byLabel) -> {
          ObjectNode dimensionNode = node.putObject(dimension);
          byLabel.forEach(
              (label, counts) -> {
                ObjectNode group =
                    dimension.equals("overall") ? dimensionNode : dimensionNode.putObject(label);
                long churners = counts[columns.size()];
                group.put("churners", churners);
                ArrayNode signals = group.putArray("signals");
                IntStream.range(0, columns.size())
                    .filter(c -> counts[c] > 0)
                    .boxed()
                    .sorted((a, b) -> Long.compare(counts[b], counts[a]))
                    .limit(SHOWN)
                    .forEach(
                        c ->
                            signals
                                .addObject()
                                .put("signal", columns.get(c).key())
                                .put("share", ChurnStage.round4(counts[c] / (double) churners)));
              });
        });
  }
}
