package io.tierwise.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tierwise.TierwiseException;
import io.tierwise.metrics.Indicator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fitted k-means segments: per feature the transform (log or not), mean and scale, the centroids in
 * standardised units, and each cluster's profile. Immutable and thread-safe; {@link #assign} is a
 * pure function of one customer's indicators.
 */
public final class ClusterModel {
  static final String FORMAT = "tierwise-cluster-model";
  static final int FORMAT_VERSION = 1;
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final List<Indicator> features;
  private final boolean[] logged;
  private final double[] means;
  private final double[] scales;
  private final double[][] centroids;
  private final List<ClusterProfile> profiles;
  private final Map<Integer, Double> silhouettes;
  private final long seed;

  ClusterModel(
      List<Indicator> features,
      boolean[] logged,
      double[] means,
      double[] scales,
      double[][] centroids,
      Map<Integer, Double> silhouettes,
      long seed) {
    this.features = List.copyOf(features);
    this.logged = logged.clone();
    this.means = means.clone();
    this.scales = scales.clone();
    this.centroids = new double[centroids.length][];
    for (int c = 0; c < centroids.length; c++) {
      this.centroids[c] = centroids[c].clone();
    }
    this.silhouettes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(silhouettes));
    this.seed = seed;
    this.profiles = List.copyOf(buildProfiles());
  }

  public List<Indicator> features() {
    return features;
  }

  public int k() {
    return centroids.length;
  }

  public List<ClusterProfile> profiles() {
    return profiles;
  }

  /** Mean silhouette per k tried (empty when k was given). */
  public Map<Integer, Double> silhouettes() {
    return silhouettes;
  }

  public long seed() {
    return seed;
  }

  /** The customer's features standardised as the model does (missing → 0, the mean). */
  public double[] standardise(double[] values) {
    double[] z = new double[features.size()];
    for (int f = 0; f < z.length; f++) {
      double x = values[f];
      if (Double.isNaN(x)) {
        z[f] = 0;
        continue;
      }
      double t = logged[f] ? Math.log1p(Math.max(0, x)) : x;
      z[f] = (t - means[f]) / scales[f];
    }
    return z;
  }

  /** The nearest centroid to a customer's features (in {@link #features()} order). */
  public int assign(double[] values) {
    return nearest(standardise(values));
  }

  /** Squared distances from standardised features to every centroid. */
  public double[] distances(double[] values) {
    double[] z = standardise(values);
    double[] distances = new double[centroids.length];
    for (int c = 0; c < centroids.length; c++) {
      distances[c] = squared(z, centroids[c]);
    }
    return distances;
  }

  int nearest(double[] z) {
    int best = 0;
    double bestDistance = Double.POSITIVE_INFINITY;
    for (int c = 0; c < centroids.length; c++) {
      double distance = squared(z, centroids[c]);
      if (distance < bestDistance) {
        bestDistance = distance;
        best = c;
      }
    }
    return best;
  }

  static double squared(double[] a, double[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      double d = a[i] - b[i];
      sum += d * d;
    }
    return sum;
  }

  /** A centroid in standardised units. */
  public double[] centroid(int cluster) {
    return centroids[cluster].clone();
  }

  private List<ClusterProfile> buildProfiles() {
    List<String> names = new ArrayList<>();
    List<ClusterProfile> built = new ArrayList<>();
    for (int c = 0; c < centroids.length; c++) {
      Integer[] order = new Integer[features.size()];
      for (int f = 0; f < order.length; f++) {
        order[f] = f;
      }
      double[] centroid = centroids[c];
      java.util.Arrays.sort(
          order, (a, b) -> Double.compare(Math.abs(centroid[b]), Math.abs(centroid[a])));
      List<String> traits = new ArrayList<>();
      for (int f : order) {
        if (Math.abs(centroid[f]) >= 0.5) {
          traits.add(
              (centroid[f] > 0 ? "high " : "low ")
                  + features.get(f).key()
                  + String.format(java.util.Locale.ROOT, " (%+.2f sd)", centroid[f]));
        }
      }
      String name = "";
      int used = 0;
      for (int t = 0; t < traits.size() && (used < 2 || names.contains(name)); t++) {
        String trait = traits.get(t).substring(0, traits.get(t).indexOf(" ("));
        name = name.isEmpty() ? trait : name + " · " + trait;
        used++;
      }
      if (name.isEmpty()) {
        name = "average";
      }
      String unique = name;
      for (int n = 2; names.contains(unique); n++) {
        unique = name + " #" + n;
      }
      names.add(unique);
      Map<String, Double> original = new LinkedHashMap<>();
      for (int f = 0; f < features.size(); f++) {
        double t = centroid[f] * scales[f] + means[f];
        double x = logged[f] ? Math.expm1(t) : t;
        original.put(features.get(f).key(), features.get(f).round(x));
      }
      built.add(new ClusterProfile(c, unique, traits, original));
    }
    return built;
  }

  /** Writes the model as versioned JSON. */
  public void save(Path file) {
    ObjectNode root = JSON.createObjectNode();
    root.put("format", FORMAT);
    root.put("format_version", FORMAT_VERSION);
    root.put("seed", seed);
    ArrayNode featureArray = root.putArray("features");
    for (int f = 0; f < features.size(); f++) {
      featureArray
          .addObject()
          .put("indicator", features.get(f).key())
          .put("log_scale", logged[f])
          .put("mean", means[f])
          .put("scale", scales[f]);
    }
    ArrayNode centroidArray = root.putArray("centroids");
    for (double[] centroid : centroids) {
      ArrayNode row = centroidArray.addArray();
      for (double value : centroid) {
        row.add(value);
      }
    }
    ObjectNode silhouetteNode = root.putObject("silhouettes");
    silhouettes.forEach((k, s) -> silhouetteNode.put(String.valueOf(k), s));
    try {
      Files.writeString(file, JSON.writeValueAsString(root) + "\n");
    } catch (IOException e) {
      throw TierwiseException.storage("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  /** Reads a file written by {@link #save}. */
  public static ClusterModel load(Path file) {
    try {
      return read(file);
    } catch (TierwiseException e) {
      throw e;
    } catch (RuntimeException e) {
      throw TierwiseException.invalidInput(
          "cluster model file " + file + " is damaged (" + e + "); run again to write it", e);
    }
  }

  private static ClusterModel read(Path file) {
    JsonNode root;
    try {
      root = JSON.readTree(Files.readAllBytes(file));
    } catch (NoSuchFileException e) {
      throw TierwiseException.invalidInput("cluster model file not found: " + file);
    } catch (IOException e) {
      throw TierwiseException.invalidInput("cannot read " + file + ": " + e.getMessage(), e);
    }
    if (!FORMAT.equals(root.path("format").asText())
        || root.path("format_version").asInt() < 1
        || root.path("format_version").asInt() > FORMAT_VERSION) {
      throw TierwiseException.invalidInput(
          file + " is not a Tierwise cluster model of format version 1 to " + FORMAT_VERSION);
    }
    JsonNode featureArray = root.path("features");
    int count = featureArray.size();
    List<Indicator> features = new ArrayList<>();
    boolean[] logged = new boolean[count];
    double[] means = new double[count];
    double[] scales = new double[count];
    for (int f = 0; f < count; f++) {
      JsonNode node = featureArray.get(f);
      String key = node.path("indicator").asText();
      features.add(
          Indicator.fromKey(key)
              .orElseThrow(
                  () ->
                      TierwiseException.invalidInput(
                          file + ": unknown indicator '" + key + "' in the cluster model")));
      logged[f] = node.path("log_scale").asBoolean();
      means[f] = node.path("mean").asDouble();
      scales[f] = node.path("scale").asDouble();
    }
    JsonNode centroidArray = root.path("centroids");
    double[][] centroids = new double[centroidArray.size()][count];
    for (int c = 0; c < centroids.length; c++) {
      for (int f = 0; f < count; f++) {
        centroids[c][f] = centroidArray.get(c).get(f).asDouble();
      }
    }
    Map<Integer, Double> silhouettes = new LinkedHashMap<>();
    root.path("silhouettes")
        .properties()
        .forEach(
            entry ->
                silhouettes.put(Integer.parseInt(entry.getKey()), entry.getValue().asDouble()));
    return new ClusterModel(
        features, logged, means, scales, centroids, silhouettes, root.path("seed").asLong());
  }
}
