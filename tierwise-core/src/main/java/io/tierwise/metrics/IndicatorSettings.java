package io.tierwise.metrics;

import java.util.Objects;

/**
 * What the indicator function needs besides a customer's history.
 *
 * @param windows look-back windows
 * @param strategicScoreColumn customer attribute holding the strategic score ("" for none)
 * @param expertScoreColumn customer attribute holding the expert score ("" for none)
 */
public record IndicatorSettings(
    IndicatorWindows windows, String strategicScoreColumn, String expertScoreColumn) {

  public static final IndicatorSettings DEFAULT =
      new IndicatorSettings(IndicatorWindows.DEFAULT, "strategic_score", "expert_score");

  public IndicatorSettings {
    Objects.requireNonNull(windows, "windows");
    Objects.requireNonNull(strategicScoreColumn, "strategicScoreColumn");
    Objects.requireNonNull(expertScoreColumn, "expertScoreColumn");
  }
}
