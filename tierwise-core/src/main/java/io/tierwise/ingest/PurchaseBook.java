package io.tierwise.ingest;

import java.util.Arrays;

/**
 * Every customer's purchases merged per calendar day: the purchase state ingest keeps. A customer's
 * days are {@link SlabRecords} of three longs — day, order count and the fingerprint of the day's
 * first row (for finding exact duplicates without a table of every row) packed in one; revenue;
 * cost (left out, two longs a day, when only purchase values are kept) — sorted by day, so memory
 * grows with distinct purchase days, not with order lines, and no object is made per customer (ADR
 * 0001, ADR 0005). Mutable, confined to the ingest thread until {@link #seal()}.
 */
final class PurchaseBook {
  private static final int HEADER = 0;
  private static final int REVENUE = 1;
  private static final int COST = 2;

  /** Days are stored as an offset from 1900-01-01 (ingest accepts 1900..2199). */
  private static final int DAY_BASE = -25_567;

  private static final long ORDERS_ONE = 1L << 28;
  private static final long ORDERS_MAX = 0xffffL;
  private static final long PRINT_MASK = ORDERS_ONE - 1;

  /** A record a day: 3 longs with cost, 2 without (when only purchase values are kept). */
  private final SlabRecords days;

  private final boolean details;

  // Per customer: whether any row had a cost, the quantity bought, the order of its last row.
  private boolean[] hasCost;
  private double[] quantity;
  private int[] lastOrder;

  /**
   * Fingerprints of the second and later distinct rows of a customer's day: rare, so kept aside, in
   * one set for all customers (a map of per-customer sets cost ten times the memory and a few cache
   * misses a row).
   */
  private RowFingerprints laterPrints = new RowFingerprints();

  /**
   * @param details whether cost and quantity are kept, or only days, revenue and orders
   * @param memory where the days' pages live
   */
  PurchaseBook(int capacity, boolean details, LongSlabs.Memory memory) {
    this.details = details;
    this.days = new SlabRecords(details ? 3 : 2, capacity, memory);
    hasCost = new boolean[details ? capacity : 0];
    quantity = new double[details ? capacity : 0];
    lastOrder = new int[capacity];
  }

  void grow(int capacity) {
    days.grow(capacity);
    if (details) {
      hasCost = Arrays.copyOf(hasCost, capacity);
      quantity = Arrays.copyOf(quantity, capacity);
    }
    lastOrder = Arrays.copyOf(lastOrder, capacity);
  }

  int size(int customer) {
    return days.size(customer);
  }

  /** See {@link SlabRecords#addressOf}. */
  int addressOf(int customer) {
    return days.addressOf(customer);
  }

  int day(int customer, int slot) {
    return (int) (days.get(customer, slot, HEADER) >>> 44) + DAY_BASE;
  }

  int orders(int customer, int slot) {
    return (int) ((days.get(customer, slot, HEADER) >>> 28) & ORDERS_MAX);
  }

  double revenue(int customer, int slot) {
    return Double.longBitsToDouble(days.get(customer, slot, REVENUE));
  }

  double cost(int customer, int slot) {
    return Double.longBitsToDouble(days.get(customer, slot, COST));
  }

  boolean hasCost(int customer) {
    return details && hasCost[customer];
  }

  double quantity(int customer) {
    return details ? quantity[customer] : 0;
  }

  /**
   * Adds a purchase row unless it is an exact duplicate of an earlier row of the customer's day and
   * {@code rejectDuplicates} is set.
   *
   * @return false if the row is an exact duplicate
   */
  boolean add(
      int customer,
      int day,
      long print,
      boolean rejectDuplicates,
      long orderHash,
      double amount,
      double rowCost,
      double rowQuantity) {
    int slot = slotFor(customer, day);
    boolean fresh = remember(customer, slot, day, print);
    if (fresh || !rejectDuplicates) {
      addRow(customer, slot, day, orderHash, amount, rowCost, rowQuantity);
    }
    return fresh;
  }

  /** The slot of {@code day}, created empty if absent. */
  private int slotFor(int customer, int day) {
    int n = days.size(customer);
    if (n > 0) {
      int lastDay = day(customer, n - 1);
      if (lastDay == day) {
        return n - 1;
      }
      if (lastDay < day) {
        return created(customer, n, day);
      }
      int found = search(customer, day);
      if (found >= 0) {
        return found;
      }
      return created(customer, -found - 1, day);
    }
    return created(customer, 0, day);
  }

