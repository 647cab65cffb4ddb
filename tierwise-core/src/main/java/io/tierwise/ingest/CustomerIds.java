package io.tierwise.ingest;

import io.tierwise.TierwiseException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Customer ids interned to dense indexes 0, 1, 2… in first-seen order. The ids' characters sit back
 * to back in one byte array (one byte a character for Latin-1 ids, two otherwise), found through an
 * open-addressing table of ints: about 20 bytes a customer plus the id itself, and no String or
 * other object per customer (ADR 0005). A lookup compares characters in place, so a known id costs
 * no allocation. Confined to one thread while ids are added; reads are safe from several threads
 * afterwards.
 */
final class CustomerIds {
  private byte[] bytes = new byte[1 << 12];
  private int used;
  private int[] offset = new int[1 << 10];

  /** Length in characters, shifted left once; the low bit marks two-byte (UTF-16) storage. */
  private int[] shape = new int[1 << 10];

  private int[] hash = new int[1 << 10];
  private int[] index = new int[1 << 11];
  private int size;
  private int last = -1;

  int size() {
    return size;
  }

  /** The dense index of {@code id}, creating it on first sight. */
  int intern(CharSequence id) {
    if (last >= 0 && same(last, id)) {
      return last;
    }
    int h = CharSlice.hash(id);
    int mask = index.length - 1;
    int slot = spread(h) & mask;
    while (true) {
      int entry = index[slot];
      if (entry == 0) {
        break;
      }
      if (hash[entry - 1] == h && same(entry - 1, id)) {
        last = entry - 1;
        return last;
      }
      slot = (slot + 1) & mask;
    }
    int customer = add(id, h);
    index[slot] = customer + 1;
    if (size * 2 > index.length) {
      rehash();
    }
    last = customer;
    return customer;
  }

  private int add(CharSequence id, int h) {
    if (size == offset.length) {
      int capacity = size * 2;
      offset = Arrays.copyOf(offset, capacity);
      shape = Arrays.copyOf(shape, capacity);
      hash = Arrays.copyOf(hash, capacity);
    }
    int length = id.length();
    boolean latin1 = true;
    for (int i = 0; i < length && latin1; i++) {
      latin1 = id.charAt(i) < 0x100;
    }
    long needed = (long) used + (latin1 ? length : 2L * length);
    if (needed > Integer.MAX_VALUE - 16) {
      throw TierwiseException.invalidInput(
          "customer ids take more than 2 GB together; ids of this length are not supported");
    }
    if (needed > bytes.length) {
      bytes =
          Arrays.copyOf(
              bytes, (int) Math.min(Integer.MAX_VALUE - 16, Math.max(needed, 2L * bytes.length)));
    }
    int at = used;
    if (latin1) {
      for (int i = 0; i < length; i++) {
        bytes[at + i] = (byte) id.charAt(i);
      }
    } else {
      for (int i = 0; i < length; i++) {
        char c = id.charAt(i);
        bytes[at + 2 * i] = (byte) (c >>> 8);
        bytes[at + 2 * i + 1] = (byte) c;
      }
    }
    used = (int) needed;
    offset[size] = at;
    shape[size] = length << 1 | (latin1 ? 0 : 1);
    hash[size] = h;
    return size++;
  }

  /** Whether stored id {@code customer} has the characters of {@code id}. */
  private boolean same(int customer, CharSequence id) {
    int length = id.length();
    int s = shape[customer];
    if (s >>> 1 != length) {
      return false;
    }
    int at = offset[customer];
    if ((s & 1) == 0) {
      for (int i = 0; i < length; i++) {
        if ((bytes[at + i] & 0xff) != id.charAt(i)) {
          return false;
        }
      }
    } else {
      for (int i = 0; i < length; i++) {
        char c = (char) ((bytes[at + 2 * i] & 0xff) << 8 | (bytes[at + 2 * i + 1] & 0xff));
        if (c != id.charAt(i)) {
          return false;
        }
      }
    }
    return true;
  }

  /** The id of customer {@code customer}, as a new String. */
  String id(int customer) {
    int s = shape[customer];
    int length = s >>> 1;
    int at = offset[customer];
    if ((s & 1) == 0) {
      return new String(bytes, at, length, StandardCharsets.ISO_8859_1);
    }
    return new String(bytes, at, 2 * length, StandardCharsets.UTF_16BE);
  }

  /**
   * Mixes every bit of a String hash into the low bits a slot is taken from (the murmur3
   * finaliser): ids such as {@code C000123456} differ in a few low digits only.
   */
  private static int spread(int h) {
    int mixed = h;
    mixed ^= mixed >>> 16;
    mixed *= 0x85EBCA6B;
    mixed ^= mixed >>> 13;
    mixed *= 0xC2B2AE35;
    return mixed ^ (mixed >>> 16);
  }

  private void rehash() {
    int[] bigger = new int[index.length * 2];
    int mask = bigger.length - 1;
    for (int customer = 0; customer < size; customer++) {
      int slot = spread(hash[customer]) & mask;
      while (bigger[slot] != 0) {
        slot = (slot + 1) & mask;
      }
      bigger[slot] = customer + 1;
    }
    index = bigger;
  }

  /** Drops spare capacity and the lookup table once all ids are in: no id is added after. */
  void trim() {
    index = null;
    bytes = Arrays.copyOf(bytes, used);
    hash = Arrays.copyOf(hash, size);
    offset = Arrays.copyOf(offset, size);
    shape = Arrays.copyOf(shape, size);
  }
}
