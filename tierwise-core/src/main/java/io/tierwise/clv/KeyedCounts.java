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
  private static final int KEY = 3;

  private final int width;
  private final int stride;

  // Row r is data[r * stride ..]: its three key parts, then its counters, side by side so that a
  // lookup and the count it updates touch the same cache line or two.
  private long[] data;
  private int[] table = new int[512];
  private int rows;

  /** Rows of {@code width} counters each. */
  KeyedCounts(int width) {
    this.width = width;
    this.stride = KEY + width;
    this.data = new long[stride * 256];
  }

  int rows() {
    return rows;
  }

  long key(int row, int part) {
    return data[stride * row + part];
  }

  long count(int row, int counter) {
    return data[stride * row + KEY + counter];
  }

  /** Adds {@code amount} to counter {@code counter} of the row keyed (a, b, c), made if new. */
  void add(long a, long b, long c, int counter, long amount) {
    add(row(a, b, c), counter, amount);
  }

  void add(int row, int counter, long amount) {
    data[stride * row + KEY + counter] += amount;
  }

  /**
   * Adds every row of {@code other} (of the same width) in its order: rows new here are appended in
   * the order {@code other} first saw them, so merging the tables of consecutive parts of the input
   * gives the table of the whole input.
   */
  void addAll(KeyedCounts other) {
    if (other.width != width) {
      throw new IllegalArgumentException("tables of different widths");
    }
    for (int from = 0; from < other.rows; from++) {
      int at = other.stride * from;
      long[] source = other.data;
      int to = stride * row(source[at], source[at + 1], source[at + 2]) + KEY;
      for (int counter = 0; counter < width; counter++) {
        data[to + counter] += source[at + KEY + counter];
      }
    }
  }

  /**
   * Reads where the row keyed (a, b, c) is, without changing anything: called for several keys
   * before they are looked up, it lets their cache misses overlap. The value means nothing; add it
   * up somewhere so that the reads are kept.
   */
  long touch(long a, long b, long c) {
    int entry = table[hash(a, b, c) & (table.length - 1)];
    return entry == 0 ? 0 : data[stride * (entry - 1)];
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
      int at = stride * (entry - 1);
      if (data[at] == a && data[at + 1] == b && data[at + 2] == c) {
        return entry - 1;
      }
      slot = (slot + 1) & mask;
    }
    if (stride * (rows + 1) > data.length) {
      data = Arrays.copyOf(data, data.length * 2);
    }
    int at = stride * rows;
    data[at] = a;
    data[at + 1] = b;
    data[at + 2] = c;
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
      int at = stride * row;
      int slot = hash(data[at], data[at + 1], data[at + 2]) & mask;
      while (table[slot] != 0) {
        slot = (slot + 1) & mask;
      }
      table[slot] = row + 1;
    }
  }
}
