package io.tierwise.ingest;

import de.siegmar.fastcsv.writer.CsvWriter;
import io.tierwise.TierwiseException;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The rejects file: every row ingest could not use, with where it was and why. Columns: {@code
 * source, file, line, column, value, reason}.
 */
public final class RejectsWriter implements AutoCloseable {
  private static final int MAX_VALUE_CHARS = 200;

  private final CsvWriter csv;
  private final Writer out;
  private long written;

  private RejectsWriter(Writer out) {
    this.out = out;
    this.csv = CsvWriter.builder().build(out);
    csv.writeRecord("source", "file", "line", "column", "value", "reason");
  }

  public static RejectsWriter to(Path file) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      return new RejectsWriter(
          new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16));
    } catch (IOException e) {
      throw TierwiseException.storage("cannot write rejects file " + file + ": " + e, e);
    }
  }

  /** A writer that keeps nothing, for callers that only want counts. */
  public static RejectsWriter discarding() {
    return new RejectsWriter(Writer.nullWriter());
  }

  void write(String source, String file, long line, String column, String value, String reason) {
    String shown =
        value.length() > MAX_VALUE_CHARS ? value.substring(0, MAX_VALUE_CHARS) + "…" : value;
    try {
      csv.writeRecord(source, file, Long.toString(line), column, shown, reason);
    } catch (UncheckedIOException e) {
      throw TierwiseException.storage("cannot write rejects file: " + e.getCause(), e);
    }
    written++;
  }

  public long written() {
    return written;
  }

  @Override
  public void close() {
    try {
      csv.close();
      out.close();
    } catch (IOException e) {
      throw TierwiseException.storage("cannot close rejects file: " + e, e);
    }
  }
}
