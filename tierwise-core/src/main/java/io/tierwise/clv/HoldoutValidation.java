package io.tierwise.clv;

import io.tierwise.TierwiseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Calibration/holdout validation of a purchase model: predicted E[Y(t*) | x, t_x, T] against the
 * purchases actually made in the holdout period of length t*, per calibration frequency group x =
 * 0, 1, ..., {@value #LAST_GROUP}+ and in total (as in Figure 4 of FHL 2005).
 */
public final class HoldoutValidation {
  /** The last frequency group collects all customers with x at or above it. */
  public static final int LAST_GROUP = 7;

  private HoldoutValidation() {}

  public static HoldoutReport validate(PurchaseModel model, CompressedStats stats) {
    double length = stats.holdoutLength();
    if (!(length > 0)) {
      throw TierwiseException.invalidInput(
          "holdout validation needs statistics built with a holdout period; build the window with"
              + " CalibrationWindow.of(calibrationEnd, holdoutEnd, unit)");
    }
    long[] customers = new long[LAST_GROUP + 1];
    double[] actual = new double[LAST_GROUP + 1];
    double[] predicted = new double[LAST_GROUP + 1];
    for (int row = 0; row < stats.purchaseRows(); row++) {
      int group = Math.min(stats.repeatPurchases(row), LAST_GROUP);
      customers[group] += stats.weight(row);
      actual[group] += stats.holdoutPurchases(row);
      predicted[group] +=
          stats.weight(row)
              * model.conditionalExpectedPurchases(
                  length, stats.repeatPurchases(row), stats.recency(row), stats.age(row));
    }
    List<HoldoutReport.Group> groups = new ArrayList<>();
    double absoluteError = 0;
    int nonEmpty = 0;
    double totalActual = 0;
    double totalPredicted = 0;
    for (int g = 0; g <= LAST_GROUP; g++) {
      totalActual += actual[g];
      totalPredicted += predicted[g];
      if (customers[g] == 0) {
        continue;
      }
      var group =
          new HoldoutReport.Group(
              g == LAST_GROUP ? LAST_GROUP + "+" : Integer.toString(g),
              customers[g],
              actual[g] / customers[g],
              predicted[g] / customers[g],
              actual[g],
              predicted[g]);
      groups.add(group);
      absoluteError += Math.abs(group.actualMean() - group.predictedMean());
      nonEmpty++;
    }
    return new HoldoutReport(
        model.kind().externalName(),
        length,
        stats.customers(),
        groups,
        totalActual,
        totalPredicted,
        absoluteError / nonEmpty,
        totalActual == 0 ? Double.NaN : 100 * (totalPredicted - totalActual) / totalActual);
  }
}
