package io.tierwise.ingest;

/**
 * A set of 64-bit row fingerprints (open addressing, primitive longs) for finding rows identical to
 * an earlier row without keeping the rows: 16 bytes per distinct row.
 */
final class RowFingerprints {
  private long[] slots;
  private boolean containsZero;
  private int size;

  RowFingerprints() {
    this(1 << 12);
  }

  /** A set sized for about {@code expected} fingerprints before it grows. */
  RowFingerprints(int expected) {
    int capacity = Integer.highestOneBit(Math.max(8, expected * 2 - 1)) << 1;
    slots = new long[capacity];
  }

  /** Adds a fingerprint; false if it was already there. */
  boolean add(long fingerprint) {
    if (fingerprint == 0) {
      boolean added = !containsZero;
      containsZero = true;
      return added;
    }
    int mask = slots.length - 1;
    int slot = (int) mix(fingerprint) & mask;
    while (true) {
      long current = slots[slot];
      if (current == 0) {
        slots[slot] = fingerprint;
        if (++size > slots.length / 2) {
          rehash();
        }
        return true;
      }
      if (current == fingerprint) {
        return false;
      }
      slot = (slot + 1) & mask;
    }
  }

  private void rehash() {
    long[] old = slots;
    slots = new long[old.length * 2];
    int mask = slots.length - 1;
    for (long fingerprint : old) {
      if (fingerprint != 0) {
        int slot = (int) mix(fingerprint) & mask;
        while (slots[slot] != 0) {
          slot = (slot + 1) & mask;
        }
        slots[slot] = fingerprint;
      }
    }
  }

  private static long mix(long value) {
    long mixed = value * 0x9E3779B97F4A7C15L;
    return mixed ^ (mixed >>> 32);
  }

  /** A 64-bit hash of a text, for order ids. Never 0. */
  static long hash(CharSequence text) {
    long hash = 0xcbf29ce484222325L;
    int length = text.length();
    for (int i = 0; i < length; i++) {
      hash = (hash ^ text.charAt(i)) * 0x100000001b3L;
    }
    return hash == 0 ? 1 : hash;
  }
}
