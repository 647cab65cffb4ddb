package io.tierwise.cli;

import io.tierwise.TierwiseException;
import io.tierwise.clv.CalibrationWindow;
import io.tierwise.clv.CompressedStats;
import io.tierwise.clv.RepeatPurchaseStats;
import io.tierwise.ingest.CustomerBase;
import io.tierwise.ingest.CustomerHistory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The calibration statistics of an ingested customer base: each customer's purchase days and
 * revenue per day (net of cancellations, same-day purchases already merged by ingest) go through
 * {@link CompressedStats.Builder#addCustomer} (or, counting orders, {@link
 * CompressedStats.Builder#addCustomerOrders}). While streaming it fingerprints the purchases the
 * models see (SHA-256 of customer id, day and revenue per day, in input order) for provenance.
 *
 * @param stats the compressed statistics
 * @param customersRead customers in the base (with or without purchases)
 * @param withoutPurchases customers without any purchase (e.g. only in customers.csv)
 * @param afterCalibration customers whose first purchase is after the calibration end (not in the
 *     cohort)
 * @param purchasesSha256 hex SHA-256 of the purchases
 * @param countOrders whether purchases are orders (true) or distinct purchase days (false)
 */
record ClvStatistics(
    CompressedStats stats,
    long customersRead,
    long withoutPurchases,
    long afterCalibration,
    String purchasesSha256,
    boolean countOrders) {

  static ClvStatistics of(
      CustomerBase customers,
      CalibrationWindow window,
      double spendResolution,
      boolean countOrders) {
    CompressedStats.Builder builder = CompressedStats.builder(window, spendResolution);
    MessageDigest digest = sha256();
    ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
    long withoutPurchases = 0;
    long afterCalibration = 0;
    for (int i = 0; i < customers.size(); i++) {
      CustomerHistory.Purchases purchases = customers.purchases(i);
      int[] days = purchases.days();
      double[] revenue = purchases.revenue();
      int[] orders = purchases.orders();
      byte[] id = customers.customerId(i).getBytes(StandardCharsets.UTF_8);
      room(buffer, digest, 8).putInt(id.length).putInt(days.length);
      if (id.length > buffer.capacity()) {
        flush(buffer, digest);
        digest.update(id);
      } else {
        room(buffer, digest, id.length).put(id);
      }
      for (int d = 0; d < days.length; d++) {
        // the order count is part of what the models see with --purchases orders
        room(buffer, digest, 16).putInt(days[d]).putDouble(revenue[d]).putInt(orders[d]);
      }
      if (days.length == 0) {
        withoutPurchases++;
      } else if (!(countOrders
          ? builder.addCustomerOrders(days, orders, revenue)
          : builder.addCustomer(days, revenue))) {
        afterCalibration++;
      }
    }
    flush(buffer, digest);
    return new ClvStatistics(
        builder.build(),
        customers.size(),
        withoutPurchases,
        afterCalibration,
        HexFormat.of().formatHex(digest.digest()),
        countOrders);
  }

  /** One customer's statistics, counting purchase days or orders as {@link #of} does. */
  static Optional<RepeatPurchaseStats> customer(
      CustomerHistory.Purchases purchases, CalibrationWindow window, boolean countOrders) {
    return countOrders
        ? RepeatPurchaseStats.fromOrders(
            purchases.days(), purchases.orders(), purchases.revenue(), window)
        : RepeatPurchaseStats.from(purchases.days(), purchases.revenue(), window);
  }

  private static ByteBuffer room(ByteBuffer buffer, MessageDigest digest, int bytes) {
    if (buffer.remaining() < bytes) {
      flush(buffer, digest);
    }
    return buffer;
  }

  private static void flush(ByteBuffer buffer, MessageDigest digest) {
    buffer.flip();
    digest.update(buffer);
    buffer.clear();
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java platform", e);
    }
  }

  /** Stops with a one-line DATA_QUALITY message when no customer is in the calibration cohort. */
  ClvStatistics requireCohort(String calibrationEnd) {
    if (stats.customers() == 0) {
      throw TierwiseException.dataQuality(
          "no customer made a first purchase on or before the calibration end "
              + calibrationEnd
              + " ("
              + customersRead
              + " customers read, "
              + afterCalibration
              + " first bought later, "
              + withoutPurchases
              + " never bought); choose a later --calibration-end");
    }
    return this;
  }
}
