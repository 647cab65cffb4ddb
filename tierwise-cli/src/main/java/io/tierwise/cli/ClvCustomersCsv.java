package io.tierwise.cli;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import io.tierwise.TierwiseException;
import io.tierwise.clv.CalibrationWindow;
import io.tierwise.clv.ClvModel;
import io.tierwise.clv.ClvScorer;
import io.tierwise.clv.CustomerValue;
import io.tierwise.clv.RepeatPurchaseStats;
import io.tierwise.ingest.CustomerBase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Writes {@code clv-customers.csv}: one row per customer of the calibration cohort, in input order,
 * with its statistics and what the models predict for it.
 */
final class ClvCustomersCsv {
  static final String[] HEADER = {
    "customer_id",
    "x",
    "t_x",
    "T",
    "mean_repeat_value",
    "p_alive",
    "expected_purchases",
    "expected_average_value",
    "clv"
  };

  private ClvCustomersCsv() {}

  static void write(
      Path file,
      CustomerBase customers,
      CalibrationWindow window,
      ClvModel model,
      boolean countOrders,
      int horizonMonths,
      double monthlyDiscountRate) {
    ClvScorer scorer = new ClvScorer(model, horizonMonths, monthlyDiscountRate);
    try (CsvWriter writer = CsvWriter.builder().lineDelimiter(LineDelimiter.LF).build(file)) {
      writer.writeRecord(HEADER);
      for (int i = 0; i < customers.size(); i++) {
        Optional<RepeatPurchaseStats> stats =
            ClvStatistics.customer(customers.purchases(i), window, countOrders);
        if (stats.isEmpty()) {
          continue;
        }
        CustomerValue value = scorer.score(stats.get());
        RepeatPurchaseStats s = value.stats();
        writer.writeRecord(
            customers.customerId(i),
            Integer.toString(s.repeatPurchases()),
            number(s.recency()),
            number(s.age()),
            number(s.meanRepeatValue()),
            number(value.probabilityAlive()),
            number(value.expectedPurchases()),
            number(value.expectedAverageValue()),
            number(value.lifetimeValue()));
      }
    } catch (IOException | UncheckedIOException e) {
      throw TierwiseException.storage("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  /** Rounded to 6 decimals, plain notation, trailing zeros dropped (fast: no BigDecimal). */
  static String number(double value) {
    if (!Double.isFinite(value) || Math.abs(value) >= 1e12) {
      return Double.toString(value);
    }
    long scaled = Math.round(value * 1e6);
    StringBuilder text = new StringBuilder(24);
    if (scaled < 0) {
      text.append('-');
      scaled = -scaled;
    }
    text.append(scaled / 1_000_000);
    long fraction = scaled % 1_000_000;
    if (fraction != 0) {
      String digits = Long.toString(fraction + 1_000_000).substring(1);
      int end = digits.length();
      while (digits.charAt(end - 1) == '0') {
        end--;
      }
      text.append('.').append(digits, 0, end);
    }
    return text.toString();
  }
}
