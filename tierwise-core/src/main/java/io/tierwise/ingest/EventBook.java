package io.tierwise.ingest;

/**
 * Every customer's interaction events merged per (day, type): counts and minutes. Grows with active
 * days, not with event rows. A customer's slots are {@link SlabRecords} of two longs — day, type
 * and count packed; minutes (as a float) and 32 bits of the fingerprint of the slot's first row —
 * sorted by (day, type). Mutable, confined to the ingest thread until {@link #seal()}.
 */
final class EventBook {
  private static final int KEY = 0;
  private static final int MINUTES_AND_PRINT = 1;
  private static final long MAX_COUNT = (1L << 24) - 1;

  private final SlabRecords slots;

  /** Fingerprints of the second and later distinct rows of a slot, for all customers in one set. */
  private RowFingerprints laterPrints = new RowFingerprints();

  EventBook(int capacity, LongSlabs.Memory memory) {
    this.slots = new SlabRecords(2, capacity, memory);
  }

  void grow(int capacity) {
    slots.grow(capacity);
  }

  int size(int customer) {
    return slots.size(customer);
  }

  private long header(int customer, int slot) {
    return slots.get(customer, slot, KEY);
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
    return Float.intBitsToFloat((int) (slots.get(customer, slot, MINUTES_AND_PRINT) >>> 32));
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
    int slot = slotFor(customer, key(day, type));
    boolean fresh = remember(customer, slot, print);
    if (fresh || !rejectDuplicates) {
      long header = slots.get(customer, slot, KEY);
      if ((header & MAX_COUNT) < MAX_COUNT) {
        slots.set(customer, slot, KEY, header + 1);
      }
      if (!Double.isNaN(durationMinutes)) {
        float minutes = (float) (minutes(customer, slot) + durationMinutes);
        long second = slots.get(customer, slot, MINUTES_AND_PRINT);
        slots.set(
            customer,
            slot,
            MINUTES_AND_PRINT,
            ((long) Float.floatToRawIntBits(minutes) << 32) | (second & 0xffffffffL));
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
    long second = slots.get(customer, slot, MINUTES_AND_PRINT);
    long firstPrint = second & 0xffffffffL;
    if (firstPrint == 0) {
      slots.set(customer, slot, MINUTES_AND_PRINT, second | shortPrint);
      return true;
    }
    if (firstPrint == shortPrint) {
      return false;
    }
    return laterPrints.add(RowFingerprints.inSlot(customer, header(customer, slot) >>> 24, stored));
  }

  private long keyAt(int customer, int slot) {
    return header(customer, slot) & ~MAX_COUNT;
  }

  /** The slot of (day, type), created empty (minutes 0.0: all bits zero) if absent. */
  private int slotFor(int customer, long key) {
    int n = slots.size(customer);
    if (n > 0 && keyAt(customer, n - 1) == key) {
      return n - 1;
    }
    int at = n;
    if (n > 0 && keyAt(customer, n - 1) > key) {
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
      at = low;
    }
    slots.insert(customer, at);
    slots.set(customer, at, KEY, key);
    return at;
  }

  /** Ends ingest: duplicate detection's state is dropped and unused storage given back. */
  void seal() {
    laterPrints = new RowFingerprints(0);
    slots.seal();
  }

  /** Forgets a customer's events for good (the last pass over a large base). */
  void release(int customer) {
    slots.release(customer);
  }
}
