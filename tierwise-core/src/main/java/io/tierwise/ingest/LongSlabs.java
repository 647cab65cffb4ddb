package io.tierwise.ingest;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.LongBuffer;
import java.util.Arrays;

/**
 * Storage for many small, growing arrays of longs — one per customer — kept in a few large pages
 * instead of one Java object per customer (ADR 0005). Regions come in sizes 1, 2, 3, 4, 6, 8, 12,
 * 16, 24… longs (two sizes an octave, so a region wastes at most a third); when a customer outgrows
 * one, the owner allocates the next size, copies, and frees the old region onto a free list of its
 * size, so holes are reused. With millions of customers this saves the object headers and pointers,
 * and leaves the garbage collector a handful of arrays to trace instead of millions of objects.
 *
 * <p>Pages are {@code long[]} on the Java heap, or native memory ({@link Memory#NATIVE}) that the
 * collector never copies or compacts: a command that holds its ledger to the end (ten million
 * customers: half a gigabyte of pages) keeps it out of the collector's way, while one that releases
 * the ledger as its results grow lets the heap reuse the pages' memory (ADR 0005).
 *
 * <p>Addresses are ints counting longs from the start of the first page (16 GB addressable).
 * Allocation and freeing are confined to one thread; reads and writes of distinct regions may come
 * from several threads once allocation is over.
 */
final class LongSlabs {
  /** Where the pages live. */
  enum Memory {
    /** {@code long[]} pages: memory a released page leaves is reused by the heap at once. */
    HEAP,
    /**
     * Direct buffers (counted against {@code -XX:MaxDirectMemorySize}, by default the heap's
     * maximum): pages the young collections never copy and full collections never move. A dropped
     * page's memory returns when the collector finds its buffer unreachable.
     */
    NATIVE
  }

  private static final int NONE = -1;
  private static final int PAGE_SHIFT = 22;
  private static final int PAGE_SIZE = 1 << PAGE_SHIFT;
  private static final int PAGE_MASK = PAGE_SIZE - 1;
  private static final int FIRST_PAGE = 1 << 12;

  private final boolean heap;
  // One of the two holds the pages, by memory.
  private long[][] pages;
  private LongBuffer[] buffers;

  /** Per page, the longs of regions allocated in it and not yet discarded. */
  private long[] live = new long[4];

  private int pageCount;

  /** The next free address in the last page. */
  private int top;

  /** Region sizes by class: 1, 2, 3, 4, 6, 8, 12… up to a page. */
  private static final int[] CAPACITIES = capacities();

  /** Per size class, the first free region; each free region holds the next one's address. */
  private final int[] freeHeads = new int[CAPACITIES.length];

  LongSlabs(Memory memory) {
    this.heap = memory == Memory.HEAP;
    pages = heap ? new long[4][] : null;
    buffers = heap ? null : new LongBuffer[4];
    Arrays.fill(freeHeads, NONE);
  }

  private static int[] capacities() {
    int[] sizes = new int[2 * PAGE_SHIFT + 1];
    sizes[0] = 1;
    int count = 1;
    for (int power = 1; power <= PAGE_SIZE; power *= 2) {
      if (power > 2) {
        sizes[count++] = power / 2 + power / 4; // 3, 6, 12, ...
      }
      if (power > 1) {
        sizes[count++] = power;
      }
    }
    return Arrays.copyOf(sizes, count);
  }

  // classFor of 0..SMALL, looked up: records grow one at a time, so the search below is for
  // regions of more than SMALL longs only.
  private static final int SMALL = 4096;
  private static final byte[] SMALL_CLASS = new byte[SMALL + 1];

  static {
    for (int longs = 0; longs <= SMALL; longs++) {
      SMALL_CLASS[longs] = (byte) searchClass(longs);
    }
  }

  /** The smallest size class whose regions hold at least {@code longs} longs. */
  static int classFor(int longs) {
    if (longs <= SMALL && longs >= 0) {
      return SMALL_CLASS[longs];
    }
    if (longs > PAGE_SIZE) {
      throw new IllegalArgumentException("a region of " + longs + " longs exceeds a page");
    }
    return searchClass(longs);
  }

  private static int searchClass(int longs) {
    int found = Arrays.binarySearch(CAPACITIES, Math.max(1, longs));
    return found >= 0 ? found : -found - 1;
  }

  static int capacity(int sizeClass) {
    return CAPACITIES[sizeClass];
  }

