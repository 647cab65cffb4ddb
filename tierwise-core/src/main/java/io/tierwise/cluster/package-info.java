/**
 * Data-driven segments (C7): k-means on standardised indicators, each cluster profiled and named by
 * its dominant traits.
 *
 * <p>{@link io.tierwise.cluster.ClusterTrainer} fits an immutable {@link
 * io.tierwise.cluster.ClusterModel} on a seeded sample of customers (k given, or chosen by the mean
 * silhouette over a range of k); the model assigns any customer to its nearest centroid, is
 * deterministic and thread-safe, and saves to / loads from a versioned JSON file. k-means itself is
 * Hipparchus' {@code KMeansPlusPlusClusterer} (docs/dependencies.md).
 */
package io.tierwise.cluster;
