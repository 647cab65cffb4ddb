package io.tierwise.churn;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import io.tierwise.TierwiseException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/**
 * A table of text cells with a header: one row per customer. Immutable and thread-safe.
 *
 * <p>Read from a comma-separated, {@code "}-quoted UTF-8 file with a header row, plain or gzip
 * ({@code .gz}). Every row must have as many cells as the header. Cells are kept as text; types are
 * decided later by the {@link FeatureEncoder}, on the training rows only.
 */
public final class LabelledTable {
  private final List<String> columns;
  private final List<String[]> rows;
  private final String sha256;

  private LabelledTable(List<String> columns, List<String[]> rows, String sha256) {
    this.columns = List.copyOf(columns);
    this.rows = rows;
    this.sha256 = sha256;
  }

  /** Builds a table in memory (tests, callers that already hold the data); no fingerprint. */
  public static LabelledTable of(List<String> columns, List<List<String>> rows) {
    List<String[]> copied = new ArrayList<>(rows.size());
    for (List<String> row : rows) {
      if (row.size() != columns.size()) {
        throw TierwiseException.invalidInput(
            "row " + (copied.size() + 1) + " has " + row.size() + " cells, expected " + columns);
      }
      copied.add(row.toArray(String[]::new));
    }
    return new LabelledTable(columns, List.copyOf(copied), "");
  }

  /** Reads a CSV file, computing the SHA-256 of its bytes on the way. */
  public static LabelledTable read(Path file) {
    MessageDigest digest = sha256Digest();
    List<String> header = null;
    List<String[]> rows = new ArrayList<>();
    try (InputStream raw = new DigestInputStream(Files.newInputStream(file), digest);
        InputStream buffered = new BufferedInputStream(raw, 1 << 16);
        InputStream data =
            file.getFileName().toString().endsWith(".gz")
                ? new GZIPInputStream(buffered)
                : buffered;
        CsvReader<CsvRecord> reader =
            CsvReader.builder().skipEmptyLines(true).ofCsvRecord(data, StandardCharsets.UTF_8)) {
      for (CsvRecord record : reader) {
        if (header == null) {
          header = List.copyOf(record.getFields());
          continue;
        }
        rows.add(record.getFields().toArray(String[]::new));
      }
      raw.transferTo(OutputStream.nullOutputStream()); // fingerprint the whole file
    } catch (NoSuchFileException e) {
      throw TierwiseException.invalidInput("table file not found: " + file);
    } catch (CsvParseException e) {
      throw TierwiseException.invalidInput(
          "cannot read " + file + " as CSV: " + e.getMessage() + " (is every row complete?)", e);
    } catch (IOException | UncheckedIOException e) {
      throw TierwiseException.invalidInput("cannot read " + file + ": " + e.getMessage(), e);
    }
    if (header == null) {
      throw TierwiseException.invalidInput(
          "table " + file + " is empty: expected a header row and one row per customer");
    }
    return new LabelledTable(header, List.copyOf(rows), HexFormat.of().formatHex(digest.digest()));
  }

  public List<String> columns() {
    return columns;
  }

  public int rowCount() {
    return rows.size();
  }

  /** The SHA-256 of the file's bytes as read, or empty for an in-memory table. */
  public String sha256() {
    return sha256;
  }

  /** The position of a column, if the header has it (exact name). */
  public Optional<Integer> findColumn(String name) {
    int index = columns.indexOf(name);
    return index < 0 ? Optional.empty() : Optional.of(index);
  }

  /** The position of a column, or an error naming the columns there are. */
  public int requireColumn(String name, String role) {
    return findColumn(name)
        .orElseThrow(
            () ->
                TierwiseException.invalidInput(
                    role
                        + " column '"
                        + name
                        + "' is not in the table; its columns are "
                        + String.join(", ", columns)));
  }

  /** The cell at a row and column, as written in the file (not trimmed). */
  public String cell(int row, int column) {
    return rows.get(row)[column];
  }

  private static MessageDigest sha256Digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
