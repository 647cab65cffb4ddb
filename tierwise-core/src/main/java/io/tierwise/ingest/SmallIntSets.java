package io.tierwise.ingest;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Per customer, a set of small numbers — the categories bought, the features used — of which only
 * the size is kept after ingest. Numbers below 64 are bits of one long per customer; larger ones (a
 * catalogue of many categories) go to a sorted array for that customer only.
 */
final class SmallIntSets {
  private long[] bits = new long[0]; // allocated on first use: many inputs have no such column
  private int capacity;
  private final Map<Integer, int[]> larger = new HashMap<>();

  SmallIntSets(int capacity) {
    this.capacity = capacity;
  }

  void grow(int capacity) {
    this.capacity = capacity;
    if (bits.length > 0) {
      bits = Arrays.copyOf(bits, capacity);
    }
  }

  void add(int customer, int number) {
    if (bits.length == 0) {
      bits = new long[capacity];
    }
    if (number < Long.SIZE) {
      bits[customer] |= 1L << number;
      return;
    }
    int[] set = larger.get(customer);
    if (set == null) {
      larger.put(customer, new int[] {number});
      return;
    }
    int found = Arrays.binarySearch(set, number);
    if (found < 0) {
      int insertAt = -found - 1;
      int[] more = new int[set.length + 1];
      System.arraycopy(set, 0, more, 0, insertAt);
      more[insertAt] = number;
      System.arraycopy(set, insertAt, more, insertAt + 1, set.length - insertAt);
      larger.put(customer, more);
    }
  }

  int count(int customer) {
    if (bits.length == 0) {
      return 0;
    }
    int[] set = larger.isEmpty() ? null : larger.get(customer);
    return Long.bitCount(bits[customer]) + (set == null ? 0 : set.length);
  }
}
