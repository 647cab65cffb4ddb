package io.tierwise.ingest;

import java.util.Arrays;

/**
 * One customer's purchases merged per calendar day: the state ingest keeps per customer. Its size
 * grows with the customer's distinct purchase days, not with order lines. All of it lives in one
 * {@code long[]}, four longs a day — day and order count, revenue, cost, and the fingerprint of the
 * day's first row (for finding exact duplicates without a table of every row) — so a customer costs
 * one object and one array. Mutable, confined to the ingest thread.
 */
final class PurchaseDays {
  private static final int NO_DAY = Integer.MIN_VALUE;
  private static final int STRIDE = 3;
  private static final int HEADER = 0;
  private static final int REVENUE = 1;
  private static final int COST = 2;

  /** Days are stored as an offset from 1900-01-01 (ingest accepts 1900..2199). */
  private static final int DAY_BASE = -25_567;

  private static final long ORDERS_ONE = 1L << 28;
  private static final long ORDERS_MAX = 0xffffL;
  private static final long PRINT_MASK = ORDERS_ONE - 1;

  private long[] data = new long[2 * STRIDE];
  private RowFingerprints laterPrints;
  private boolean hasCost;
  private double quantity;
  private int size;
  private long lastOrderHash;
  private int lastOrderDay = NO_DAY;

  int size() {
    return size;
  }

  int day(int slot) {
    return (int) (data[slot * STRIDE + HEADER] >>> 44) + DAY_BASE;
  }

  int orders(int slot) {
    return (int) ((data[slot * STRIDE + HEADER] >>> 28) & ORDERS_MAX);
  }

  double revenue(int slot) {
    return Double.longBitsToDouble(data[slot * STRIDE + REVENUE]);
  }

  double cost(int slot) {
    return Double.longBitsToDouble(data[slot * STRIDE + COST]);
  }

  boolean hasCost() {
    return hasCost;
  }

  double quantity() {
    return quantity;
  }

  /** The slot of {@code day}, created empty if absent. */
  int slotFor(int day) {
    if (size > 0 && day(size - 1) == day) {
      return size - 1;
    }
    if (size == 0 || day(size - 1) < day) {
      ensureCapacity();
      clear(size, day);
      return size++;
    }
    int found = search(day);
    if (found >= 0) {
      return found;
    }
    int insertAt = -found - 1;
    ensureCapacity();
    System.arraycopy(
        data, insertAt * STRIDE, data, (insertAt + 1) * STRIDE, (size - insertAt) * STRIDE);
    clear(insertAt, day);
    size++;
    return insertAt;
  }

  private void clear(int slot, int day) {
    int base = slot * STRIDE;
    data[base + HEADER] = (long) (day - DAY_BASE) << 44;
    data[base + REVENUE] = Double.doubleToRawLongBits(0.0);
    data[base + COST] = Double.doubleToRawLongBits(0.0);
  }

  private int search(int day) {
    int low = 0;
    int high = size - 1;
    while (low <= high) {
      int middle = (low + high) >>> 1;
      int middleDay = day(middle);
      if (middleDay < day) {
        low = middle + 1;
      } else if (middleDay > day) {
        high = middle - 1;
      } else {
        return middle;
      }
    }
    return -(low + 1);
  }

  /**
   * Remembers the fingerprint of a row on the day of {@code slot}.
   *
   * @return false if an identical row was already seen that day (a duplicate)
   */
  boolean remember(int slot, long print) {
    long stored = print == 0 ? 1 : print;
    long shortPrint = (stored ^ (stored >>> 28) ^ (stored >>> 56)) & PRINT_MASK;
    if (shortPrint == 0) {
      shortPrint = 1;
    }
    int at = slot * STRIDE + HEADER;
    long firstPrint = data[at] & PRINT_MASK;
    if (firstPrint == 0) {
      data[at] |= shortPrint;
      return true;
    }
    if (firstPrint == shortPrint) {
      return false;
    }
    if (laterPrints == null) {
      laterPrints = new RowFingerprints(4);
    }
    return laterPrints.add(stored ^ ((long) day(slot) * 0x9E3779B97F4A7C15L));
  }

  /**
   * Adds one order row at {@code slot}. Rows with the same order id on the same day that follow
   * each other (the lines of one order) count as one order; {@code orderHash} 0 means each row is
   * an order.
   */
  void add(int slot, long orderHash, double amount, double rowCost, double rowQuantity) {
    int base = slot * STRIDE;
    int day = day(slot);
    data[base + REVENUE] = Double.doubleToRawLongBits(revenue(slot) + amount);
    if (!Double.isNaN(rowCost)) {
      hasCost = true;
      data[base + COST] = Double.doubleToRawLongBits(cost(slot) + rowCost);
    }
    if (!Double.isNaN(rowQuantity)) {
      quantity += rowQuantity;
    }
    if ((orderHash == 0 || orderHash != lastOrderHash || day != lastOrderDay)
        && orders(slot) < ORDERS_MAX) {
      data[base + HEADER] += ORDERS_ONE;
    }
    lastOrderHash = orderHash;
    lastOrderDay = day;
  }

  /** Drops spare capacity once ingest is done. */
  void trim() {
    if (data.length > size * STRIDE) {
      data = Arrays.copyOf(data, size * STRIDE);
    }
  }

  private void ensureCapacity() {
    int capacity = data.length / STRIDE;
    if (size < capacity) {
      return;
    }
    data = Arrays.copyOf(data, (size + (size >> 2) + 2) * STRIDE);
  }

  /**
   * Takes a cancellation off the latest purchase day on or before {@code day} whose revenue covers
   * it. A day whose revenue falls to zero was cancelled whole and is no longer a purchase day.
   *
   * @return the day it was matched to, or {@link Integer#MIN_VALUE} when no purchase matches
   */
  int cancel(int day, double amount, double cancelledQuantity) {
    int last = search(day);
    int from = last >= 0 ? last : -last - 2;
    for (int slot = from; slot >= 0; slot--) {
      if (orders(slot) > 0 && revenue(slot) + 1e-9 >= amount) {
        int matched = day(slot);
        double left = revenue(slot) - amount;
        data[slot * STRIDE + REVENUE] = Double.doubleToRawLongBits(left);
        if (!Double.isNaN(cancelledQuantity)) {
          quantity = Math.max(0, quantity - cancelledQuantity);
        }
        if (left <= 0.005) {
          System.arraycopy(
              data, (slot + 1) * STRIDE, data, slot * STRIDE, (size - slot - 1) * STRIDE);
          size--;
        }
        return matched;
      }
    }
    return NO_DAY;
  }
}
