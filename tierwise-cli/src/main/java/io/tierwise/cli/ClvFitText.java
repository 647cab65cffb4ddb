package io.tierwise.cli;

import io.tierwise.clv.CalibrationWindow;
import io.tierwise.clv.ClvModelFile;
import io.tierwise.clv.FitDiagnostics;
import io.tierwise.clv.HoldoutReport;
import io.tierwise.clv.ModelFit;
import io.tierwise.clv.ParameterEstimate;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;

/** The text report of {@code clv fit}. */
final class ClvFitText {
  private ClvFitText() {}

  static String render(ClvFitResult result, Path rejectsFile) {
    StringBuilder text = new StringBuilder();
    CalibrationWindow window = result.window();
    ClvStatistics statistics = result.statistics();
    line(
        text,
        "CLV fit: calibration to %s, time unit %s; %,d customers in the cohort (%,d read, %,d"
            + " first bought later, %,d never bought); %,d rows rejected (%s)",
        LocalDate.ofEpochDay(window.calibrationEndDay()),
        ClvModelFile.unitName(window.unit()),
        statistics.stats().customers(),
        statistics.customersRead(),
        statistics.afterCalibration(),
        statistics.withoutPurchases(),
        result.rejectedRows(),
        rejectsFile);
    text.append('\n');
    fit(text, title(result.purchaseFit()), result.purchaseFit());
    text.append('\n');
    fit(text, title(result.spendFit()) + " on repeat customers", result.spendFit());
    line(
        text,
        "  spend-frequency correlation (Pearson, x vs mean repeat value): %.3f",
        result.spendFrequencyCorrelation());
    result
        .holdout()
        .ifPresent(
            holdout -> {
              text.append('\n');
              holdout(text, window, holdout, statistics.countOrders() ? "orders" : "purchase days");
            });
    text.append('\n');
    line(
        text,
        result.trustworthy()
            ? "Both fits are trustworthy (converged, interior, positive definite Hessian)."
            : "NOT TRUSTWORTHY: see the warnings above; the models are not used.");
    return text.toString();
  }

  private static String title(ModelFit<?> fit) {
    return switch (fit.kind()) {
      case BG_NBD -> "BG/NBD (Fader, Hardie & Lee 2005)";
      case PARETO_NBD -> "Pareto/NBD (Schmittlein, Morrison & Colombo 1987)";
      case GAMMA_GAMMA -> "Gamma-Gamma spend model";
    };
  }

  private static void fit(StringBuilder text, String title, ModelFit<?> fit) {
    FitDiagnostics diagnostics = fit.diagnostics();
    line(
        text,
        "%s: %,d customers, %,d distinct rows",
        title,
        diagnostics.customers(),
        diagnostics.rows());
    line(
        text,
        "  log-likelihood %.2f; converged: %s; %s, %d evaluations",
        diagnostics.logLikelihood(),
        diagnostics.converged() ? "yes" : "NO",
        diagnostics.optimizer(),
        diagnostics.evaluations());
    line(text, "  %-8s %12s %12s   %s", "param", "estimate", "std. error", "95 % interval");
    for (ParameterEstimate estimate : diagnostics.parameters()) {
      line(
          text,
          "  %-8s %12.4f %12s   %s%s",
          estimate.name(),
          estimate.value(),
          Double.isFinite(estimate.standardError())
              ? String.format(Locale.ROOT, "%.4f", estimate.standardError())
              : "-",
          Double.isFinite(estimate.lower95())
              ? String.format(Locale.ROOT, "[%.4f, %.4f]", estimate.lower95(), estimate.upper95())
              : "-",
          estimate.atBound() ? "   AT BOUND" : "");
    }
    for (String warning : diagnostics.warnings()) {
      line(text, "  warning: %s", warning);
    }
  }

  private static void holdout(
      StringBuilder text, CalibrationWindow window, HoldoutReport holdout, String purchases) {
    line(
        text,
        "Holdout %s..%s (%.2f %s): repeat " + purchases + " per customer, by calibration x",
        LocalDate.ofEpochDay(window.calibrationEndDay() + 1L),
        LocalDate.ofEpochDay(window.holdoutEndDay()),
        holdout.holdoutLength(),
        ClvModelFile.unitName(window.unit()));
    line(text, "  %-4s %10s %10s %10s", "x", "customers", "actual", "predicted");
    for (HoldoutReport.Group group : holdout.groups()) {
      line(
          text,
          "  %-4s %,10d %10.3f %10.3f",
          group.repeatPurchases(),
          group.customers(),
          group.actualMean(),
          group.predictedMean());
    }
    line(
        text,
        "  total: actual %,.0f, predicted %,.1f (%+.1f %%); mean absolute error per group %.3f",
        holdout.actualTotal(),
        holdout.predictedTotal(),
        holdout.totalPercentError(),
        holdout.meanAbsoluteError());
  }

  private static void line(StringBuilder text, String format, Object... arguments) {
    text.append(String.format(Locale.ROOT, format, arguments)).append('\n');
  }
}
