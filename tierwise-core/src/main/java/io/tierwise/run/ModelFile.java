package io.tierwise.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tierwise.TierwiseException;
import io.tierwise.classify.AbcModel;
import io.tierwise.classify.ClassificationModel;
import io.tierwise.classify.RfmModel;
import io.tierwise.metrics.Indicator;
import io.tierwise.metrics.PercentileScale;
import io.tierwise.policy.TieringPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code model.json}: the fitted parts of a run (ABC thresholds, RFM cut points, percentile
 * scales), so that explain can re-apply them. Format version 1; snake_case keys.
 */
final class ModelFile {
  static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  static final String NAME = "model.json";

  private ModelFile() {}

  static ObjectNode toJson(ClassificationModel model) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("format_version", 1);
    AbcModel abc = model.abc();
    ObjectNode abcNode = root.putObject("abc");
    abcNode.put("basis", abc.basis().key());
    abcNode.put("a_min", finite(abc.aMin()));
    abcNode.put("b_min", finite(abc.bMin()));
    abcNode.put("total", abc.total());
    ObjectNode rfm = root.putObject("rfm");
    for (RfmModel.Dimension dimension :
        new RfmModel.Dimension[] {
          model.rfm().recency(), model.rfm().frequency(), model.rfm().monetary()
        }) {
      ObjectNode node = rfm.putObject(dimension.indicator().key());
      ArrayNode cuts = node.putArray("cut_points");
      for (double cut : dimension.cutPoints()) {
        cuts.add(cut);
      }
      node.put("fixed", dimension.fixed());
      node.put("effective_bins", dimension.effectiveBins());
      node.put("largest_tie_share", dimension.largestTieShare());
      node.put("largest_tie_value", finite(dimension.largestTieValue()));
    }
    ObjectNode scales = root.putObject("percentile_scales");
    model
        .scales()
        .forEach(
            (indicator, scale) -> {
              ArrayNode grid = scales.putArray(indicator.key());
              for (double value : scale.grid()) {
                grid.add(value);
              }
            });
    return root;
  }

  private static double finite(double value) {
    return Double.isFinite(value) ? value : Double.MAX_VALUE;
  }

  private static double back(double value) {
    return value == Double.MAX_VALUE ? Double.POSITIVE_INFINITY : value;
  }

  static void write(ClassificationModel model, Path file) throws IOException {
    Files.writeString(file, MAPPER.writeValueAsString(toJson(model)) + "\n");
  }

  static ClassificationModel read(Path file, TieringPolicy policy) {
    try {
      return parse(file, policy);
    } catch (TierwiseException e) {
      throw e;
    } catch (RuntimeException e) {
      throw TierwiseException.invalidInput(
          "model file " + file + " is damaged (" + e + "); run again to write it", e);
    }
  }

  private static ClassificationModel parse(Path file, TieringPolicy policy) {
    JsonNode root;
    try {
      root = MAPPER.readTree(file.toFile());
    } catch (IOException e) {
      throw TierwiseException.invalidInput("cannot read " + file + ": " + e.getMessage());
    }
    if (root.path("format_version").asInt() != 1) {
      throw TierwiseException.invalidInput(file + ": unknown format_version; expected 1");
    }
    JsonNode abcNode = root.path("abc");
    AbcModel abc =
        new AbcModel(
            policy.abc().basis(),
            policy.abc().aShare(),
            policy.abc().bShare(),
            back(abcNode.path("a_min").asDouble()),
            back(abcNode.path("b_min").asDouble()),
            abcNode.path("total").asDouble());
    JsonNode rfm = root.path("rfm");
    RfmModel rfmModel =
        new RfmModel(
            policy.rfm().bins(),
            dimension(rfm, Indicator.RECENCY_DAYS),
            dimension(rfm, Indicator.FREQUENCY),
            dimension(rfm, Indicator.MONETARY),
            policy.rfm().segments());
    Map<Indicator, PercentileScale> scales = new LinkedHashMap<>();
    root.path("percentile_scales")
        .properties()
        .forEach(
            entry -> {
              double[] grid = new double[entry.getValue().size()];
              for (int i = 0; i < grid.length; i++) {
                grid[i] = entry.getValue().get(i).asDouble();
              }
              Indicator.fromKey(entry.getKey())
                  .ifPresent(indicator -> scales.put(indicator, PercentileScale.ofGrid(grid)));
            });
    return ClassificationModel.of(policy, abc, rfmModel, scales);
  }

  private static RfmModel.Dimension dimension(JsonNode rfm, Indicator indicator) {
    JsonNode node = rfm.path(indicator.key());
    double[] cuts = new double[node.path("cut_points").size()];
    for (int i = 0; i < cuts.length; i++) {
      cuts[i] = node.path("cut_points").get(i).asDouble();
    }
    return new RfmModel.Dimension(
        indicator,
        cuts,
        node.path("fixed").asBoolean(),
        node.path("effective_bins").asInt(),
        node.path("largest_tie_share").asDouble(),
        back(node.path("largest_tie_value").asDouble()));
  }
}
