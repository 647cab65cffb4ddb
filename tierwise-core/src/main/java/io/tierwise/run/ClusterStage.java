package io.tierwise.run;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tierwise.TierwiseException;
import io.tierwise.cluster.ClusterModel;
import io.tierwise.cluster.ClusterOptions;
import io.tierwise.cluster.ClusterProfile;
import io.tierwise.cluster.ClusterTrainer;
import io.tierwise.metrics.Indicator;
import io.tierwise.metrics.IndicatorTable;
import io.tierwise.policy.TieringPolicy;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * The clustering part of a run: fits k-means segments on the policy's indicators, assigns every
 * customer (in parallel) and profiles each cluster (size, value, centroid in original units).
 */
final class ClusterStage {
  private final Optional<ClusterModel> model;
  private final String skipped;
  private final int[] assignments;

  private ClusterStage(Optional<ClusterModel> model, String skipped, int[] assignments) {
    this.model = model;
    this.skipped = skipped;
    this.assignments = assignments;
  }

  static ClusterStage run(IndicatorTable table, TieringPolicy.Clusters settings) {
    if (!settings.enabled()) {
      return new ClusterStage(Optional.empty(), "clusters.enabled is false", new int[0]);
    }
    ClusterModel model;
    try {
      model =
          ClusterTrainer.fit(
              table,
              new ClusterOptions(
                  settings.features(),
                  settings.k(),
                  settings.minK(),
                  settings.maxK(),
                  settings.logScale(),
                  settings.seed(),
                  settings.sample()));
    } catch (TierwiseException e) {
      return new ClusterStage(Optional.empty(), e.getMessage(), new int[0]);
    }
    int[] assignments =
        IntStream.range(0, table.size())
            .parallel()
            .map(row -> model.assign(ChurnStage.values(table, model.features(), row)))
            .toArray();
    return new ClusterStage(Optional.of(model), "", assignments);
  }

  Optional<ClusterModel> model() {
    return model;
  }

  /** The customer's cluster number, or -1 without clustering. */
  int cluster(int row) {
    return model.isPresent() ? assignments[row] : -1;
  }

  String name(int row) {
    return model.map(found -> found.profiles().get(assignments[row]).name()).orElse("");
  }

  void toJson(ObjectNode node, IndicatorTable table) {
    node.put("enabled", model.isPresent());
    if (model.isEmpty()) {
      node.put("skipped", skipped);
      return;
    }
    ClusterModel clusters = model.get();
    node.put("k", clusters.k());
    node.put("k_chosen_by", clusters.silhouettes().isEmpty() ? "policy" : "mean silhouette");
    ObjectNode silhouettes = node.putObject("silhouettes");
    clusters.silhouettes().forEach((k, value) -> silhouettes.put(String.valueOf(k), value));
    node.put("seed", clusters.seed());
    node.put("model_file", ClassificationRun.CLUSTER_MODEL);
    long[] sizes = new long[clusters.k()];
    double[] value = new double[clusters.k()];
    for (int row = 0; row < assignments.length; row++) {
      sizes[assignments[row]]++;
      double monetary = table.value(Indicator.MONETARY, row);
      value[assignments[row]] += Double.isNaN(monetary) ? 0 : monetary;
    }
    ArrayNode profiles = node.putArray("profiles");
    for (ClusterProfile profile : clusters.profiles()) {
      int c = profile.index();
      ObjectNode entry = profiles.addObject();
      entry.put("cluster", c);
      entry.put("name", profile.name());
      entry.put("customers", sizes[c]);
      entry.put("share", ChurnStage.round4(sizes[c] / (double) Math.max(1, assignments.length)));
      entry.put("monetary", Math.round(value[c] * 100) / 100.0);
      entry.put("mean_monetary", sizes[c] == 0 ? 0 : Math.round(value[c] / sizes[c] * 100) / 100.0);
      ArrayNode traits = entry.putArray("traits");
      profile.traits().forEach(traits::add);
      ObjectNode centroid = entry.putObject("centroid");
      profile.centroid().forEach(centroid::put);
    }
  }
}
