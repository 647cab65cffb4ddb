package io.tierwise.run;

import io.tierwise.churn.ChurnModel;
import java.util.Objects;

/** Where a run's churn model comes from: trained on the data's own history, or a saved model. */
public sealed interface ChurnSource {

  /** Train on the customers' histories as the policy says (the default). */
  record TrainOnHistory() implements ChurnSource {}

  /**
   * Reuse a model saved by an earlier run ({@code OUT/churn-model.json}) without retraining. The
   * model's schema is checked here, before any data is read: a model trained on another schema (a
   * labelled table's columns) is refused with a message naming the columns that do not fit.
   *
   * @param model the loaded model
   * @param file where it was read from, for the summary
   */
  record Reuse(ChurnModel model, String file) implements ChurnSource {
    public Reuse {
      Objects.requireNonNull(model, "model");
      Objects.requireNonNull(file, "file");
      model.requireNumericColumns(
          java.util.Arrays.stream(io.tierwise.metrics.Indicator.values())
              .map(io.tierwise.metrics.Indicator::key)
              .toList(),
          "the indicators Tierwise computes (docs/indicators.md); model file " + file);
    }
  }

  static ChurnSource train() {
    return new TrainOnHistory();
  }
}
