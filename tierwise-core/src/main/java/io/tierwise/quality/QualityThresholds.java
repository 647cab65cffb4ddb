package io.tierwise.quality;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.tierwise.TierwiseException;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Limits that make a data quality check fail. All optional; none set means the report only informs.
 * Field keys are {@code source.field}, e.g. {@code orders.customer_id}.
 *
 * @param maxRejectShare the largest share of a source's rows that may be rejected
 * @param maxDuplicateShare the largest share of a source's rows that may be exact duplicates
 * @param maxAgeDays the oldest the newest record of each source may be at the as-of date
 * @param minCoverage per field, the least share of rows that must have a value
 * @param minAccuracy per field, the least share of present values that must be valid
 */
public record QualityThresholds(
    OptionalDouble maxRejectShare,
    OptionalDouble maxDuplicateShare,
    OptionalDouble maxAgeDays,
    Map<String, Double> minCoverage,
    Map<String, Double> minAccuracy) {

  public static final QualityThresholds NONE =
      new QualityThresholds(
          OptionalDouble.empty(),
          OptionalDouble.empty(),
          OptionalDouble.empty(),
          Map.of(),
          Map.of());

  private static final Set<String> KEYS =
      Set.of(
          "max_reject_share",
          "max_duplicate_share",
          "max_age_days",
          "min_coverage",
          "min_accuracy");

  public QualityThresholds {
    minCoverage = Map.copyOf(minCoverage);
    minAccuracy = Map.copyOf(minAccuracy);
  }

  public boolean isEmpty() {
    return maxRejectShare.isEmpty()
        && maxDuplicateShare.isEmpty()
        && maxAgeDays.isEmpty()
        && minCoverage.isEmpty()
        && minAccuracy.isEmpty();
  }

  /** Reads the {@code quality} block of a mapping file, if it has one. */
  public static QualityThresholds fromMappingFile(Path file) {
    JsonNode root = read(file);
    JsonNode quality = root == null ? null : root.get("quality");
    return quality == null ? NONE : parse(quality, file + ": quality");
  }

  /** Reads a file whose top level is the thresholds (or has a {@code quality} block). */
  public static QualityThresholds load(Path file) {
    JsonNode root = read(file);
    if (root == null || !root.isObject()) {
      throw TierwiseException.invalidConfig(file + ": expected a YAML map of quality thresholds");
    }
    JsonNode quality = root.has("quality") ? root.get("quality") : root;
    return parse(quality, file + ": quality");
  }

  private static JsonNode read(Path file) {
    try {
      return new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
    } catch (NoSuchFileException e) {
      throw TierwiseException.invalidInput("file not found: " + file);
    } catch (IOException e) {
      if (!file.toFile().exists()) {
        throw TierwiseException.invalidInput("file not found: " + file);
      }
      throw TierwiseException.invalidConfig(file + ": not valid YAML: " + e.getMessage());
    }
  }

  static QualityThresholds parse(JsonNode node, String key) {
    if (!node.isObject()) {
      throw TierwiseException.invalidConfig(key + ": expected a map of thresholds");
    }
    Iterator<String> names = node.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (name.equals("sources") || name.equals("version") || name.equals("timezone")) {
        continue;
      }
      if (!KEYS.contains(name)) {
        throw TierwiseException.invalidConfig(
            key
                + "."
                + name
                + ": unknown threshold; expected one of "
                + String.join(", ", KEYS.stream().sorted().toList()));
      }
    }
    return new QualityThresholds(
        share(node.get("max_reject_share"), key + ".max_reject_share"),
        share(node.get("max_duplicate_share"), key + ".max_duplicate_share"),
        days(node.get("max_age_days"), key + ".max_age_days"),
        shares(node.get("min_coverage"), key + ".min_coverage"),
        shares(node.get("min_accuracy"), key + ".min_accuracy"));
  }

  private static OptionalDouble share(JsonNode node, String key) {
    if (node == null) {
      return OptionalDouble.empty();
    }
    if (!node.isNumber() || node.asDouble() < 0 || node.asDouble() > 1) {
      throw TierwiseException.invalidConfig(
          key + ": expected a share between 0 and 1, got " + node);
    }
    return OptionalDouble.of(node.asDouble());
  }

  private static OptionalDouble days(JsonNode node, String key) {
    if (node == null) {
      return OptionalDouble.empty();
    }
    if (!node.isNumber() || node.asDouble() < 0) {
      throw TierwiseException.invalidConfig(key + ": expected a number of days >= 0, got " + node);
    }
    return OptionalDouble.of(node.asDouble());
  }

  private static Map<String, Double> shares(JsonNode node, String key) {
    Map<String, Double> values = new LinkedHashMap<>();
    if (node == null) {
      return values;
    }
    if (!node.isObject()) {
      throw TierwiseException.invalidConfig(
          key + ": expected a map such as {orders.customer_id: 0.9}");
    }
    node.properties()
        .forEach(
            entry -> {
              if (!entry.getKey().contains(".")) {
                throw TierwiseException.invalidConfig(
                    key
                        + "."
                        + entry.getKey()
                        + ": expected source.field, e.g. orders.customer_id");
              }
              values.put(
                  entry.getKey(),
                  share(entry.getValue(), key + "." + entry.getKey()).orElseThrow());
            });
    return values;
  }

  Optional<Double> coverageFor(String source, String field) {
    return Optional.ofNullable(minCoverage.get(source + "." + field));
  }

  Optional<Double> accuracyFor(String source, String field) {
    return Optional.ofNullable(minAccuracy.get(source + "." + field));
  }
}
