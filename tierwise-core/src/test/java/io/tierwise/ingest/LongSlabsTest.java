package io.tierwise.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class LongSlabsTest {

  /** A last pass that discards every region gives every page back, the last one included. */
  @ParameterizedTest
  @EnumSource(LongSlabs.Memory.class)
  void discardingEveryRegionAfterSealingFreesEveryPage(LongSlabs.Memory memory) {
    LongSlabs slabs = new LongSlabs(memory);
    int sizeClass = LongSlabs.classFor(1_000);
    List<Integer> regions = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) { // 10 M longs: several 4 M-long pages
      regions.add(slabs.allocate(sizeClass));
    }
    assertThat(slabs.pagesHeld()).isGreaterThan(2);
    slabs.seal();
    for (int i = 0; i < regions.size() - 1; i++) {
      slabs.discard(regions.get(i), sizeClass);
    }
    assertThat(slabs.pagesHeld()).as("the page of the region still in use").isEqualTo(1);
    slabs.discard(regions.get(regions.size() - 1), sizeClass);
    assertThat(slabs.pagesHeld()).isZero();
  }
}
