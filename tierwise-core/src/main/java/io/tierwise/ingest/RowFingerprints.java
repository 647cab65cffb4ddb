package io.tierwise.ingest;

/**
 * A set of 64-bit row fingerprints (open addressing, primitive longs) for finding rows identical to
 * an earlier row without keeping the rows: 16 bytes per distinct row.
 */
final class RowFingerprints {
  private long[] slots = new long[1 << 12];
  private boolean containsZero;
  private int size;

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

  /** A 64-bit fingerprint of the current row's fields. */
  static long of(RowSource row) {
    long hash = 0xcbf29ce484222325L;
    int count = row.fieldCount();
    for (int i = 0; i < count; i++) {
      String field = row.field(i);
      for (int j = 0; j < field.length(); j++) {
        hash = (hash ^ field.charAt(j)) * 0x100000001b3L;
      }
      hash = (hash ^ 0x1f) * 0x100000001b3L;
      hash = Long.rotateLeft(hash, 7) ^ count;
    }
    return hash;
  }

  /** A 64-bit hash of a text, for order ids. Never 0. */
  static long hash(String text) {
    long hash = 0xcbf29ce484222325L;
    for (int i = 0; i < text.length(); i++) {
      hash = (hash ^ text.charAt(i)) * 0x100000001b3L;
    }
    return hash == 0 ? 1 : hash;
  }
}
