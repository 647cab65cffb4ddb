package io.tierwise.clv;

import java.util.Arrays;

/**
 * Rows of counters keyed by three longs, in first-seen order: the table behind {@link
 * CompressedStats.Builder} (customers per distinct (x, t_x, T) and (x, mean value)) and {@link
 * ClvScorer}'s terms per distinct (x, t_x, T). Doubles enter as their bits, mixed with the murmur3
 * finaliser: a plain record hash leaves whole-number recencies and ages with equal low bits. Keys
 * and counts sit in primitive arrays found through an open-addressing table of ints, so a lookup
 * among hundreds of thousands of rows costs a cache miss or two rather than a walk through boxed
 * keys and map nodes (with ten million customers the map lookups were two thirds of the statistics
 * pass). Not thread-safe.
 */
final class KeyedCounts {
  private final int width;
  private long[] keys = new long[3 * 256];
  private long[] counts;
  private int[] table = new int[512];
  private int rows;

  /** Rows of {@code width} counters each. */
  KeyedCounts(int width) {
    this.width = width;
    this.counts = new long[width * 256];
  }

  int rows() {
    return rows;
  }

  long key(int row, int part) {
    return keys[3 * row + part];
  }

  long count(int row, int counter) {
    return counts[width * row + counter];
  }

  /** Adds {@code amount} to counter {@code counter} of the row keyed (a, b, c), made if new. */
  void add(long a, long b, long c, int counter, long amount) {
    add(row(a, b, c), counter, amount);
  }

  void add(int row, int counter, long amount) {
    counts[width * row + counter] += amount;
  }

  /** The row keyed (a, b, c), created (with zero counters) on first sight. */
  int row(long a, long b, long c) {
    int mask = table.length - 1;
    int slot = hash(a, b, c) & mask;
    while (true) {
      int entry = table[slot];
      if (entry == 0) {
        break;
      }
      int at = 3 * (entry - 1);
      if (keys[at] == a && keys[at + 1] == b && keys[at + 2] == c) {
        return entry - 1;
      }
      slot = (slot + 1) & mask;
    }
    if (3 * (rows + 1) > keys.length) {
      keys = Arrays.copyOf(keys, keys.length * 2);
      counts = Arrays.copyOf(counts, counts.length * 2);
    }
    keys[3 * rows] = a;
    keys[3 * rows + 1] = b;
    keys[3 * rows + 2] = c;
    table[slot] = rows + 1;
    rows++;
    if (rows * 2 > table.length) {
      rehash();
    }
    return rows - 1;
  }

  private static int hash(long a, long b, long c) {
    long h = mix(a * 0x9E3779B97F4A7C15L ^ b);
    h = mix(h ^ c);
    return (int) (h ^ (h >>> 32));
  }

  /** The murmur3 64-bit finaliser. */
  private static long mix(long value) {
    long h = value;
    h ^= h >>> 33;
    h *= 0xFF51AFD7ED558CCDL;
    h ^= h >>> 33;
    h *= 0xC4CEB9FE1A85EC53L;
    return h ^ (h >>> 33);
  }

  private void rehash() {
    table = new int[table.length * 2];
    int mask = table.length - 1;
    for (int row = 0; row < rows; row++) {
      int slot = hash(keys[3 * row], keys[3 * row + 1], keys[3 * row + 2]) & mask;
      while (table[slot] != 0) {
        slot = (slot + 1) & mask;
      }
      table[slot] = row + 1;
    }
  }
}
