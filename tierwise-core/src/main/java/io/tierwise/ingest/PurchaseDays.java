package io.tierwise.ingest;

import java.util.Arrays;

/**
 * One customer's purchases merged per calendar day: the state ingest keeps per customer. Its size
 * grows with the customer's distinct purchase days, not with order lines. Mutable, confined to the
 * ingest thread.
 */
final class PurchaseDays {
  private static final int NO_DAY = Integer.MIN_VALUE;

  int[] days = new int[2];
  double[] revenue = new double[2];
  double[] cost;
  double[] quantity;
  int[] orders = new int[2];
  int size;
  private long lastOrderHash;
  private int lastOrderDay = NO_DAY;

  /**
   * Adds one order row. Rows with the same order id on the same day that follow each other (the
   * lines of one order) count as one order; {@code orderHash} 0 means each row is an order.
   */
  void add(int day, long orderHash, double amount, double rowCost, double rowQuantity) {
    int slot = slotFor(day);
    revenue[slot] += amount;
    if (!Double.isNaN(rowCost)) {
      if (cost == null) {
        cost = new double[days.length];
      }
      cost[slot] += rowCost;
    }
    if (!Double.isNaN(rowQuantity)) {
      if (quantity == null) {
        quantity = new double[days.length];
      }
      quantity[slot] += rowQuantity;
    }
    if (orderHash == 0 || orderHash != lastOrderHash || day != lastOrderDay) {
      orders[slot]++;
    }
    lastOrderHash = orderHash;
    lastOrderDay = day;
  }

  private int slotFor(int day) {
    if (size > 0 && days[size - 1] == day) {
      return size - 1;
    }
    if (size == 0 || days[size - 1] < day) {
      ensureCapacity();
      days[size] = day;
      return size++;
    }
    int found = Arrays.binarySearch(days, 0, size, day);
    if (found >= 0) {
      return found;
    }
    int insertAt = -found - 1;
    ensureCapacity();
    int tail = size - insertAt;
    System.arraycopy(days, insertAt, days, insertAt + 1, tail);
    System.arraycopy(revenue, insertAt, revenue, insertAt + 1, tail);
    System.arraycopy(orders, insertAt, orders, insertAt + 1, tail);
    if (cost != null) {
      System.arraycopy(cost, insertAt, cost, insertAt + 1, tail);
    }
    if (quantity != null) {
      System.arraycopy(quantity, insertAt, quantity, insertAt + 1, tail);
    }
    days[insertAt] = day;
    revenue[insertAt] = 0;
    orders[insertAt] = 0;
    if (cost != null) {
      cost[insertAt] = 0;
    }
    if (quantity != null) {
      quantity[insertAt] = 0;
    }
    size++;
    return insertAt;
  }

  private void ensureCapacity() {
    if (size < days.length) {
      return;
    }
    int capacity = days.length + (days.length >> 1) + 1;
    days = Arrays.copyOf(days, capacity);
    revenue = Arrays.copyOf(revenue, capacity);
    orders = Arrays.copyOf(orders, capacity);
    if (cost != null) {
      cost = Arrays.copyOf(cost, capacity);
    }
    if (quantity != null) {
      quantity = Arrays.copyOf(quantity, capacity);
    }
  }

  /**
   * Takes a cancellation off the latest purchase day on or before {@code day} whose revenue covers
   * it. A day whose revenue falls to zero was cancelled whole and is no longer a purchase day.
   *
   * @return the day it was matched to, or {@link Integer#MIN_VALUE} when no purchase matches
   */
  int cancel(int day, double amount, double cancelledQuantity) {
    int last = Arrays.binarySearch(days, 0, size, day);
    int from = last >= 0 ? last : -last - 2;
    for (int slot = from; slot >= 0; slot--) {
      if (revenue[slot] + 1e-9 >= amount) {
        int matched = days[slot];
        revenue[slot] -= amount;
        if (quantity != null && !Double.isNaN(cancelledQuantity)) {
          quantity[slot] = Math.max(0, quantity[slot] - cancelledQuantity);
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
    System.arraycopy(days, slot + 1, days, slot, tail);
    System.arraycopy(revenue, slot + 1, revenue, slot, tail);
    System.arraycopy(orders, slot + 1, orders, slot, tail);
    if (cost != null) {
      System.arraycopy(cost, slot + 1, cost, slot, tail);
    }
    if (quantity != null) {
      System.arraycopy(quantity, slot + 1, quantity, slot, tail);
    }
    size--;
  }
}
