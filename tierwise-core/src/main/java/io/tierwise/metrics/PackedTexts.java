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
    int[] starts = new int[texts.length + 1];
    long total = 0;
    for (String text : texts) {
      total += text.length();
    }
    byte[] bytes = new byte[(int) Math.min(MAX_BYTES, total)]; // exact for ASCII ids
    int used = 0;
    for (int i = 0; i < texts.length; i++) {
      byte[] utf8 = texts[i].getBytes(StandardCharsets.UTF_8);
      if ((long) used + utf8.length > MAX_BYTES) {
        throw TierwiseException.invalidInput(
            "customer ids take more than 2 GB together; ids of this length are not supported");
      }
      if (used + utf8.length > bytes.length) {
        bytes =
            Arrays.copyOf(
                bytes, (int) Math.min(MAX_BYTES, Math.max(used + utf8.length, 2L * bytes.length)));
      }
      System.arraycopy(utf8, 0, bytes, used, utf8.length);
      used += utf8.length;
      starts[i + 1] = used;
    }
    return new PackedTexts(used == bytes.length ? bytes : Arrays.copyOf(bytes, used), starts);
  }

  /**
   * The customer ids of {@code base}, in customer order, read from the ledger's own bytes: no
   * String per customer is kept while a table is computed.
   */
  static PackedTexts ofIds(CustomerBase base) {
    int size = base.size();
    int[] starts = new int[size + 1];
    byte[] bytes = new byte[Math.max(16, size * 11)];
    byte[] id = new byte[256];
    int used = 0;
    for (int i = 0; i < size; i++) {
      int length = base.customerIdUtf8(i, id);
      byte[] utf8 = id;
      if (length < 0) {
        utf8 = base.customerIdUtf8(i);
        length = utf8.length;
      }
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
      starts[i + 1] = used;
    }
    return new PackedTexts(used == bytes.length ? bytes : Arrays.copyOf(bytes, used), starts);
  }

  int size() {
    return starts.length - 1;
  }

  String get(int index) {
    return new String(
        bytes, starts[index], starts[index + 1] - starts[index], StandardCharsets.UTF_8);
  }
}
