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

  /**
   * The fingerprint of a row in one customer's slot (a day, or a day and type), for a set shared by
   * all customers: rows match only within the same customer and slot (up to 64-bit collisions).
   */
  static long inSlot(int customer, long slot, long print) {
    return finish(print ^ (slot * 0x9E3779B97F4A7C15L) ^ ((customer + 1L) * 0xC2B2AE3D27D4EB4FL));
  }

  private static long mix(long value) {
    long mixed = value * 0x9E3779B97F4A7C15L;
    return mixed ^ (mixed >>> 32);
  }

  /** The start of a {@link #fold} chain. */
  static final long SEED = 0x9E3779B97F4A7C15L;

  /**
   * Folds the text {@code chars[from..to)} into a running 64-bit hash, for row fingerprints and
   * order ids. Four characters make one word, and two lanes take alternate words, so the chains of
   * multiplies are an eighth as long as the text; a last word holds the characters left over and
   * the length. Every step is a bijection of its lane: texts of the same length that differ in one
   * word always give different hashes. End with {@link #finish}.
   */
  static long fold(long hash, char[] chars, int from, int to) {
    long other = ~hash;
    int i = from;
    for (; i + 8 <= to; i += 8) {
      hash = step(hash, word(chars, i));
      other = step(other, word(chars, i + 4));
    }
    if (i + 4 <= to) {
      hash = step(hash, word(chars, i));
      i += 4;
    }
    long last = (long) ((to - from) & 0xffff) << 48;
    for (int shift = 0; i < to; i++, shift += 16) {
      last |= (long) chars[i] << shift;
    }
    return step(hash ^ Long.rotateLeft(other, 17), last);
  }

  private static long word(char[] chars, int i) {
    return chars[i]
        | (long) chars[i + 1] << 16
        | (long) chars[i + 2] << 32
        | (long) chars[i + 3] << 48;
  }

  private static long step(long hash, long word) {
    return Long.rotateLeft((hash ^ word) * 0xC2B2AE3D27D4EB4FL, 31);
  }

  /** Spreads every bit of a {@link #fold} chain over the result (MurmurHash3's finaliser). */
  static long finish(long hash) {
    hash = (hash ^ (hash >>> 33)) * 0xFF51AFD7ED558CCDL;
    hash = (hash ^ (hash >>> 33)) * 0xC4CEB9FE1A85EC53L;
    return hash ^ (hash >>> 33);
  }

  /** A 64-bit hash of a text, for order ids. Never 0. */
  static long hash(CharSequence text) {
    long hash;
    if (text instanceof CharSlice slice) {
      hash = finish(fold(SEED, slice.buffer, slice.offset, slice.offset + slice.length));
    } else {
      char[] chars = text.toString().toCharArray();
      hash = finish(fold(SEED, chars, 0, chars.length));
    }
    return hash == 0 ? 1 : hash;
  }
}
