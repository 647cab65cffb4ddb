package io.tierwise.churn;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.tierwise.TierwiseException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

/**
 * The JSON form of a {@link ChurnModel}, snake_case. Format version 1:
 *
 * <pre>
 * format, format_version, model_kind, label_column, id_column, positive_value, negative_value,
 * columns[{name, type, categories, median, missing_indicator}], dropped_columns[{name, reason}],
 * feature_names, logistic{means, scales, coefficients, intercept} | boosted_trees{library,
 * model_base64}, calibration{slope, offset}, threshold, evaluation{...}, provenance{...}
 * </pre>
 *
 * <p>Compatibility rule: a newer Tierwise reads every older format version (unknown fields are
 * ignored, and a change of meaning gets a new version with a conversion here); a file with a newer
 * version than this build knows is refused with a message saying so.
 */
record ChurnModelFile(
    String format,
    int formatVersion,
    String modelKind,
    String labelColumn,
    String idColumn,
    String positiveValue,
    String negativeValue,
    List<ColumnSchema> columns,
    List<DroppedColumn> droppedColumns,
    List<String> featureNames,
    LogisticPart logistic,
    BoostedTreesPart boostedTrees,
    PlattScaling calibration,
    double threshold,
    ChurnEvaluation evaluation,
    TrainingProvenance provenance) {

  static final String FORMAT = "tierwise-churn-model";
  static final int FORMAT_VERSION = 1;

  static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .defaultPropertyInclusion(
              JsonInclude.Value.construct(
                  JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
          .enable(SerializationFeature.INDENT_OUTPUT)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();

  record LogisticPart(double[] means, double[] scales, double[] coefficients, double intercept) {}

  record BoostedTreesPart(String library, String modelBase64) {}

  static void write(ChurnModel model, Path file) {
    LogisticPart logistic = null;
    BoostedTreesPart trees = null;
    if (model.scorer() instanceof LogisticScorer scorer) {
      logistic =
          new LogisticPart(
              scorer.means(), scorer.scales(), scorer.coefficients(), scorer.intercept());
    } else if (model.scorer() instanceof BoostedTreesScorer scorer) {
      trees =
          new BoostedTreesPart(
              "xgboost4j 1.6.2", Base64.getEncoder().encodeToString(scorer.modelBytes()));
    }
    ChurnModelFile content =
        new ChurnModelFile(
            FORMAT,
            FORMAT_VERSION,
            model.kind().id(),
            model.labelColumn(),
            model.idColumn(),
            model.labelMapping().positive(),
            model.labelMapping().negative(),
            model.columns(),
            model.droppedColumns(),
            model.encoder().featureNames(),
            logistic,
            trees,
            model.calibration(),
            model.threshold(),
            model.evaluation(),
            model.provenance());
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      MAPPER.writeValue(file.toFile(), content);
    } catch (IOException e) {
      throw TierwiseException.storage("cannot write model file " + file + ": " + e, e);
    }
  }

  static ChurnModel read(Path file) {
    ChurnModelFile content;
    try {
      content = MAPPER.readValue(Files.readAllBytes(file), ChurnModelFile.class);
    } catch (NoSuchFileException e) {
      throw TierwiseException.invalidInput("model file not found: " + file);
    } catch (JacksonException e) {
      throw TierwiseException.invalidInput(
          "model file " + file + " is not a Tierwise churn model: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw TierwiseException.invalidInput("cannot read model file " + file + ": " + e, e);
    }
    try {
      return content.toModel(file);
    } catch (TierwiseException e) {
      throw e;
    } catch (RuntimeException e) {
      // A hand-edited or truncated file: missing parts, bad base64, wrong shapes.
      throw TierwiseException.invalidInput(
          "model file " + file + " is damaged (" + e + "); train the model again", e);
    }
  }

  private ChurnModel toModel(Path file) {
    if (!FORMAT.equals(format)) {
      throw TierwiseException.invalidInput(
          "model file " + file + " is not a Tierwise churn model (format '" + format + "')");
    }
    if (formatVersion < 1 || formatVersion > FORMAT_VERSION) {
      throw TierwiseException.invalidInput(
          "model file "
              + file
              + " has format version "
              + formatVersion
              + "; this Tierwise reads versions 1 to "
              + FORMAT_VERSION
              + ". Upgrade Tierwise or retrain the model");
    }
    ChurnModelKind kind = ChurnModelKind.parse(modelKind);
    ChurnScorer scorer =
        switch (kind) {
          case LOGISTIC -> {
            requirePart(logistic, "logistic", file);
            yield new LogisticScorer(
                logistic.means(), logistic.scales(), logistic.coefficients(), logistic.intercept());
          }
          case GBT -> {
            requirePart(boostedTrees, "boosted_trees", file);
            yield BoostedTreesScorer.fromBytes(
                Base64.getDecoder().decode(boostedTrees.modelBase64()));
          }
        };
    FeatureEncoder encoder = new FeatureEncoder(columns, droppedColumns);
    if (!encoder.featureNames().equals(featureNames)) {
      throw TierwiseException.invalidInput(
          "model file " + file + " is inconsistent: its columns do not give its feature names");
    }
    return new ChurnModel(
        kind,
        labelColumn,
        idColumn,
        new LabelMapping(positiveValue, negativeValue),
        encoder,
        scorer,
        calibration,
        threshold,
        evaluation,
        provenance);
  }

  private static void requirePart(Object part, String name, Path file) {
    if (part == null) {
      throw TierwiseException.invalidInput(
          "model file " + file + " has no '" + name + "' section for its model kind");
    }
  }
}
