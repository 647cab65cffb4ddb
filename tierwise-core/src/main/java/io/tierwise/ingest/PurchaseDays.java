package io.tierwise.ingest;

import java.util.Arrays;

/**
 * One customer's purchases merged per calendar day: the state ingest keeps per customer. Its size
 * grows with the customer's distinct purchase days, not with order lines: per day one packed long
 * (day and order count), the revenue, the cost when the data has it, and the fingerprint of the
 * day's first row (for finding exact duplicates without a table of every row). Mutable, confined to
 * the ingest thread.
 */
final class PurchaseDays {
  private static final int NO_DAY = Integer.MIN_VALUE;

  /** Per day: {@code (long) day << 32 | orders}, ascending by day. */
  long[] dayOrders = new long[2];

  double[] revenue = new double[2];
  double[] cost;
  private long[] firstPrints = new long[2];
  private RowFingerprints laterPrints;
  double quantity;
  int size;
  private long lastOrderHash;
  private int lastOrderDay = NO_DAY;

  static int day(long dayOrders) {
    return (int) (dayOrders >> 32);
  }

  static int orders(long dayOrders) {
    return (int) dayOrders;
  }

  /** The slot of {@code day}, created empty if absent. */
  int slotFor(int day) {
    if (size > 0 && day(dayOrders[size - 1]) == day) {
      return size - 1;
    }
    if (size == 0 || day(dayOrders[size - 1]) < day) {
      ensureCapacity();
      dayOrders[size] = (long) day << 32;
      return size++;
    }
    int found = search(day);
    if (found >= 0) {
      return found;
    }
    int insertAt = -found - 1;
    ensureCapacity();
    int tail = size - insertAt;
    System.arraycopy(dayOrders, insertAt, dayOrders, insertAt + 1, tail);
    System.arraycopy(revenue, insertAt, revenue, insertAt + 1, tail);
    System.arraycopy(firstPrints, insertAt, firstPrints, insertAt + 1, tail);
    if (cost != null) {
      System.arraycopy(cost, insertAt, cost, insertAt + 1, tail);
      cost[insertAt] = 0;
    }
    dayOrders[insertAt] = (long) day << 32;
    revenue[insertAt] = 0;
    firstPrints[insertAt] = 0;
    size++;
    return insertAt;
  }

  private int search(int day) {
    int low = 0;
    int high = size - 1;
    while (low <= high) {
      int middle = (low + high) >>> 1;
      int middleDay = day(dayOrders[middle]);
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
    if (firstPrints[slot] == 0) {
      firstPrints[slot] = stored;
      return true;
    }
    if (firstPrints[slot] == stored) {
      return false;
    }
    if (laterPrints == null) {
      laterPrints = new RowFingerprints(8);
    }
    return laterPrints.add(stored ^ ((long) day(dayOrders[slot]) * 0x9E3779B97F4A7C15L));
  }

  /**
   * Adds one order row at {@code slot}. Rows with the same order id on the same day that follow
   * each other (the lines of one order) count as one order; {@code orderHash} 0 means each row is
   * an order.
   */
  void add(int slot, long orderHash, double amount, double rowCost, double rowQuantity) {
    int day = day(dayOrders[slot]);
    revenue[slot] += amount;
    if (!Double.isNaN(rowCost)) {
      if (cost == null) {
        cost = new double[dayOrders.length];
      }
      cost[slot] += rowCost;
    }
    if (!Double.isNaN(rowQuantity)) {
      quantity += rowQuantity;
    }
    if (orderHash == 0 || orderHash != lastOrderHash || day != lastOrderDay) {
      dayOrders[slot]++;
    }
    lastOrderHash = orderHash;
    lastOrderDay = day;
  }

  private void ensureCapacity() {
    if (size < dayOrders.length) {
      return;
    }
    int capacity = size + (size >> 1) + 2;
    dayOrders = Arrays.copyOf(dayOrders, capacity);
    revenue = Arrays.copyOf(revenue, capacity);
    firstPrints = Arrays.copyOf(firstPrints, capacity);
    if (cost != null) {
      cost = Arrays.copyOf(cost, capacity);
    }
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
      if (orders(dayOrders[slot]) > 0 && revenue[slot] + 1e-9 >= amount) {
        int matched = day(dayOrders[slot]);
        revenue[slot] -= amount;
        if (!Double.isNaN(cancelledQuantity)) {
          quantity = Math.max(0, quantity - cancelledQuantity);
        }
        if (revenue[slot] <= 0.005) {
          remove(slot);
        }
        return matched;
      }
    }
    return NO_DAY;
  }

  private void remove(int slot) {
    int tail = size - slot - 1;
    System.arraycopy(dayOrders, slot + 1, dayOrders, slot, tail);
    System.arraycopy(revenue, slot + 1, revenue, slot, tail);
    System.arraycopy(firstPrints, slot + 1, firstPrints, slot, tail);
    if (cost != null) {
      System.arraycopy(cost, slot + 1, cost, slot, tail);
    }
    size--;
  }

  /** Days that hold at least one order (a slot made only for a rejected duplicate holds none). */
  int purchaseDays() {
    int count = 0;
    for (int i = 0; i < size; i++) {
      if (orders(dayOrders[i]) > 0) {
        count++;
      }
    }
    return count;
  }
}
