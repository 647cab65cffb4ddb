package io.tierwise.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tierwise.churn.ChurnEvaluation;
import io.tierwise.churn.ChurnModel;
import io.tierwise.churn.ConfusionMatrix;
import io.tierwise.churn.DecileRow;
import io.tierwise.churn.DroppedColumn;
import io.tierwise.churn.TrainingProvenance;
import java.nio.file.Path;
import java.util.Locale;

/** Renders a trained churn model's validation report, as text or as one snake_case JSON object. */
final class ChurnReport {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private ChurnReport() {}

  static String json(ChurnModel model, Path modelFile) {
    ChurnEvaluation evaluation = model.evaluation();
    TrainingProvenance provenance = model.provenance();
    ObjectNode root = MAPPER.createObjectNode();
    root.put("model", model.kind().id());
    root.put("model_file", modelFile.toString());
    root.put("label_column", model.labelColumn());
    root.put("positive_value", model.labelMapping().positive());
    root.put("evaluated_on", "test split");
    root.put("customers", evaluation.customers());
    root.put("positives", evaluation.positives());
    root.put("auc", evaluation.auc());
    root.put("auc_pr", evaluation.aucPr());
    root.put("brier", evaluation.brier());
    root.put("threshold", evaluation.threshold());
    root.put("threshold_rule", "maximises F1 on the validation split");
    root.put("mean_predicted", evaluation.meanPredicted());
    root.put("observed_rate", evaluation.observedRate());
    ConfusionMatrix confusion = evaluation.confusion();
    ObjectNode matrix = root.putObject("confusion");
    matrix.put("true_positives", confusion.truePositives());
    matrix.put("false_positives", confusion.falsePositives());
    matrix.put("true_negatives", confusion.trueNegatives());
    matrix.put("false_negatives", confusion.falseNegatives());
    matrix.put("precision", confusion.precision());
    matrix.put("recall", confusion.recall());
    matrix.put("f1", confusion.f1());
    ArrayNode deciles = root.putArray("deciles");
    ArrayNode calibration = root.putArray("calibration");
    for (DecileRow row : evaluation.deciles()) {
      ObjectNode decile = deciles.addObject();
      decile.put("decile", row.decile());
      decile.put("customers", row.customers());
      decile.put("positives", row.positives());
      decile.put("observed_rate", row.observedRate());
      decile.put("lift", row.lift());
      decile.put("cumulative_capture", row.cumulativeCapture());
      ObjectNode calibrated = calibration.addObject();
      calibrated.put("decile", row.decile());
      calibrated.put("mean_predicted", row.meanPredicted());
      calibrated.put("observed_rate", row.observedRate());
    }
    ObjectNode split = root.putObject("split");
    split.put("method", provenance.splitMethod());
    split.put("seed", provenance.seed());
    split.put("train", provenance.trainRows());
    split.put("validation", provenance.validationRows());
    split.put("test", provenance.testRows());
    ObjectNode input = root.putObject("input");
    input.put("sha256", provenance.inputSha256());
    input.put("rows", provenance.inputRows());
    input.put("labelled_rows", provenance.labelledRows());
    ArrayNode dropped = root.putArray("dropped_columns");
    for (DroppedColumn column : model.droppedColumns()) {
      dropped.addObject().put("name", column.name()).put("reason", column.reason());
    }
    root.put("trained_at", provenance.trainedAt());
    root.put("tool_version", provenance.toolVersion());
    try {
      return MAPPER.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree of plain JSON nodes always serialises", e);
    }
  }

  static String text(ChurnModel model, Path modelFile) {
    ChurnEvaluation evaluation = model.evaluation();
    TrainingProvenance provenance = model.provenance();
    ConfusionMatrix confusion = evaluation.confusion();
    StringBuilder text = new StringBuilder();
    line(
        text,
        "Churn model: %s, label %s = '%s' (saved to %s)",
        model.kind().id(),
        model.labelColumn(),
        model.labelMapping().positive(),
        modelFile);
    line(
        text,
        "Split: %s, seed %d: %d train / %d validation / %d test",
        provenance.splitMethod(),
        provenance.seed(),
        provenance.trainRows(),
        provenance.validationRows(),
        provenance.testRows());
    line(
        text,
        "Test split: %d customers, %d churned (%.1f%%)",
        evaluation.customers(),
        evaluation.positives(),
        100 * evaluation.observedRate());
    line(
        text,
        "AUC-ROC %.4f   AUC-PR %.4f   Brier %.4f",
        evaluation.auc(),
        evaluation.aucPr(),
        evaluation.brier());
    line(
        text,
        "Calibration: mean predicted %.1f%% vs observed %.1f%%",
        100 * evaluation.meanPredicted(),
        100 * evaluation.observedRate());
    line(
        text,
        "Threshold %.3f (maximises F1 on the validation split): precision %.3f, recall"
            + " %.3f, F1 %.3f",
        evaluation.threshold(),
        confusion.precision(),
        confusion.recall(),
        confusion.f1());
    line(
        text,
        "  flagged & churned %5d   flagged & stayed %5d",
        confusion.truePositives(),
        confusion.falsePositives());
    line(
        text,
        "  missed churners  %5d   correctly clear  %5d",
        confusion.falseNegatives(),
        confusion.trueNegatives());
    line(text, "");
    line(
        text,
        "%-6s %9s %9s %10s %9s %6s %8s",
        "decile",
        "customers",
        "churned",
        "predicted",
        "observed",
        "lift",
        "capture");
    for (DecileRow row : evaluation.deciles()) {
      line(
          text,
          "%-6d %9d %9d %9.1f%% %8.1f%% %6.2f %7.1f%%",
          row.decile(),
          row.customers(),
          row.positives(),
          100 * row.meanPredicted(),
          100 * row.observedRate(),
          row.lift(),
          100 * row.cumulativeCapture());
    }
    for (DroppedColumn column : model.droppedColumns()) {
      line(text, "Left out column %s: %s", column.name(), column.reason());
    }
    return text.toString();
  }

  private static void line(StringBuilder text, String format, Object... arguments) {
    text.append(String.format(Locale.ROOT, format, arguments)).append('\n');
  }
}
