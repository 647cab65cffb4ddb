package io.tierwise.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tierwise.clv.CalibrationWindow;
import io.tierwise.clv.ClvModelFile;
import io.tierwise.clv.CompressedStats;
import io.tierwise.clv.GammaGammaModel;
import io.tierwise.clv.GammaGammaTrainer;
import io.tierwise.clv.HoldoutReport;
import io.tierwise.clv.ModelFit;
import io.tierwise.clv.PurchaseModel;
import java.time.LocalDate;
import java.util.Optional;

/**
 * Everything {@code clv fit} reports: both fits, the holdout comparison and what went into them.
 *
 * @param window calibration end, holdout end and time unit
 * @param statistics the compressed statistics and the customers left out of them
 * @param purchaseFit the BG/NBD or Pareto/NBD fit
 * @param spendFit the Gamma-Gamma fit
 * @param holdout the holdout comparison, when a holdout was asked for and the purchase fit is
 *     trustworthy
 * @param rejectedRows rows ingest wrote to the rejects file
 */
record ClvFitResult(
    CalibrationWindow window,
    ClvStatistics statistics,
    ModelFit<? extends PurchaseModel> purchaseFit,
    ModelFit<GammaGammaModel> spendFit,
    Optional<HoldoutReport> holdout,
    long rejectedRows) {

  double spendFrequencyCorrelation() {
    return GammaGammaTrainer.spendFrequencyCorrelation(statistics.stats());
  }

  boolean trustworthy() {
    return purchaseFit.diagnostics().trustworthy() && spendFit.diagnostics().trustworthy();
  }

  /**
   * One JSON object: the purchase fit's report at the top level ({@code model}, {@code params},
   * {@code log_likelihood}, {@code converged}, {@code trustworthy}, {@code customers}, ...), then
   * {@code time_unit}, {@code calibration_end}, {@code holdout_end}, {@code spend} (the Gamma-Gamma
   * report), {@code holdout} and {@code diagnostics}.
   */
  ObjectNode toJson() {
    ObjectMapper mapper = CliJson.MAPPER;
    ObjectNode root = mapper.valueToTree(purchaseFit.report());
    root.put("time_unit", ClvModelFile.unitName(window.unit()));
    root.put("purchases", statistics.countOrders() ? "orders" : "days");
    root.put("calibration_end", LocalDate.ofEpochDay(window.calibrationEndDay()).toString());
    if (window.hasHoldout()) {
      root.put("holdout_end", LocalDate.ofEpochDay(window.holdoutEndDay()).toString());
    }
    root.set("spend", mapper.valueToTree(spendFit.report()));
    holdout.ifPresent(report -> root.set("holdout", mapper.valueToTree(report)));
    CompressedStats stats = statistics.stats();
    ObjectNode diagnostics = root.putObject("diagnostics");
    diagnostics.put("all_trustworthy", trustworthy());
    diagnostics.put("customers_read", statistics.customersRead());
    diagnostics.put("customers_without_purchases", statistics.withoutPurchases());
    diagnostics.put("customers_first_purchase_after_calibration", statistics.afterCalibration());
    diagnostics.put("repeat_customers", stats.repeatCustomers());
    diagnostics.put("purchase_rows", stats.purchaseRows());
    diagnostics.put("spend_rows", stats.spendRows());
    diagnostics.put("spend_frequency_correlation", spendFrequencyCorrelation());
    diagnostics.put("rejected_rows", rejectedRows);
    diagnostics.put("purchases_sha256", statistics.purchasesSha256());
    return root;
  }
}
