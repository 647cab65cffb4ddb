package io.tierwise.churn;

import io.tierwise.TierwiseException;
import java.util.Arrays;
import java.util.Locale;

/** The learning algorithm behind a churn model. */
public enum ChurnModelKind {
  /** L2-regularised logistic regression on standardised features (Newton's method). */
  LOGISTIC("logistic"),
  /** Gradient-boosted trees (XGBoost), log-loss objective. */
  GBT("gbt");

  private final String id;

  ChurnModelKind(String id) {
    this.id = id;
  }

  /** The name used on the command line and in model files. */
  public String id() {
    return id;
  }

  public static ChurnModelKind parse(String text) {
    String wanted = text.trim().toLowerCase(Locale.ROOT);
    return Arrays.stream(values())
        .filter(kind -> kind.id.equals(wanted))
        .findFirst()
        .orElseThrow(
            () ->
                TierwiseException.invalidConfig(
                    "unknown churn model '" + text + "'; expected logistic or gbt"));
  }
}
