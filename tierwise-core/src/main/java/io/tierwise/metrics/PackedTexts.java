package io.tierwise.metrics;

import io.tierwise.TierwiseException;
import io.tierwise.ingest.CustomerBase;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Many short texts — the customer ids of a table — kept as one array of their UTF-8 bytes and one
 * of offsets: about 15 bytes a million-customer id instead of a String's 56, and two objects
 * instead of a million for the collector to trace. Reading one makes a String. Immutable.
 */
final class PackedTexts {
  private final byte[] bytes;
  private final int[] starts; // text i is bytes[starts[i] .. starts[i + 1])

  private PackedTexts(byte[] bytes, int[] starts) {
    this.bytes = bytes;
    this.starts = starts;
  }

  private static final int MAX_BYTES = Integer.MAX_VALUE - 16;

  static PackedTexts of(String[] texts) {
    long total = 0;
    for (String text : texts) {
      total += text.length();
    }
    Packer packer = new Packer(texts.length, total); // exact for ASCII ids
    for (String text : texts) {
      byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
      packer.add(utf8, utf8.length);
    }
    return packer.packed();
  }

  /**
   * The customer ids of {@code base}, in customer order, read from the ledger's own bytes: no
   * String per customer is kept while a table is computed.
   */
  static PackedTexts ofIds(CustomerBase base) {
    return ofIds(base, null);
  }

  /** As {@link #ofIds(CustomerBase)}, of the customers at {@code customers} (all when null). */
  static PackedTexts ofIds(CustomerBase base, int[] customers) {
    int count = customers == null ? base.size() : customers.length;
    Packer packer = new Packer(count, 11L * count);
    byte[] id = new byte[256];
    for (int row = 0; row < count; row++) {
      int i = customers == null ? row : customers[row];
      int length = base.customerIdUtf8(i, id);
      if (length >= 0) {
        packer.add(id, length);
      } else {
        byte[] utf8 = base.customerIdUtf8(i);
        packer.add(utf8, utf8.length);
      }
    }
    return packer.packed();
  }

  /** Appends texts' bytes one after the other, growing the array as needed. */
  private static final class Packer {
    private final int[] starts;
    private byte[] bytes;
    private int count;
    private int used;

    Packer(int texts, long expectedBytes) {
      starts = new int[texts + 1];
      bytes = new byte[(int) Math.min(MAX_BYTES, expectedBytes)];
    }

    void add(byte[] utf8, int length) {
      if ((long) used + length > MAX_BYTES) {
        throw TierwiseException.invalidInput(
            "customer ids take more than 2 GB together; ids of this length are not supported");
      }
      if (used + length > bytes.length) {
        bytes =
            Arrays.copyOf(
                bytes, (int) Math.min(MAX_BYTES, Math.max(used + length, 2L * bytes.length)));
      }
      System.arraycopy(utf8, 0, bytes, used, length);
      used += length;
      starts[++count] = used;
    }

    PackedTexts packed() {
      return new PackedTexts(used == bytes.length ? bytes : Arrays.copyOf(bytes, used), starts);
    }
  }

  int size() {
    return starts.length - 1;
  }

  String get(int index) {
    return new String(
        bytes, starts[index], starts[index + 1] - starts[index], StandardCharsets.UTF_8);
  }
}
