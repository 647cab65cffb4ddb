package io.tierwise.cli;

import io.tierwise.TierwiseException;
import io.tierwise.clv.CalibrationWindow;
import io.tierwise.clv.CompressedStats;
import io.tierwise.clv.RepeatPurchaseStats;
import io.tierwise.ingest.CustomerBase;
import io.tierwise.ingest.CustomerHistory;
import io.tierwise.ingest.PurchaseDays;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

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

  /**
   * Customers per digest block. The purchases fingerprint is the SHA-256 of the blocks' SHA-256s in
   * order, so that the two halves of a large base are read on two threads and still give one value
   * whatever the machine.
   */
  static final int DIGEST_BLOCK = 1 << 20;

  static ClvStatistics of(
      CustomerBase customers,
      CalibrationWindow window,
      double spendResolution,
      boolean countOrders) {
    return of(customers, window, spendResolution, countOrders, DIGEST_BLOCK);
  }

  /** {@link #of} with blocks of {@code block} customers (tests use small ones). */
  static ClvStatistics of(
      CustomerBase customers,
      CalibrationWindow window,
      double spendResolution,
      boolean countOrders,
      int block) {
    int size = customers.size();
    int blocks = Math.max(1, (int) (((long) size + block - 1) / block));
    int middle = (int) Math.min(size, (long) blocks / 2 * block);
    List<Part> parts = new ArrayList<>();
    if (middle == 0) {
      parts.add(new Part(customers, 0, size, block, window, spendResolution, countOrders));
    } else {
      CompletableFuture<Part> early =
          CompletableFuture.supplyAsync(
              () -> new Part(customers, 0, middle, block, window, spendResolution, countOrders));
      Part late = new Part(customers, middle, size, block, window, spendResolution, countOrders);
      parts.add(joined(early));
      parts.add(late);
    }
    CompressedStats.Builder builder = parts.get(0).builder;
    for (Part later : parts.subList(1, parts.size())) {
      builder.addAll(later.builder);
    }
    MessageDigest digest = sha256();
    long withoutPurchases = 0;
    long afterCalibration = 0;
    for (Part part : parts) {
      part.blockDigests.forEach(digest::update);
      withoutPurchases += part.withoutPurchases;
      afterCalibration += part.afterCalibration;
    }
    return new ClvStatistics(
        builder.build(),
        size,
        withoutPurchases,
        afterCalibration,
        HexFormat.of().formatHex(digest.digest()),
        countOrders);
  }

  private static Part joined(CompletableFuture<Part> part) {
    try {
      return part.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      if (e.getCause() instanceof Error cause) {
        throw cause;
      }
      throw e;
    }
  }

  /** The statistics and block digests of customers {@code from} (inclusive) to {@code to}. */
  private static final class Part {
    final CompressedStats.Builder builder;
    final List<byte[]> blockDigests = new ArrayList<>();
    long withoutPurchases;
    long afterCalibration;

    Part(
        CustomerBase customers,
        int from,
        int to,
        int block,
        CalibrationWindow window,
        double spendResolution,
        boolean countOrders) {
      builder = CompressedStats.builder(window, spendResolution);
      MessageDigest digest = sha256();
      ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
      PurchaseDays purchases = new PurchaseDays(); // reused, as idBytes: no arrays per customer
      byte[] idBytes = new byte[256];
      for (int i = from; i < to; i++) {
        customers.purchasesInto(i, purchases);
        int count = purchases.count();
        int[] days = purchases.days();
        double[] revenue = purchases.revenue();
        int[] orders = purchases.orders();
        int idLength = customers.customerIdUtf8(i, idBytes);
        byte[] id = idLength >= 0 ? idBytes : customers.customerIdUtf8(i);
        idLength = idLength >= 0 ? idLength : id.length;
        room(buffer, digest, 8).putInt(idLength).putInt(count);
        if (idLength > buffer.capacity()) {
          flush(buffer, digest);
          digest.update(id, 0, idLength);
        } else {
          room(buffer, digest, idLength).put(id, 0, idLength);
        }
        for (int d = 0; d < count; d++) {
          // the order count is part of what the models see with --purchases orders
          room(buffer, digest, 16).putInt(days[d]).putDouble(revenue[d]).putInt(orders[d]);
        }
        if (count == 0) {
          withoutPurchases++;
        } else if (!(countOrders
            ? builder.addCustomerOrders(days, orders, revenue, count)
            : builder.addCustomer(days, revenue, count))) {
          afterCalibration++;
        }
        if ((i + 1) % block == 0 || i + 1 == to) {
          flush(buffer, digest);
          blockDigests.add(digest.digest());
        }
      }
    }
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
