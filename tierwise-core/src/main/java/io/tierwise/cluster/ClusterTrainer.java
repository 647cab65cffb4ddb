package io.tierwise.cluster;

import io.tierwise.TierwiseException;
import io.tierwise.metrics.Indicator;
import io.tierwise.metrics.IndicatorTable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.hipparchus.clustering.CentroidCluster;
import org.hipparchus.clustering.DoublePoint;
import org.hipparchus.clustering.KMeansPlusPlusClusterer;
import org.hipparchus.clustering.MultiKMeansPlusPlusClusterer;
import org.hipparchus.clustering.distance.EuclideanDistance;
import org.hipparchus.random.Well19937c;

/**
 * Fits a {@link ClusterModel}: transforms (log(1 + x) for features never negative, if asked) and
 * standardises the features on a seeded sample of at most {@code sampleSize} customers, then runs
 * k-means++ (Hipparchus, best of three seeded starts). With k = 0, each k in the range is fitted on
 * a smaller sample (10,000) and scored by the mean silhouette on 2,000 of them (silhouette is
 * O(n²)); the best k is then fitted on the full sample. Clusters are numbered by size in the
 * sample, largest first. Stateless; same data and options, same model.
 */
public final class ClusterTrainer {
  static final int SEARCH_SAMPLE = 10_000;
  static final int SILHOUETTE_SAMPLE = 2_000;
  private static final int MAX_ITERATIONS = 100;
  private static final int MIN_PER_CLUSTER = 5;
  private static final int TRIALS = 3;

  private ClusterTrainer() {}

  public static ClusterModel fit(IndicatorTable table, ClusterOptions options) {
    int[] rows = sample(table.size(), options.sampleSize(), options.seed());
    int smallestK = Math.max(options.k(), options.minK());
    if (rows.length < smallestK * MIN_PER_CLUSTER) {
      throw TierwiseException.invalidInput(
          "too few customers to cluster: "
              + rows.length
              + " for k = "
              + smallestK
              + " (at least "
              + MIN_PER_CLUSTER
              + " per cluster)");
    }
    List<Indicator> features = options.features();
    int width = features.size();
    boolean[] logged = new boolean[width];
    double[] means = new double[width];
    double[] scales = new double[width];
    for (int f = 0; f < width; f++) {
      double[] column = table.column(features.get(f));
      boolean nonNegative = true;
      for (int row : rows) {
        nonNegative &= Double.isNaN(column[row]) || column[row] >= 0;
      }
      logged[f] = options.logScale() && nonNegative;
      double sum = 0;
      double squares = 0;
      int known = 0;
      for (int row : rows) {
        if (!Double.isNaN(column[row])) {
          double t = logged[f] ? Math.log1p(column[row]) : column[row];
          sum += t;
          squares += t * t;
          known++;
        }
      }
      means[f] = known == 0 ? 0 : sum / known;
      double variance = known == 0 ? 0 : squares / known - means[f] * means[f];
      scales[f] = variance > 1e-18 ? Math.sqrt(variance) : 1.0;
    }
    ClusterModel scaler =
        new ClusterModel(features, logged, means, scales, new double[1][width], Map.of(), 0);
    double[][] points = new double[rows.length][];
    for (int i = 0; i < rows.length; i++) {
      double[] values = new double[width];
      for (int f = 0; f < width; f++) {
        values[f] = table.value(features.get(f), rows[i]);
      }
      points[i] = scaler.standardise(values);
    }

    int k = options.k();
    Map<Integer, Double> silhouettes = new LinkedHashMap<>();
    if (k == 0) {
      double[][] search = Arrays.copyOf(points, Math.min(points.length, SEARCH_SAMPLE));
      double[][] scored = Arrays.copyOf(search, Math.min(search.length, SILHOUETTE_SAMPLE));
      double best = Double.NEGATIVE_INFINITY;
      // Try no k that would leave fewer than MIN_PER_CLUSTER points per cluster.
      int largestK =
          Math.max(options.minK(), Math.min(options.maxK(), search.length / MIN_PER_CLUSTER));
      // Each candidate is fitted with its own seeded generator, so they run side by side; the
      // best is then picked in order, as one after the other would.
      int minK = options.minK();
      double[] scores =
          IntStream.rangeClosed(minK, largestK)
              .parallel()
              .mapToDouble(
                  candidate -> silhouette(scored, kMeans(search, candidate, options.seed())))
              .toArray();
      for (int candidate = minK; candidate <= largestK; candidate++) {
        double silhouette = scores[candidate - minK];
        silhouettes.put(candidate, Math.round(silhouette * 10_000) / 10_000.0);
        if (silhouette > best + 1e-12) {
          best = silhouette;
          k = candidate;
        }
      }
    }
    double[][] centroids = kMeans(points, k, options.seed());
    return new ClusterModel(
        features, logged, means, scales, centroids, silhouettes, options.seed());
  }

