package io.tierwise.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TextValuesTest {

  @Test
  void epochDayAgreesWithJavaTimeOnEveryDayOfThreeCenturies() {
    for (LocalDate date = LocalDate.of(1900, 1, 1);
        date.isBefore(LocalDate.of(2200, 1, 1));
        date = date.plusDays(1)) {
      assertThat(
              TextValues.DateReader.epochDay(
                  date.getYear(), date.getMonthValue(), date.getDayOfMonth()))
          .isEqualTo((int) date.toEpochDay());
    }
  }

  @Test
  void impossibleDatesAreInvalid() {
    assertThat(TextValues.DateReader.epochDay(2023, 2, 29)).isEqualTo(Integer.MIN_VALUE);
    assertThat(TextValues.DateReader.epochDay(2100, 2, 29)).isEqualTo(Integer.MIN_VALUE);
    assertThat(TextValues.DateReader.epochDay(2000, 2, 29))
        .isEqualTo((int) LocalDate.of(2000, 2, 29).toEpochDay());
    assertThat(TextValues.DateReader.epochDay(2024, 13, 1)).isEqualTo(Integer.MIN_VALUE);
    assertThat(TextValues.DateReader.epochDay(2024, 4, 31)).isEqualTo(Integer.MIN_VALUE);
  }

  @Test
  void readsIsoDatesTimestampsOffsetsAndPatterns() {
    TextValues.DateReader iso = new TextValues.DateReader(Optional.empty(), ZoneOffset.UTC);
    int day = (int) LocalDate.of(2024, 3, 1).toEpochDay();
    assertThat(iso.read("2024-03-01")).isEqualTo(day);
    assertThat(iso.read("2024-03-01 23:59:59")).isEqualTo(day);
    assertThat(iso.read("2024-03-01T23:59")).isEqualTo(day);
    assertThat(iso.read("2024-03-01T23:30:00-02:00")).isEqualTo(day + 1);
    assertThat(iso.read("2024-03-01T25:00:00")).isEqualTo(Integer.MIN_VALUE);
    assertThat(iso.read("01/03/2024")).isEqualTo(Integer.MIN_VALUE);

    TextValues.DateReader british =
        new TextValues.DateReader(Optional.of("dd/MM/yyyy HH:mm"), ZoneOffset.UTC);
    assertThat(british.read("01/03/2024 10:15")).isEqualTo(day);
    TextValues.DateReader compact =
        new TextValues.DateReader(Optional.of("yyyyMMdd"), ZoneOffset.UTC);
    assertThat(compact.read("20240301")).isEqualTo(day);
    assertThat(compact.read("20240230")).isEqualTo(Integer.MIN_VALUE);
  }

  @Test
  void parsesDecimalsExactlyOrRefusesThem() {
    assertThat(TextValues.parseDecimal("12.34")).isEqualTo(12.34);
    assertThat(TextValues.parseDecimal("-0.1")).isEqualTo(-0.1);
    assertThat(TextValues.parseDecimal(" 7 ")).isEqualTo(7.0);
    assertThat(TextValues.parseDecimal("1e3")).isEqualTo(1000.0);
    assertThat(TextValues.parseDecimal("123456789012345678")).isEqualTo(1.2345678901234568e17);
    assertThat(TextValues.parseDecimal("1,5")).isNaN();
    assertThat(TextValues.parseDecimal("")).isNaN();
    assertThat(TextValues.parseDecimal("NaN")).isNaN();
    assertThat(TextValues.parseDecimal("Infinity")).isNaN();
  }

  /** The in-place fast paths (text as a slice of a row buffer) answer as the general path does. */
  @Test
  void slicesOfARowBufferParseAsStringsDo() {
    String[] decimals = {
      "0",
      "12.34",
      "-0.1",
      "-0",
      "1.",
      ".5",
      "-.5",
      "+3",
      " 7 ",
      "1e3",
      "1,5",
      "",
      "-",
      ".",
      "1.2.3",
      "123456789012345",
      "1234567890123456",
      "0.000000000000001",
      "99999999999999.9",
      "12a",
      "NaN"
    };
    for (String text : decimals) {
      double expected = TextValues.parseDecimal(text);
      double actual = TextValues.parseDecimal(slice(text));
      assertThat(Double.doubleToLongBits(actual))
          .as("'%s'", text)
          .isEqualTo(Double.doubleToLongBits(expected));
    }
    String[] dates = {
      "2024-03-01",
      "1900-01-01",
      "2199-12-31",
      "1899-12-31",
      "2200-01-01",
      "2024-02-29",
      "2023-02-29",
      "2024-13-01",
      "2024-00-10",
      "2024-04-31",
      "2024-04-00",
      "2024-3-01",
      "2024/03/01",
      "20a4-03-01",
      " 2024-03-01",
      "2024-03-01 10:00",
      "2024-03-01T23:30:00-02:00",
      "2024-03-01T10:35:38",
      "2024-03-01 10:35:38",
      "2024-03-01T23:59:59",
      "2024-03-01T00:00:00",
      "2024-03-01T24:00:00",
      "2024-03-01T10:60:00",
      "2024-03-01T10:00:60",
      "2024-03-01T1a:00:00",
      "2024-03-01X10:35:38",
      "2024-03-01T10-35-38",
      "2024-02-30T10:35:38",
      "1899-12-31T10:35:38",
      "2200-01-01T00:00:00",
      "2024-03-01T10:35:3Z",
      "2024-03-01T10:35:38Z",
      "2024-03-01T10:35:38.5",
      "2024-03-01t10:35:38"
    };
    for (String text : dates) {
      int expected = new TextValues.DateReader(Optional.empty(), ZoneOffset.UTC).read(text);
      int actual = new TextValues.DateReader(Optional.empty(), ZoneOffset.UTC).read(slice(text));
      assertThat(actual).as("'%s'", text).isEqualTo(expected);
    }
  }

  /** Timestamps near the fast path's shape, each character drawn from a few likely ones. */
  @Test
  void timestampSlicesParseAsStringsDo() {
    java.util.SplittableRandom random = new java.util.SplittableRandom(11);
    String shape = "2024-03-01T10:35:38";
    String[] alternatives = {"0123456789", "-/ ", "T t:", ":-. Z"};
    for (int trial = 0; trial < 100_000; trial++) {
      char[] text = shape.toCharArray();
      for (int i = 0; i < text.length; i++) {
        if (random.nextInt(4) == 0) {
          String from = alternatives[Character.isDigit(shape.charAt(i)) ? 0 : i == 10 ? 2 : 3];
          text[i] = from.charAt(random.nextInt(from.length()));
        }
      }
      String candidate = new String(text);
      int expected = new TextValues.DateReader(Optional.empty(), ZoneOffset.UTC).read(candidate);
      int actual =
          new TextValues.DateReader(Optional.empty(), ZoneOffset.UTC).read(slice(candidate));
      assertThat(actual).as("'%s'", candidate).isEqualTo(expected);
    }
  }

  /** The text in the middle of a larger buffer, as ingest sees a field. */
  private static CharSlice slice(String text) {
    char[] buffer = ("x,9-" + text + ",7.").toCharArray();
    return new CharSlice().set(buffer, 4, text.length());
  }
}
