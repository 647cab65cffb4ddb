package io.tierwise.ingest;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Every customer's purchases merged per calendar day: the purchase state ingest keeps. A customer's
 * days live in one region of {@link LongSlabs}, three longs a day — day, order count and the
 * fingerprint of the day's first row (for finding exact duplicates without a table of every row)
 * packed in one; revenue; cost — sorted by day, so memory grows with distinct purchase days, not
 * with order lines, and no object is made per customer (ADR 0001, ADR 0005). Mutable, confined to
 * the ingest thread until {@link #seal()}.
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
  private static final long ZERO = Double.doubleToRawLongBits(0.0);

  private final LongSlabs slabs = new LongSlabs();

  /** Longs a day: 3 with cost, 2 without (when only purchase values are kept). */
  private final int stride;

  private final int firstClass;
  private final boolean details;

  // Per customer: the region's address and size class (0 = no purchases yet), the number of days,
  // whether any row had a cost, the quantity bought, and the order of the customer's last row.
  private int[] address;
  private byte[] sizeClass;
  private int[] size;
  private boolean[] hasCost;
  private double[] quantity;
  private int[] lastOrder;

  /** Fingerprints of the second and later distinct rows of a day: rare, so kept aside. */
  private final Map<Integer, RowFingerprints> laterPrints = new HashMap<>();

  /**
   * @param details whether cost and quantity are kept, or only days, revenue and orders
   */
  PurchaseBook(int capacity, boolean details) {
    this.details = details;
    this.stride = details ? 3 : 2;
    this.firstClass = LongSlabs.classFor(stride);
    address = new int[capacity];
    sizeClass = new byte[capacity];
    size = new int[capacity];
    hasCost = new boolean[details ? capacity : 0];
    quantity = new double[details ? capacity : 0];
    lastOrder = new int[capacity];
  }

  void grow(int capacity) {
    address = Arrays.copyOf(address, capacity);
    sizeClass = Arrays.copyOf(sizeClass, capacity);
    size = Arrays.copyOf(size, capacity);
    if (details) {
      hasCost = Arrays.copyOf(hasCost, capacity);
      quantity = Arrays.copyOf(quantity, capacity);
    }
    lastOrder = Arrays.copyOf(lastOrder, capacity);
  }

  int size(int customer) {
    return size[customer];
  }

  int day(int customer, int slot) {
    return (int) (slabs.get(address[customer] + slot * stride + HEADER) >>> 44) + DAY_BASE;
  }

  int orders(int customer, int slot) {
    return (int) ((slabs.get(address[customer] + slot * stride + HEADER) >>> 28) & ORDERS_MAX);
  }

  double revenue(int customer, int slot) {
    return Double.longBitsToDouble(slabs.get(address[customer] + slot * stride + REVENUE));
  }

  double cost(int customer, int slot) {
    return Double.longBitsToDouble(slabs.get(address[customer] + slot * stride + COST));
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
    int n = size[customer];
    if (n > 0) {
      int lastDay = day(customer, n - 1);
      if (lastDay == day) {
        return n - 1;
      }
      if (lastDay < day) {
        ensureCapacity(customer);
        clear(customer, n, day);
        size[customer] = n + 1;
        return n;
      }
    } else {
      ensureCapacity(customer);
      clear(customer, 0, day);
      size[customer] = 1;
      return 0;
    }
    int found = search(customer, day);
    if (found >= 0) {
      return found;
    }
    int insertAt = -found - 1;
    ensureCapacity(customer);
    int base = address[customer];
    slabs.copy(base + insertAt * stride, base + (insertAt + 1) * stride, (n - insertAt) * stride);
    clear(customer, insertAt, day);
    size[customer] = n + 1;
    return insertAt;
  }

  private void clear(int customer, int slot, int day) {
    int base = address[customer] + slot * stride;
    slabs.set(base + HEADER, (long) (day - DAY_BASE) << 44);
    slabs.set(base + REVENUE, ZERO);
    if (details) {
      slabs.set(base + COST, ZERO);
    }
  }

  private int search(int customer, int day) {
    int low = 0;
    int high = size[customer] - 1;
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

  private void ensureCapacity(int customer) {
    int currentClass = sizeClass[customer];
    int needed = (size[customer] + 1) * stride;
    if (currentClass != 0 && LongSlabs.capacity(currentClass) >= needed) {
      return;
    }
    int biggerClass = Math.max(firstClass, LongSlabs.classFor(needed));
    int bigger = slabs.allocate(biggerClass);
    if (currentClass != 0) {
      slabs.copy(address[customer], bigger, size[customer] * stride);
      slabs.free(address[customer], currentClass);
    }
    address[customer] = bigger;
    sizeClass[customer] = (byte) biggerClass;
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
    int at = address[customer] + slot * stride + HEADER;
    long header = slabs.get(at);
    long firstPrint = header & PRINT_MASK;
    if (firstPrint == 0) {
      slabs.set(at, header | shortPrint);
      return true;
    }
    if (firstPrint == shortPrint) {
      return false;
    }
    return laterPrints
        .computeIfAbsent(customer, key -> new RowFingerprints(4))
        .add(stored ^ ((long) day * 0x9E3779B97F4A7C15L));
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
    int base = address[customer] + slot * stride;
    slabs.set(base + REVENUE, Double.doubleToRawLongBits(revenue(customer, slot) + amount));
    if (details && !Double.isNaN(rowCost)) {
      hasCost[customer] = true;
      slabs.set(base + COST, Double.doubleToRawLongBits(cost(customer, slot) + rowCost));
    }
    if (details && !Double.isNaN(rowQuantity)) {
      quantity[customer] += rowQuantity;
    }
    // 31 bits of order id and day (never 0): two orders taken for one has odds of 2^-31
    long mixed = (orderHash ^ (day * 0x9E3779B97F4A7C15L)) * 0xBF58476D1CE4E5B9L;
    int order = orderHash == 0 ? 0 : (int) (mixed >>> 32) | 1;
    if ((order == 0 || order != lastOrder[customer]) && orders(customer, slot) < ORDERS_MAX) {
      slabs.set(base + HEADER, slabs.get(base + HEADER) + ORDERS_ONE);
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
    if (size[customer] == 0) {
      return Integer.MIN_VALUE;
    }
    int last = search(customer, day);
    int from = last >= 0 ? last : -last - 2;
    for (int slot = from; slot >= 0; slot--) {
      if (orders(customer, slot) > 0 && revenue(customer, slot) + 1e-9 >= amount) {
        int matched = day(customer, slot);
        double left = revenue(customer, slot) - amount;
        int base = address[customer];
        slabs.set(base + slot * stride + REVENUE, Double.doubleToRawLongBits(left));
        if (details && !Double.isNaN(cancelledQuantity)) {
          quantity[customer] = Math.max(0, quantity[customer] - cancelledQuantity);
        }
        if (left <= 0.005) {
          int n = size[customer];
          slabs.copy(base + (slot + 1) * stride, base + slot * stride, (n - slot - 1) * stride);
          size[customer] = n - 1;
        }
        return matched;
      }
    }
    return Integer.MIN_VALUE;
  }

  /** Ends ingest: duplicate detection's state is dropped and unused storage given back. */
  void seal() {
    laterPrints.clear();
    lastOrder = new int[0];
    slabs.seal();
  }

  /** Forgets a customer's purchases for good (the last pass over a large base). */
  void release(int customer) {
    int currentClass = sizeClass[customer];
    if (currentClass != 0) {
      sizeClass[customer] = 0;
      size[customer] = 0;
      slabs.discard(address[customer], currentClass);
    }
  }
}
