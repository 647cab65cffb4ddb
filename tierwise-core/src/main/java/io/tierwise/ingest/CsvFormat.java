package io.tierwise.ingest;

import io.tierwise.TierwiseException;
import java.nio.charset.Charset;
import java.util.List;
import java.util.Objects;

/**
 * How a delimited text file is laid out.
 *
 * @param delimiter the field separator; {@link #WHITESPACE} splits on runs of blanks and tabs
 * @param quote the quote character (ignored for whitespace-separated files)
 * @param encoding the character set
 * @param header whether the first line names the columns
 * @param columns column names to use when the file has no header (empty when it has one)
 */
public record CsvFormat(
    char delimiter, char quote, Charset encoding, boolean header, List<String> columns) {

  /** Marks whitespace-separated files such as the CDNOW master file. */
  public static final char WHITESPACE = '\0';

  public static final CsvFormat DEFAULT =
      new CsvFormat(',', '"', java.nio.charset.StandardCharsets.UTF_8, true, List.of());

  public CsvFormat {
    Objects.requireNonNull(encoding, "encoding");
    columns = List.copyOf(columns);
    if (!header && columns.isEmpty()) {
      throw TierwiseException.invalidConfig(
          "csv.columns: a file without a header needs its column names listed");
    }
    if (delimiter == quote && delimiter != WHITESPACE) {
      throw TierwiseException.invalidConfig(
          "csv: delimiter and quote must differ, both are '" + delimiter + "'");
    }
  }

  public boolean whitespaceSeparated() {
    return delimiter == WHITESPACE;
  }
}
