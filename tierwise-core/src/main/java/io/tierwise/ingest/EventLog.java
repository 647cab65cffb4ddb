package io.tierwise.ingest;

import java.util.Arrays;

/**
 * One customer's interaction events merged per (day, type): counts and minutes. Grows with active
 * days, not with event rows. Mutable, confined to the ingest thread.
 */
final class EventLog {
  long[] keys = new long[4];
  int[] counts = new int[4];
  double[] minutes = new double[4];
  private long[] firstPrints = new long[4];
  private RowFingerprints laterPrints;
  int size;
  int[] features = new int[0];
  int featureCount;

  /**
   * Adds one event row unless it repeats an earlier identical row of the same day and type and
   * {@code rejectDuplicates} is set.
   *
   * @return false if the row is an exact duplicate of an earlier one
   */
  boolean add(int day, int type, double durationMinutes, long print, boolean rejectDuplicates) {
    int slot = slotFor(day, type);
    boolean fresh = remember(slot, print);
    if (fresh || !rejectDuplicates) {
      counts[slot]++;
      if (!Double.isNaN(durationMinutes)) {
        minutes[slot] += durationMinutes;
      }
    }
    return fresh;
  }

  private boolean remember(int slot, long print) {
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
    return laterPrints.add(stored ^ (keys[slot] * 0x9E3779B97F4A7C15L));
  }

  private int slotFor(int day, int type) {
    long key = ((long) day << 8) | type;
    int slot;
    if (size > 0 && keys[size - 1] == key) {
      slot = size - 1;
    } else if (size == 0 || keys[size - 1] < key) {
      grow();
      keys[size] = key;
      counts[size] = 0;
      minutes[size] = 0;
      firstPrints[size] = 0;
      slot = size++;
    } else {
      int found = Arrays.binarySearch(keys, 0, size, key);
      if (found >= 0) {
        slot = found;
      } else {
        slot = -found - 1;
        grow();
        int tail = size - slot;
        System.arraycopy(keys, slot, keys, slot + 1, tail);
        System.arraycopy(counts, slot, counts, slot + 1, tail);
        System.arraycopy(minutes, slot, minutes, slot + 1, tail);
        System.arraycopy(firstPrints, slot, firstPrints, slot + 1, tail);
        keys[slot] = key;
        counts[slot] = 0;
        minutes[slot] = 0;
        firstPrints[slot] = 0;
        size++;
      }
    }
    return slot;
  }

  void addFeature(int feature) {
    int found = Arrays.binarySearch(features, 0, featureCount, feature);
    if (found >= 0) {
      return;
    }
    int insertAt = -found - 1;
    if (featureCount == features.length) {
      features = Arrays.copyOf(features, featureCount * 2 + 2);
    }
    System.arraycopy(features, insertAt, features, insertAt + 1, featureCount - insertAt);
    features[insertAt] = feature;
    featureCount++;
  }

  private void grow() {
    if (size == keys.length) {
      int capacity = size * 2;
      keys = Arrays.copyOf(keys, capacity);
      firstPrints = Arrays.copyOf(firstPrints, capacity);
      counts = Arrays.copyOf(counts, capacity);
      minutes = Arrays.copyOf(minutes, capacity);
    }
  }
}
