package io.tierwise.synth;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

class CsvFileWriterTest {

  @Property(tries = 300)
  void decimalsAreWrittenLikeBigDecimal(
      @ForAll @LongRange(min = -10_000_000_000L, max = 10_000_000_000L) long units,
      @ForAll @IntRange(min = 0, max = 6) int decimals)
      throws IOException {
    assertThat(written(writer -> writer.decimal(units, decimals)))
        .isEqualTo(BigDecimal.valueOf(units, decimals).toPlainString() + "\n");
  }

  @Property(tries = 100)
  void integersAndPaddedNumbersAreExact(
      @ForAll @LongRange(min = 0, max = Long.MAX_VALUE / 2) long value) throws IOException {
    assertThat(written(writer -> writer.integer(value).field().appendPadded(value, 12)))
        .isEqualTo(value + "," + String.format("%012d", value) + "\n");
  }

  @Example
  void textIsQuotedOnlyWhenNeeded() throws IOException {
    assertThat(written(writer -> writer.quoted("plain").quoted("a, \"b\"").empty()))
        .isEqualTo("plain,\"a, \"\"b\"\"\",\n");
  }

  private static String written(java.util.function.Consumer<CsvFileWriter> row) throws IOException {
    Path file = Files.createTempFile("csv-writer", ".csv");
    try {
      try (CsvFileWriter writer = CsvFileWriter.open(file, false)) {
        row.accept(writer);
        writer.endRow();
      }
      return Files.readString(file);
    } finally {
      Files.delete(file);
    }
  }
}
