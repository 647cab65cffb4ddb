package io.tierwise.clv;

import io.tierwise.TierwiseException;
import java.util.Objects;

/**
 * A fitted model with the diagnostics of its fit. The model is only safe to use when {@link
 * FitDiagnostics#trustworthy()}; {@link #requireTrustworthy()} enforces it.
 *
 * @param <M> the model record
 * @param kind which model
 * @param model the estimate (also present, for inspection, when the fit is not trustworthy)
 * @param diagnostics how the fit went
 */
public record ModelFit<M>(ModelKind kind, M model, FitDiagnostics diagnostics) {

  public ModelFit {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(diagnostics, "diagnostics");
  }

  /**
   * Returns the model if the fit is trustworthy.
   *
   * @throws TierwiseException (DATA_QUALITY) naming what went wrong and what to try
   */
  public M requireTrustworthy() {
    if (diagnostics.trustworthy()) {
      return model;
    }
    throw TierwiseException.dataQuality(
        "the "
            + kind.externalName()
            + " fit on "
            + diagnostics.customers()
            + " customers is not trustworthy: "
            + String.join("; ", diagnostics.warnings())
            + ". Check the input (enough customers with repeat purchases, a calibration period"
            + " long enough to see repeat buying) or try another model");
  }

  /** The JSON-ready report of this fit. */
  public FitReport report() {
    return FitReport.of(kind, diagnostics);
  }
}
