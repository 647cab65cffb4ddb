package io.tierwise.ingest;

import java.util.Arrays;

/**
 * One customer's interaction events merged per (day, type): counts and minutes. Grows with active
 * days, not with event rows. Everything lives in one {@code long[]}, two longs a slot — day, type
 * and count packed; minutes (as a float) and 32 bits of the fingerprint of the slot's first row —
 * plus a small sorted set of the features used. Mutable, confined to the ingest thread.
 */
final class EventLog {
  private static final int STRIDE = 2;
  private static final long MAX_COUNT = (1L << 24) - 1;

  private long[] data = new long[2 * STRIDE];
  private RowFingerprints laterPrints;
  private int size;
  private int[] features = new int[0];
  private int featureCount;

  int size() {
    return size;
  }

  int day(int slot) {
    return (int) (data[slot * STRIDE] >> 32);
  }

  int type(int slot) {
    return (int) ((data[slot * STRIDE] >> 24) & 0xff);
  }

  int count(int slot) {
    return (int) (data[slot * STRIDE] & MAX_COUNT);
  }

  double minutes(int slot) {
    return Float.intBitsToFloat((int) (data[slot * STRIDE + 1] >>> 32));
  }

  int featureCount() {
    return featureCount;
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
  boolean add(int day, int type, double durationMinutes, long print, boolean rejectDuplicates) {
    int slot = slotFor(key(day, type));
    boolean fresh = remember(slot, print);
    if (fresh || !rejectDuplicates) {
      int base = slot * STRIDE;
      if ((data[base] & MAX_COUNT) < MAX_COUNT) {
        data[base]++;
      }
      if (!Double.isNaN(durationMinutes)) {
        float minutes = (float) (minutes(slot) + durationMinutes);
        data[base + 1] =
            ((long) Float.floatToRawIntBits(minutes) << 32) | (data[base + 1] & 0xffffffffL);
      }
    }
    return fresh;
  }

  private boolean remember(int slot, long print) {
    long stored = print == 0 ? 1 : print;
    long shortPrint = (stored ^ (stored >>> 32)) & 0xffffffffL;
    if (shortPrint == 0) {
      shortPrint = 1;
    }
    int at = slot * STRIDE + 1;
    long firstPrint = data[at] & 0xffffffffL;
    if (firstPrint == 0) {
      data[at] |= shortPrint;
      return true;
    }
    if (firstPrint == shortPrint) {
      return false;
    }
    if (laterPrints == null) {
      laterPrints = new RowFingerprints(4);
    }
    return laterPrints.add(stored ^ ((data[slot * STRIDE] >>> 24) * 0x9E3779B97F4A7C15L));
  }

  private long keyAt(int slot) {
    return data[slot * STRIDE] & ~MAX_COUNT;
  }

  private int slotFor(long key) {
    if (size > 0 && keyAt(size - 1) == key) {
      return size - 1;
    }
    if (size == 0 || keyAt(size - 1) < key) {
      grow();
      clear(size, key);
      return size++;
    }
    int low = 0;
    int high = size - 1;
    while (low <= high) {
      int middle = (low + high) >>> 1;
      long middleKey = keyAt(middle);
      if (middleKey < key) {
        low = middle + 1;
      } else if (middleKey > key) {
        high = middle - 1;
      } else {
        return middle;
      }
    }
    grow();
    System.arraycopy(data, low * STRIDE, data, (low + 1) * STRIDE, (size - low) * STRIDE);
    clear(low, key);
    size++;
    return low;
  }

  private void clear(int slot, long key) {
    int base = slot * STRIDE;
    data[base] = key;
    data[base + 1] = (long) Float.floatToRawIntBits(0f) << 32;
  }

  /** Drops spare capacity once ingest is done. */
  void trim() {
    if (data.length > size * STRIDE) {
      data = Arrays.copyOf(data, size * STRIDE);
    }
    features = new int[0]; // only the count is part of a history
  }

  private void grow() {
    if (size < data.length / STRIDE) {
      return;
    }
    data = Arrays.copyOf(data, (size + (size >> 2) + 2) * STRIDE);
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
}
