package io.tierwise.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PackedTextsTest {

  @Test
  void everyTextComesBackAsItWent() {
    String[] texts = {"C0001", "", "Müller", "東京-7", "x".repeat(300), "C0002"};
    PackedTexts packed = PackedTexts.of(texts);
    assertThat(packed.size()).isEqualTo(texts.length);
    for (int i = 0; i < texts.length; i++) {
      assertThat(packed.get(i)).isEqualTo(texts[i]);
    }
    assertThat(PackedTexts.of(new String[0]).size()).isZero();
  }
}
