package io.tierwise.ingest;

import io.tierwise.TierwiseException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Texts — customer ids, category and feature names — interned to dense indexes 0, 1, 2… in
 * first-seen order. The texts sit back to back in byte pages (4 KB for the first, doubling to 4 MB,
 * so that growing never copies the ids already stored: at ten million ids a copy of one array would
 * briefly need 1.5 times its 110 MB), each as a length header (a variable-length number: the length
 * in characters, shifted left once, the low bit set for two-byte storage) followed by its
 * characters (one byte a character for Latin-1 ids, two otherwise). They are found through an
 * open-addressing table of ints: about 12 bytes a customer plus the id itself, and no String or
 * other object per customer (ADR 0005). A lookup compares characters in place, so a known id costs
 * no allocation. Confined to one thread while ids are added; reads are safe from several threads
 * afterwards.
 */
final class TextIds {
  // A text's address is its page << PAGE_BITS | its start in the page. A text longer than a page
  // gets a page of its own, at start 0.
  private static final int PAGE_BITS = 22;
  private static final int MAX_PAGES = 1 << (31 - PAGE_BITS);
  private static final int FIRST_PAGE = 1 << 12;

  private byte[][] pages = {new byte[FIRST_PAGE]};
  private byte[] page = pages[0];
  private int pageIndex;
  private int used; // in the current page
  private int[] offset = new int[1 << 10];
  // The lookup table: an entry is a text's index + 1 in its low tableBits bits (the load factor
  // keeps it below 2^tableBits) and, above them, hash bits the slot did not use: a probe passes
  // over another text without reading that text's bytes, a cache miss elsewhere in memory, unless
  // those bits agree too.
  private int tableBits = 11;
  private static final int REHASH_GROUP = 32;
  private long touched; // keeps the reads of rehash(); its value means nothing
  private int[] index = new int[1 << tableBits];
  private int size;
  private int last = -1;

  // Where the last id's characters start (Latin-1 ids; -1 otherwise): checked on every row.
  private byte[] lastPage;
  private int lastBody = -1;
  private int lastLength;

  int size() {
    return size;
  }

  /** The dense index of {@code id}, creating it on first sight. */
  int intern(CharSequence id) {
    if (last >= 0 && (lastBody >= 0 ? sameAsLast(id) : same(last, id))) {
      return last;
    }
    return find(id, CharSlice.hash(id));
  }

  /**
   * As {@link #intern(CharSequence)}, given {@code textHash}, which must be {@link CharSlice#hash}
   * of {@code id} (worked out ahead, on the thread that reads the rows).
   */
  int intern(CharSequence id, int textHash) {
    if (last >= 0 && (lastBody >= 0 ? sameAsLast(id) : same(last, id))) {
      return last;
    }
    return find(id, textHash);
  }

  private int find(CharSequence id, int textHash) {
    int mask = index.length - 1;
    int hash = spread(textHash);
    int slot = hash & mask;
    int tag = tag(hash);
    while (true) {
      int entry = index[slot];
      if (entry == 0) {
        break;
      }
      if (entry >>> tableBits == tag && same((entry & mask) - 1, id)) {
        remember((entry & mask) - 1);
        return last;
      }
      slot = (slot + 1) & mask;
    }
    int customer = add(id);
    index[slot] = tag << tableBits | (customer + 1);
    if ((long) size * 10 > (long) index.length * 7) { // load factor at most 0.7
      rehash();
    }
    remember(customer);
    return customer;
  }

  /**
   * Reads the table slot where {@code id} would be looked up, changing nothing. Called for the ids
   * of many rows before they are interned, it lets the cache misses of new ids overlap instead of
   * each stalling the row it comes with (ten million new ids: about two seconds). The value means
   * nothing; add it up somewhere so that the reads are kept.
   */
  int touch(CharSequence id) {
    return touchHashed(CharSlice.hash(id));
  }

  /** As {@link #touch}, given the id's {@link CharSlice#hash}. */
  int touchHashed(int textHash) {
    return index[spread(textHash) & (index.length - 1)];
  }