  /** A region of {@code capacity(sizeClass)} longs, zeroed. */
  int allocate(int sizeClass) {
    int length = capacity(sizeClass);
    int head = freeHeads[sizeClass];
    if (head != NONE) {
      freeHeads[sizeClass] = (int) get(head);
      live[head >>> PAGE_SHIFT] += length;
      int at = head & PAGE_MASK;
      if (heap) {
        Arrays.fill(pages[head >>> PAGE_SHIFT], at, at + length, 0L);
      } else {
        LongBuffer buffer = buffers[head >>> PAGE_SHIFT];
        for (int i = at; i < at + length; i++) {
          buffer.put(i, 0L);
        }
      }
      return head;
    }
    int within = pageCount == 0 ? PAGE_SIZE : top - ((pageCount - 1) << PAGE_SHIFT);
    if (within + length > PAGE_SIZE) {
      openPage();
      within = 0;
    }
    int pageLength = heap ? pages[pageCount - 1].length : buffers[pageCount - 1].capacity();
    if (within + length > pageLength) {
      int grown = pageLength;
      while (grown < within + length) {
        grown *= 2;
      }
      grown = Math.min(grown, PAGE_SIZE);
      if (heap) {
        pages[pageCount - 1] = Arrays.copyOf(pages[pageCount - 1], grown);
      } else {
        LongBuffer bigger = newBuffer(grown);
        bigger.put(0, buffers[pageCount - 1], 0, pageLength);
        buffers[pageCount - 1] = bigger;
      }
    }
    int address = ((pageCount - 1) << PAGE_SHIFT) | within;
    top = address + length;
    live[pageCount - 1] += length;
    return address;
  }

  private void openPage() {
    if (pageCount == live.length) {
      if (heap) {
        pages = Arrays.copyOf(pages, pageCount * 2);
      } else {
        buffers = Arrays.copyOf(buffers, pageCount * 2);
      }
      live = Arrays.copyOf(live, pageCount * 2);
    }
    if (pageCount >= (1 << (31 - PAGE_SHIFT))) {
      throw new IllegalStateException("ingest state exceeds 16 GB");
    }
    // A new page starts small and doubles as it fills, so a small input stays small.
    int length = pageCount == 0 ? FIRST_PAGE : PAGE_SIZE;
    if (heap) {
      pages[pageCount] = new long[length];
    } else {
      buffers[pageCount] = newBuffer(length);
    }
    top = pageCount << PAGE_SHIFT;
    pageCount++;
  }

  /** Returns a region to the free list of its size. */
  void free(int address, int sizeClass) {
    live[address >>> PAGE_SHIFT] -= capacity(sizeClass);
    set(address, freeHeads[sizeClass]);
    freeHeads[sizeClass] = address;
  }

  /** Ends allocation: free lists are forgotten and pages holding only free regions dropped. */
  void seal() {
    sealed = true;
    Arrays.fill(freeHeads, NONE);
    for (int page = 0; page < pageCount - 1; page++) {
      if (live[page] == 0) {
        drop(page);
      }
    }
  }

  /**
   * Gives up a region for good once ingest is over: a page whose regions are all discarded is
   * dropped, so memory falls as a last pass over the customers releases them. Safe from several
   * threads; the region's address must not be used again.
   */
  synchronized void discard(int address, int sizeClass) {
    int page = address >>> PAGE_SHIFT;
    live[page] -= capacity(sizeClass);
    if (live[page] == 0 && (sealed || page != pageCount - 1)) {
      drop(page); // once sealed, the last page goes too: nothing is allocated any more
    }
  }

  private boolean sealed;

  /** Pages still held (for tests). */
  int pagesHeld() {
    int held = 0;
    for (int page = 0; page < pageCount; page++) {
      held += (heap ? pages[page] == null : buffers[page] == null) ? 0 : 1;
    }
    return held;
  }

  private void drop(int page) {
    if (heap) {
      pages[page] = null;
    } else {
      buffers[page] = null;
    }
  }

  private static LongBuffer newBuffer(int longs) {
    return ByteBuffer.allocateDirect(longs * Long.BYTES)
        .order(ByteOrder.nativeOrder())
        .asLongBuffer();
  }

  long get(int address) {
    return heap
        ? pages[address >>> PAGE_SHIFT][address & PAGE_MASK]
        : buffers[address >>> PAGE_SHIFT].get(address & PAGE_MASK);
  }

  void set(int address, long value) {
    if (heap) {
      pages[address >>> PAGE_SHIFT][address & PAGE_MASK] = value;
    } else {
      buffers[address >>> PAGE_SHIFT].put(address & PAGE_MASK, value);
    }
  }

  /** Copies {@code length} longs between regions (or within one; overlapping is fine). */
  void copy(int from, int to, int length) {
    if (length > 0 && heap) {
      System.arraycopy(
          pages[from >>> PAGE_SHIFT],
          from & PAGE_MASK,
          pages[to >>> PAGE_SHIFT],
          to & PAGE_MASK,
          length);
    } else if (length > 0) {
      // an absolute bulk put copies as if through a temporary: overlapping is fine here too
      buffers[to >>> PAGE_SHIFT].put(
          to & PAGE_MASK, buffers[from >>> PAGE_SHIFT], from & PAGE_MASK, length);
    }
  }
}