  private int created(int customer, int slot, int day) {
    days.insert(customer, slot); // revenue and cost 0.0: all bits zero
    days.set(customer, slot, HEADER, (long) (day - DAY_BASE) << 44);
    return slot;
  }

  private int search(int customer, int day) {
    int low = 0;
    int high = days.size(customer) - 1;
    while (low <= high) {
      int middle = (low + high) >>> 1;
      int middleDay = day(customer, middle);
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
  private boolean remember(int customer, int slot, int day, long print) {
    long stored = print == 0 ? 1 : print;
    long shortPrint = (stored ^ (stored >>> 28) ^ (stored >>> 56)) & PRINT_MASK;
    if (shortPrint == 0) {
      shortPrint = 1;
    }
    long header = days.get(customer, slot, HEADER);
    long firstPrint = header & PRINT_MASK;
    if (firstPrint == 0) {
      days.set(customer, slot, HEADER, header | shortPrint);
      return true;
    }
    if (firstPrint == shortPrint) {
      return false;
    }
    return laterPrints.add(RowFingerprints.inSlot(customer, day, stored));
  }

  /**
   * Adds one order row at {@code slot}. Rows with the same order id on the same day that follow
   * each other among the customer's rows (the lines of one order) count as one order; {@code
   * orderHash} 0 means each row is an order.
   */
  private void addRow(
      int customer,
      int slot,
      int day,
      long orderHash,
      double amount,
      double rowCost,
      double rowQuantity) {
    days.set(customer, slot, REVENUE, Double.doubleToRawLongBits(revenue(customer, slot) + amount));
    if (details && !Double.isNaN(rowCost)) {
      hasCost[customer] = true;
      days.set(customer, slot, COST, Double.doubleToRawLongBits(cost(customer, slot) + rowCost));
    }
    if (details && !Double.isNaN(rowQuantity)) {
      quantity[customer] += rowQuantity;
    }
    // 31 bits of order id and day (never 0): two orders taken for one has odds of 2^-31
    long mixed = (orderHash ^ (day * 0x9E3779B97F4A7C15L)) * 0xBF58476D1CE4E5B9L;
    int order = orderHash == 0 ? 0 : (int) (mixed >>> 32) | 1;
    if ((order == 0 || order != lastOrder[customer]) && orders(customer, slot) < ORDERS_MAX) {
      days.set(customer, slot, HEADER, days.get(customer, slot, HEADER) + ORDERS_ONE);
    }
    lastOrder[customer] = order;
  }

  /**
   * Takes a cancellation off the latest purchase day on or before {@code day} whose revenue covers
   * it. A day whose revenue falls to zero was cancelled whole and is no longer a purchase day.
   *
   * @return the day it was matched to, or {@link Integer#MIN_VALUE} when no purchase matches
   */
  int cancel(int customer, int day, double amount, double cancelledQuantity) {
    if (days.size(customer) == 0) {
      return Integer.MIN_VALUE;
    }
    int last = search(customer, day);
    int from = last >= 0 ? last : -last - 2;
    for (int slot = from; slot >= 0; slot--) {
      if (orders(customer, slot) > 0 && revenue(customer, slot) + 1e-9 >= amount) {
        int matched = day(customer, slot);
        double left = revenue(customer, slot) - amount;
        days.set(customer, slot, REVENUE, Double.doubleToRawLongBits(left));
        if (details && !Double.isNaN(cancelledQuantity)) {
          quantity[customer] = Math.max(0, quantity[customer] - cancelledQuantity);
        }
        if (left <= 0.005) {
          days.remove(customer, slot);
        }
        return matched;
      }
    }
    return Integer.MIN_VALUE;
  }

  /** Ends ingest: duplicate detection's state is dropped and unused storage given back. */
  void seal() {
    laterPrints = new RowFingerprints(0);
    lastOrder = new int[0];
    days.seal();
  }

  /** Forgets a customer's purchases for good (the last pass over a large base). */
  void release(int customer) {
    days.release(customer);
  }
}