  /** k-means++ centroids, numbered by cluster size (largest first), ties by coordinates. */
  static double[][] kMeans(double[][] points, int k, long seed) {
    List<DoublePoint> data = new ArrayList<>(points.length);
    for (double[] point : points) {
      data.add(new DoublePoint(point));
    }
    KMeansPlusPlusClusterer<DoublePoint> single =
        new KMeansPlusPlusClusterer<>(
            k, MAX_ITERATIONS, new EuclideanDistance(), new Well19937c(seed));
    List<CentroidCluster<DoublePoint>> clusters =
        new MultiKMeansPlusPlusClusterer<>(single, TRIALS).cluster(data);
    List<CentroidCluster<DoublePoint>> ordered = new ArrayList<>(clusters);
    ordered.sort(
        Comparator.comparingInt((CentroidCluster<DoublePoint> c) -> -c.getPoints().size())
            .thenComparing(c -> Arrays.toString(c.getCenter().getPoint())));
    double[][] centroids = new double[ordered.size()][];
    for (int c = 0; c < centroids.length; c++) {
      centroids[c] = ordered.get(c).getCenter().getPoint().clone();
    }
    return centroids;
  }

  /** Mean silhouette of points assigned to their nearest centroid; 0 for a singleton. */
  static double silhouette(double[][] points, double[][] centroids) {
    int n = points.length;
    int k = centroids.length;
    int[] cluster = new int[n];
    int[] sizes = new int[k];
    for (int i = 0; i < n; i++) {
      int best = 0;
      for (int c = 1; c < k; c++) {
        if (ClusterModel.squared(points[i], centroids[c])
            < ClusterModel.squared(points[i], centroids[best])) {
          best = c;
        }
      }
      cluster[i] = best;
      sizes[best]++;
    }
    double total = 0;
    for (int i = 0; i < n; i++) {
      double[] sums = new double[k];
      for (int j = 0; j < n; j++) {
        if (j != i) {
          sums[cluster[j]] += Math.sqrt(ClusterModel.squared(points[i], points[j]));
        }
      }
      int own = cluster[i];
      if (sizes[own] <= 1) {
        continue;
      }
      double a = sums[own] / (sizes[own] - 1);
      double b = Double.POSITIVE_INFINITY;
      for (int c = 0; c < k; c++) {
        if (c != own && sizes[c] > 0) {
          b = Math.min(b, sums[c] / sizes[c]);
        }
      }
      if (Double.isFinite(b)) {
        total += (b - a) / Math.max(a, b);
      }
    }
    return n == 0 ? 0 : total / n;
  }

  /** A seeded random sample of row numbers, in a seeded random order. */
  static int[] sample(int size, int max, long seed) {
    int[] rows = new int[size];
    for (int i = 0; i < size; i++) {
      rows[i] = i;
    }
    Random random = new Random(seed);
    for (int i = size - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int swap = rows[i];
      rows[i] = rows[j];
      rows[j] = swap;
    }
    return Arrays.copyOf(rows, Math.min(size, max));
  }
}
