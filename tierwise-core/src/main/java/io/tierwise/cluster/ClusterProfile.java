package io.tierwise.cluster;

import java.util.List;
import java.util.Map;

/**
 * What a cluster looks like.
 *
 * @param index the cluster's number (0 = the largest in the fitting sample)
 * @param name its dominant traits, e.g. "high orders_per_month · low recency_days"
 * @param traits the same traits with their standardised centroid values
 * @param centroid the centroid in the features' original units
 */
public record ClusterProfile(
    int index, String name, List<String> traits, Map<String, Double> centroid) {
  public ClusterProfile {
    traits = List.copyOf(traits);
    centroid = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(centroid));
  }
}
