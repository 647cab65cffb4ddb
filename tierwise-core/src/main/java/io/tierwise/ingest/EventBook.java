package io.tierwise.ingest;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Every customer's interaction events merged per (day, type): counts and minutes. Grows with active
 * days, not with event rows. A customer's slots live in one region of {@link LongSlabs}, two longs
 * a slot — day, type and count packed; minutes (as a float) and 32 bits of the fingerprint of the
 * slot's first row — sorted by (day, type). Mutable, confined to the ingest thread until {@link
 * #seal()}.
 */
final class EventBook {
  private static final int STRIDE = 2;
  private static final long MAX_COUNT = (1L << 24) - 1;
  private static final int FIRST_CLASS = LongSlabs.classFor(STRIDE);

  private final LongSlabs slabs = new LongSlabs();
  // Per customer, allocated on the first event: inputs without events cost nothing here.
  private int[] address = new int[0];
  private byte[] sizeClass = new byte[0];
  private int[] size = new int[0];
  private int capacity;
  private final Map<Integer, RowFingerprints> laterPrints = new HashMap<>();

  EventBook(int capacity) {
    this.capacity = capacity;
  }

  void grow(int capacity) {
    this.capacity = capacity;
    if (size.length > 0) {
      address = Arrays.copyOf(address, capacity);
      sizeClass = Arrays.copyOf(sizeClass, capacity);
      size = Arrays.copyOf(size, capacity);
    }
  }

  int size(int customer) {
    return size.length == 0 ? 0 : size[customer];
  }

  private long header(int customer, int slot) {
    return slabs.get(address[customer] + slot * STRIDE);
  }

  int day(int customer, int slot) {
    return (int) (header(customer, slot) >> 32);
  }

  int type(int customer, int slot) {
    return (int) ((header(customer, slot) >> 24) & 0xff);
  }

  int count(int customer, int slot) {
    return (int) (header(customer, slot) & MAX_COUNT);
  }

  double minutes(int customer, int slot) {
    return Float.intBitsToFloat((int) (slabs.get(address[customer] + slot * STRIDE + 1) >>> 32));
  }

  private static long key(int day, int type) {
    return ((long) day << 32) | ((long) type << 24);
  }

  /**
   * Adds one event row unless it repeats an earlier identical row of the same day and type and
   * {@code rejectDuplicates} is set.
   *
   * @return false if the row is an exact duplicate of an earlier one
   */
  boolean add(
      int customer,
      int day,
      int type,
      double durationMinutes,
      long print,
      boolean rejectDuplicates) {
    if (size.length == 0) {
      address = new int[capacity];
      sizeClass = new byte[capacity];
      size = new int[capacity];
    }
    int slot = slotFor(customer, key(day, type));
    boolean fresh = remember(customer, slot, print);
    if (fresh || !rejectDuplicates) {
      int base = address[customer] + slot * STRIDE;
      long header = slabs.get(base);
      if ((header & MAX_COUNT) < MAX_COUNT) {
        slabs.set(base, header + 1);
      }
      if (!Double.isNaN(durationMinutes)) {
        float minutes = (float) (minutes(customer, slot) + durationMinutes);
        long second = slabs.get(base + 1);
        slabs.set(
            base + 1, ((long) Float.floatToRawIntBits(minutes) << 32) | (second & 0xffffffffL));
      }
    }
    return fresh;
  }

  private boolean remember(int customer, int slot, long print) {
    long stored = print == 0 ? 1 : print;
    long shortPrint = (stored ^ (stored >>> 32)) & 0xffffffffL;
    if (shortPrint == 0) {
      shortPrint = 1;
    }
    int at = address[customer] + slot * STRIDE + 1;
    long second = slabs.get(at);
    long firstPrint = second & 0xffffffffL;
    if (firstPrint == 0) {
      slabs.set(at, second | shortPrint);
      return true;
    }
    if (firstPrint == shortPrint) {
      return false;
    }
    return laterPrints
        .computeIfAbsent(customer, key -> new RowFingerprints(4))
        .add(stored ^ ((header(customer, slot) >>> 24) * 0x9E3779B97F4A7C15L));
  }

  private long keyAt(int customer, int slot) {
    return header(customer, slot) & ~MAX_COUNT;
  }

  private int slotFor(int customer, long key) {
    int n = size[customer];
    if (n > 0 && keyAt(customer, n - 1) == key) {
      return n - 1;
    }
    if (n == 0 || keyAt(customer, n - 1) < key) {
      ensureCapacity(customer);
      clear(customer, n, key);
      size[customer] = n + 1;
      return n;
    }
    int low = 0;
    int high = n - 1;
    while (low <= high) {
      int middle = (low + high) >>> 1;
      long middleKey = keyAt(customer, middle);
      if (middleKey < key) {
        low = middle + 1;
      } else if (middleKey > key) {
        high = middle - 1;
      } else {
        return middle;
      }
    }
    ensureCapacity(customer);
    int base = address[customer];
    slabs.copy(base + low * STRIDE, base + (low + 1) * STRIDE, (n - low) * STRIDE);
    clear(customer, low, key);
    size[customer] = n + 1;
    return low;
  }

  private void clear(int customer, int slot, long key) {
    int base = address[customer] + slot * STRIDE;
    slabs.set(base, key);
    slabs.set(base + 1, (long) Float.floatToRawIntBits(0f) << 32);
  }

  private void ensureCapacity(int customer) {
    int currentClass = sizeClass[customer];
    int needed = (size[customer] + 1) * STRIDE;
    if (currentClass != 0 && LongSlabs.capacity(currentClass) >= needed) {
      return;
    }
    int biggerClass = Math.max(FIRST_CLASS, LongSlabs.classFor(needed));
    int bigger = slabs.allocate(biggerClass);
    if (currentClass != 0) {
      slabs.copy(address[customer], bigger, size[customer] * STRIDE);
      slabs.free(address[customer], currentClass);
    }
    address[customer] = bigger;
    sizeClass[customer] = (byte) biggerClass;
  }

  /** Ends ingest: duplicate detection's state is dropped and unused storage given back. */
  void seal() {
    laterPrints.clear();
    slabs.seal();
  }

  /** Forgets a customer's events for good (the last pass over a large base). */
  void release(int customer) {
    if (size.length == 0) {
      return;
    }
    int currentClass = sizeClass[customer];
    if (currentClass != 0) {
      sizeClass[customer] = 0;
      size[customer] = 0;
      slabs.discard(address[customer], currentClass);
    }
  }
}
