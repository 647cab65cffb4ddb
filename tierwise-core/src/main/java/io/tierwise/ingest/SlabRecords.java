package io.tierwise.ingest;

import java.util.Arrays;

/**
 * Per customer, a growable list of fixed-size records ({@code stride} longs each) kept in one
 * region of {@link LongSlabs}: the storage under {@link PurchaseBook} (a record a purchase day) and
 * {@link EventBook} (a record an event slot). The books decide what the longs mean and keep their
 * records sorted; this class only finds, grows, shifts and frees them (ADR 0005). The per-customer
 * arrays are made on the first record, so a source that is absent costs nothing. Allocation is
 * confined to one thread; reads and {@link #release} are safe from several threads afterwards.
 */
final class SlabRecords {
  private final LongSlabs slabs;
  private final int stride;
  private final int firstClass;
  private int capacity;

  // Per customer: where its region starts, its size class (0 = no region yet), its record count.
  private int[] address = new int[0];
  private byte[] sizeClass = new byte[0];
  private int[] size = new int[0];

  SlabRecords(int stride, int capacity, LongSlabs.Memory memory) {
    this.slabs = new LongSlabs(memory);
    this.stride = stride;
    this.firstClass = LongSlabs.classFor(stride);
    this.capacity = capacity;
  }

  /** Makes room for customers up to {@code capacity} - 1. */
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

  long get(int customer, int record, int field) {
    return slabs.get(address[customer] + record * stride + field);
  }

  void set(int customer, int record, int field, long value) {
    slabs.set(address[customer] + record * stride + field, value);
  }

  /** Inserts an empty (zeroed) record at {@code at}, moving later ones up; returns {@code at}. */
  int insert(int customer, int at) {
    if (size.length == 0) {
      address = new int[capacity];
      sizeClass = new byte[capacity];
      size = new int[capacity];
    }
    int n = size[customer];
    int needed = (n + 1) * stride;
    int currentClass = sizeClass[customer];
    if (currentClass == 0 || LongSlabs.capacity(currentClass) < needed) {
      int biggerClass = Math.max(firstClass, LongSlabs.classFor(needed));
      int bigger = slabs.allocate(biggerClass);
      if (currentClass != 0) {
        slabs.copy(address[customer], bigger, n * stride);
        slabs.free(address[customer], currentClass);
      }
      address[customer] = bigger;
      sizeClass[customer] = (byte) biggerClass;
    }
    int base = address[customer];
    slabs.copy(base + at * stride, base + (at + 1) * stride, (n - at) * stride);
    for (int field = 0; field < stride; field++) {
      slabs.set(base + at * stride + field, 0L);
    }
    size[customer] = n + 1;
    return at;
  }

  /** Removes record {@code at}, moving later ones down. */
  void remove(int customer, int at) {
    int n = size[customer];
    int base = address[customer];
    slabs.copy(base + (at + 1) * stride, base + at * stride, (n - at - 1) * stride);
    size[customer] = n - 1;
  }

  /** Ends allocation (see {@link LongSlabs#seal()}). */
  void seal() {
    slabs.seal();
  }

  /** Where a customer's region starts in the slabs, or -1 if it has none. */
  int addressOf(int customer) {
    return size.length == 0 || sizeClass[customer] == 0 ? -1 : address[customer];
  }

  /** Forgets a customer's records for good (the last pass over a large base). */
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