  private void remember(int customer) {
    last = customer;
    int header = header(customer);
    lastPage = pageOf(customer);
    lastBody = (header & 1) == 0 ? bodyAt(customer, header) : -1;
    lastLength = header >>> 1;
  }

  private boolean sameAsLast(CharSequence id) {
    int length = id.length();
    if (length != lastLength) {
      return false;
    }
    byte[] bytes = lastPage;
    for (int i = 0; i < length; i++) {
      if ((bytes[lastBody + i] & 0xff) != id.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private int add(CharSequence id) {
    if (size == offset.length) {
      offset = Arrays.copyOf(offset, size + (size >> 1));
    }
    int length = id.length();
    boolean latin1 = true;
    for (int i = 0; i < length && latin1; i++) {
      latin1 = id.charAt(i) < 0x100;
    }
    int header = length << 1 | (latin1 ? 0 : 1);
    long needed = 5 + (latin1 ? length : 2L * length);
    if (needed > Integer.MAX_VALUE - 16) {
      throw tooLong();
    }
    if (used + needed > page.length) {
      newPage((int) needed);
    }
    byte[] bytes = page;
    int at = used;
    offset[size] = pageIndex << PAGE_BITS | at;
    while (header >= 0x80) {
      bytes[at++] = (byte) (header | 0x80);
      header >>>= 7;
    }
    bytes[at++] = (byte) header;
    if (latin1) {
      for (int i = 0; i < length; i++) {
        bytes[at + i] = (byte) id.charAt(i);
      }
      used = at + length;
    } else {
      for (int i = 0; i < length; i++) {
        char c = id.charAt(i);
        bytes[at + 2 * i] = (byte) (c >>> 8);
        bytes[at + 2 * i + 1] = (byte) c;
      }
      used = at + 2 * length;
    }
    return size++;
  }

  /** Starts a page with room for at least {@code needed} bytes. */
  private void newPage(int needed) {
    if (pageIndex + 1 == MAX_PAGES) {
      throw tooLong();
    }
    int normal = Math.min(1 << PAGE_BITS, page.length * 2);
    if (pageIndex + 1 == pages.length) {
      pages = Arrays.copyOf(pages, pages.length * 2);
    }
    page = new byte[Math.max(normal, needed)];
    pages[++pageIndex] = page;
    used = 0;
  }

  private static TierwiseException tooLong() {
    return TierwiseException.invalidInput(
        "customer ids take more than 2 GB together; ids of this length are not supported");
  }

  private byte[] pageOf(int customer) {
    return pages[offset[customer] >>> PAGE_BITS];
  }

  /** The length header of id {@code customer}; {@link #bodyAt} tells where its characters start. */
  private int header(int customer) {
    byte[] bytes = pageOf(customer);
    int at = offset[customer] & ((1 << PAGE_BITS) - 1);
    int header = 0;
    int shift = 0;
    byte b;
    do {
      b = bytes[at++];
      header |= (b & 0x7f) << shift;
      shift += 7;
    } while (b < 0);
    return header;
  }

  private static int headerBytes(int header) {
    int count = 1;
    while (header >= 0x80) {
      header >>>= 7;
      count++;
    }
    return count;
  }

  /** Where the characters of id {@code customer} start in {@link #pageOf its page}. */
  private int bodyAt(int customer, int header) {
    return (offset[customer] & ((1 << PAGE_BITS) - 1)) + headerBytes(header);
  }

  /** Whether stored id {@code customer} has the characters of {@code id}. */
  boolean same(int customer, CharSequence id) {
    int length = id.length();
    int header = header(customer);
    if (header >>> 1 != length) {
      return false;
    }
    int at = bodyAt(customer, header);
    byte[] bytes = pageOf(customer);
    if ((header & 1) == 0) {
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
    int header = header(customer);
    int length = header >>> 1;
    int at = bodyAt(customer, header);
    byte[] bytes = pageOf(customer);
    if ((header & 1) == 0) {
      return new String(bytes, at, length, StandardCharsets.ISO_8859_1);
    }
    return new String(bytes, at, 2 * length, StandardCharsets.UTF_16BE);
  }

  /**
   * The UTF-8 bytes of id {@code customer}: copied as stored when it is ASCII (no String made),
   * else encoded.
   */
  byte[] utf8(int customer) {
    int header = header(customer);
    if ((header & 1) == 0) {
      int length = header >>> 1;
      int at = bodyAt(customer, header);
      byte[] bytes = pageOf(customer);
      boolean ascii = true;
      for (int i = 0; i < length && ascii; i++) {
        ascii = bytes[at + i] >= 0;
      }
      if (ascii) {
        return Arrays.copyOfRange(bytes, at, at + length);
      }
    }
    return id(customer).getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Copies the UTF-8 bytes of id {@code customer} into {@code into} when it is ASCII and fits:
   * returns their count; otherwise -1 and nothing is copied (then use {@link #utf8(int)}).
   */
  int asciiInto(int customer, byte[] into) {
    int header = header(customer);
    int length = header >>> 1;
    if ((header & 1) != 0 || length > into.length) {
      return -1;
    }
    int at = bodyAt(customer, header);
    byte[] bytes = pageOf(customer);
    for (int i = 0; i < length; i++) {
      byte b = bytes[at + i];
      if (b < 0) {
        return -1;
      }
      into[i] = b;
    }
    return length;
  }

  /** The same value as {@link String#hashCode()} of id {@code customer}. */
  private int hash(int customer) {
    int header = header(customer);
    int length = header >>> 1;
    int at = bodyAt(customer, header);
    byte[] bytes = pageOf(customer);
    int hash = 0;
    if ((header & 1) == 0) { // four characters a step, as CharSlice.hash
      int i = 0;
      for (; i + 4 <= length; i += 4) {
        hash =
            31 * 31 * 31 * 31 * hash
                + 31 * 31 * 31 * (bytes[at + i] & 0xff)
                + 31 * 31 * (bytes[at + i + 1] & 0xff)
                + 31 * (bytes[at + i + 2] & 0xff)
                + (bytes[at + i + 3] & 0xff);
      }
      for (; i < length; i++) {
        hash = 31 * hash + (bytes[at + i] & 0xff);
      }
    } else {
      for (int i = 0; i < length; i++) {
        hash =
            31 * hash + (char) ((bytes[at + 2 * i] & 0xff) << 8 | (bytes[at + 2 * i + 1] & 0xff));
      }
    }
    return hash;
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

  /** The bits of a spread hash above those that chose the slot, as many as fit in an entry. */
  private int tag(int hash) {
    return (hash >>> tableBits) & ((1 << (31 - tableBits)) - 1);
  }

  private void rehash() {
    tableBits++;
    int[] bigger = new int[1 << tableBits];
    int mask = bigger.length - 1;
    // In groups: first the hashes and a read of each home slot (independent cache misses that
    // overlap), then the inserts, which find those slots in the cache.
    int[] hashes = new int[REHASH_GROUP];
    int sum = 0;
    for (int from = 0; from < size; from += REHASH_GROUP) {
      int to = Math.min(size, from + REHASH_GROUP);
      for (int customer = from; customer < to; customer++) {
        int hash = spread(hash(customer));
        hashes[customer - from] = hash;
        sum += bigger[hash & mask];
      }
      for (int customer = from; customer < to; customer++) {
        int hash = hashes[customer - from];
        int slot = hash & mask;
        while (bigger[slot] != 0) {
          slot = (slot + 1) & mask;
        }
        bigger[slot] = tag(hash) << tableBits | (customer + 1);
      }
    }
    touched += sum;
    index = bigger;
  }

  /**
   * Drops the lookup table and spare capacity once all texts are in: none is added after. The
   * current page is cut to what it holds only while small, since a copy needs both.
   */
  void trim() {
    index = null;
    if (page.length <= FIRST_PAGE << 4) {
      page = Arrays.copyOf(page, used);
      pages[pageIndex] = page;
    }
    pages = Arrays.copyOf(pages, pageIndex + 1);
    if (offset.length - size > offset.length / 8) {
      offset = Arrays.copyOf(offset, size);
    }
  }
}
