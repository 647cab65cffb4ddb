package io.tierwise.cluster;

import io.tierwise.TierwiseException;
import io.tierwise.metrics.Indicator;
import java.util.List;
import java.util.Objects;

/**
 * How to cluster customers.
 *
 * @param features the indicators clustered on (standardised)
 * @param k the number of clusters, or 0 to choose it by silhouette in {@code [minK, maxK]}
 * @param minK smallest k tried when choosing
 * @param maxK largest k tried when choosing
 * @param logScale whether a feature that is never negative is taken as log(1 + x) before
 *     standardising (money and rates are skewed; k-means on raw values splits off outliers)
 * @param seed seeds the sample and k-means++; same data and seed, same clusters
 * @param sampleSize k-means is fitted on at most this many customers (all are assigned)
 */
public record ClusterOptions(
    List<Indicator> features,
    int k,
    int minK,
    int maxK,
    boolean logScale,
    long seed,
    int sampleSize) {

  public ClusterOptions {
    features = List.copyOf(features);
    Objects.requireNonNull(features, "features");
    if (features.isEmpty()) {
      throw TierwiseException.invalidConfig("clusters: at least one feature is needed");
    }
    if (k == 1 || k < 0 || minK < 2 || maxK < minK || maxK > 50 || k > 50) {
      throw TierwiseException.invalidConfig(
          "clusters: k must be 0 (auto) or 2..50 and 2 <= min_k <= max_k <= 50");
    }
    if (sampleSize < 100) {
      throw TierwiseException.invalidConfig("clusters: sample must be at least 100");
    }
  }
}
