package io.tierwise.ingest;

import java.util.Arrays;

/**
 * A reusable buffer of one customer's purchase days at a time — day, orders, revenue — for passes
 * over millions of customers that would otherwise make a {@link CustomerHistory.Purchases} (four
 * arrays) per customer and keep the garbage collector busy. Filled by {@link
 * CustomerBase#purchasesInto}; the arrays may be longer than {@link #count()}, and their contents
 * change on the next fill. Not thread-safe: one per thread.
 */
public final class PurchaseDays {
  private int count;
  private int[] days = new int[16];
  private int[] orders = new int[16];
  private double[] revenue = new double[16];

  /** The purchase days held: entries {@code 0 .. count() - 1} of the arrays. */
  public int count() {
    return count;
  }

  /** Purchase days, ascending (epoch days). */
  public int[] days() {
    return days;
  }

  /** Orders per purchase day. */
  public int[] orders() {
    return orders;
  }

  /** Revenue per purchase day, net of cancellations. */
  public double[] revenue() {
    return revenue;
  }

  /** Empties the buffer and makes room for {@code count} days. */
  void reset(int count) {
    if (count > days.length) {
      int length = Math.max(count, days.length * 2);
      days = Arrays.copyOf(days, length);
      orders = Arrays.copyOf(orders, length);
      revenue = Arrays.copyOf(revenue, length);
    }
    this.count = count;
  }
}
