package io.tierwise.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class CharSliceTest {

  @Test
  void hashIsStringHashCodeForEveryLength() {
    Random random = new Random(3);
    for (int length = 0; length < 40; length++) {
      for (int trial = 0; trial < 20; trial++) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
          text.append((char) (trial % 3 == 0 ? random.nextInt(0x3000) : 32 + random.nextInt(95)));
        }
        String string = text.toString();
        char[] buffer = ("ab" + string + "z").toCharArray();
        CharSlice slice = new CharSlice().set(buffer, 2, length);
        assertThat(CharSlice.hash(slice)).as("'%s'", string).isEqualTo(string.hashCode());
      }
    }
  }

  @Test
  void sizeClassesFromTheTableAgreeWithTheSearch() {
    for (int longs = 0; longs <= 4096; longs++) {
      int sizeClass = LongSlabs.classFor(longs);
      assertThat(LongSlabs.capacity(sizeClass)).isGreaterThanOrEqualTo(Math.max(1, longs));
      if (sizeClass > 0) {
        assertThat(LongSlabs.capacity(sizeClass - 1)).isLessThan(Math.max(1, longs));
      }
    }
  }
}
