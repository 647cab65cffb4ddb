package io.tierwise.ingest;

import java.io.Closeable;
import java.util.List;

/**
 * A stream of raw rows with named columns: a set of CSV files, a database query, or a test fixture.
 * Not thread-safe; one reader at a time. The current row's fields are valid until the next call to
 * {@link #next()}.
 */
public interface RowSource extends Closeable {

  /** The column names, known once the source is open. */
  List<String> columns();

  /**
   * Moves to the next row; false at the end. Fails with a TierwiseException on unreadable input.
   */
  boolean next();

  /** Number of fields in the current row (may differ from the column count in a broken file). */
  int fieldCount();

  /** Field {@code index} of the current row, as text; empty for SQL NULL. */
  String field(int index);

  /**
   * Field {@code index} of the current row as characters, valid only until the next call to {@link
   * #next()} or to this method with the same index; sources that keep rows in char buffers return a
   * view instead of creating a String.
   */
  default CharSequence chars(int index) {
    return field(index);
  }

  /** Where the current row comes from: a file name or a query label. */
  String origin();

  /** The current row's line in its file (1 = the first line), or its row number in a query. */
  long line();

  /** Input consumed so far, for progress; in bytes of the (compressed) files. */
  default long progress() {
    return 0;
  }

  /** Total input expected, for progress; 0 when unknown. */
  default long total() {
    return 0;
  }

  @Override
  void close();
}
