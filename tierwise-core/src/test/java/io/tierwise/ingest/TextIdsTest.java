package io.tierwise.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextIdsTest {

  @Test
  void idsSpreadOverManyPagesKeepTheirIndexesAndText() {
    TextIds ids = new TextIds();
    int count = 400_000; // about 7 MB of ids: the 4 KB first page and several more
    for (int i = 0; i < count; i++) {
      assertThat(ids.intern(id(i))).isEqualTo(i);
    }
    String unicode = "客户-" + "é".repeat(3);
    String huge = "H".repeat(5 * 1024 * 1024); // longer than a page: a page of its own
    assertThat(ids.intern(unicode)).isEqualTo(count);
    assertThat(ids.intern(huge)).isEqualTo(count + 1);
    assertThat(ids.intern("after-the-huge-one")).isEqualTo(count + 2);
    for (int i = 0; i < count; i += 997) {
      assertThat(ids.intern(id(i))).isEqualTo(i);
    }
    assertThat(ids.intern(huge)).isEqualTo(count + 1);
    assertThat(ids.size()).isEqualTo(count + 3);

    ids.trim();
    assertThat(ids.id(0)).isEqualTo(id(0));
    assertThat(ids.id(count - 1)).isEqualTo(id(count - 1));
    assertThat(ids.id(count)).isEqualTo(unicode);
    assertThat(ids.id(count + 1)).isEqualTo(huge);
    assertThat(ids.id(count + 2)).isEqualTo("after-the-huge-one");
    assertThat(ids.utf8(7)).isEqualTo(id(7).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThat(ids.utf8(count))
        .isEqualTo(unicode.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  @Test
  void latinOneIdsBeyondAsciiAreEncodedAsUtf8() {
    TextIds ids = new TextIds();
    ids.intern("Müller");
    assertThat(ids.utf8(0)).isEqualTo("Müller".getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  @Test
  void asciiIdsAreCopiedIntoAGivenBufferAndOthersAreRefused() {
    TextIds ids = new TextIds();
    ids.intern("C0001");
    ids.intern("Müller");
    ids.intern("東京-7");
    byte[] buffer = new byte[8];
    assertThat(ids.asciiInto(0, buffer)).isEqualTo(5);
    assertThat(java.util.Arrays.copyOf(buffer, 5)).isEqualTo(ids.utf8(0));
    assertThat(ids.asciiInto(1, buffer)).as("Latin-1 beyond ASCII").isEqualTo(-1);
    assertThat(ids.asciiInto(2, buffer)).as("two-byte storage").isEqualTo(-1);
    assertThat(ids.asciiInto(0, new byte[4])).as("does not fit").isEqualTo(-1);
  }

  private static String id(int i) {
    return "customer-" + i;
  }
}
