package io.tierwise.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class EventTypeTest {

  @Test
  void namesAreReadWhateverTheCaseSpacingAndSeparator() {
    for (EventType type : EventType.values()) {
      String key = type.key();
      assertThat(EventType.parse(key)).contains(type);
      assertThat(EventType.parse("  " + key.toUpperCase(Locale.ROOT) + "\t")).contains(type);
      assertThat(EventType.parse(key.replace('_', '-'))).contains(type);
      assertThat(EventType.parse(key.replace('_', ' '))).contains(type);
      CharSlice slice = new CharSlice().set((",x" + key + ",").toCharArray(), 2, key.length());
      assertThat(EventType.ordinalOf(slice)).isEqualTo(type.ordinal());
    }
  }

  @Test
  void otherTextIsNoType() {
    assertThat(EventType.parse("")).isEmpty();
    assertThat(EventType.parse("log in")).isEmpty();
    assertThat(EventType.parse("logins")).isEmpty();
    assertThat(EventType.parse("usag")).isEmpty();
    assertThat(EventType.ordinalOf("feature__use")).isEqualTo(-1);
    // the length and first letter of a key, other letters: no type, and no other type either
    assertThat(EventType.ordinalOf("lxgin")).isEqualTo(-1);
    assertThat(EventType.ordinalOf("custom_requesx")).isEqualTo(-1);
    assertThat(EventType.ordinalOf("Login")).isEqualTo(EventType.LOGIN.ordinal());
    assertThat(EventType.ordinalOf("zzzzz")).isEqualTo(-1);
  }
}
