package io.tierwise.synth;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/**
 * A fast CSV writer for generated data: fields go straight into a byte buffer, numbers are written
 * digit by digit (no {@code String.format}, no boxing), and only free text is quoted. All values
 * are ASCII, so the bytes are also valid UTF-8. Not thread-safe; one writer per file.
 */
final class CsvFileWriter implements Closeable {
  private static final int BUFFER_SIZE = 1 << 16;

  private final OutputStream out;
  private final byte[] buffer = new byte[BUFFER_SIZE];
  private int position;
  private boolean rowStarted;
  private long rows;

  private CsvFileWriter(OutputStream out) {
    this.out = out;
  }

  /** Opens {@code path} for writing, gzip-compressed if asked; replaces an existing file. */
  static CsvFileWriter open(Path path, boolean gzip) throws IOException {
    OutputStream file = Files.newOutputStream(path);
    // GZIPOutputStream writes a zero modification time, so compressed output is reproducible too.
    return new CsvFileWriter(gzip ? new GZIPOutputStream(file, BUFFER_SIZE) : file);
  }

  /** Writes the header row. */
  void header(String... columns) {
    for (String column : columns) {
      text(column);
    }
    endRow();
    rows = 0;
  }

  /** Number of data rows written so far (the header not counted). */
  long rows() {
    return rows;
  }

  /** A field of ASCII text that needs no quoting (no comma, quote or line break). */
  CsvFileWriter text(String value) {
    separate();
    ensure(value.length());
    for (int i = 0; i < value.length(); i++) {
      buffer[position++] = (byte) value.charAt(i);
    }
    return this;
  }

  /** A field of ASCII text, quoted when it contains a comma, quote or line break. */
  CsvFileWriter quoted(String value) {
    boolean needsQuotes = false;
    for (int i = 0; i < value.length() && !needsQuotes; i++) {
      char character = value.charAt(i);
      needsQuotes = character == ',' || character == '"' || character == '\n' || character == '\r';
    }
    if (!needsQuotes) {
      return text(value);
    }
    separate();
    ensure(2 * value.length() + 2);
    buffer[position++] = '"';
    for (int i = 0; i < value.length(); i++) {
      char character = value.charAt(i);
      if (character == '"') {
        buffer[position++] = '"';
      }
      buffer[position++] = (byte) character;
    }
    buffer[position++] = '"';
    return this;
  }

  /** A field made of pre-encoded ASCII bytes. */
  CsvFileWriter bytes(byte[] value) {
    separate();
    ensure(value.length);
    System.arraycopy(value, 0, buffer, position, value.length);
    position += value.length;
    return this;
  }

  /** The start of a field made of several parts; continue it with the {@code append} methods. */
  CsvFileWriter field() {
    separate();
    return this;
  }

  /** Appends {@code value} from index {@code from} on. */
  CsvFileWriter appendBytes(byte[] value, int from) {
    int length = value.length - from;
    ensure(length);
    System.arraycopy(value, from, buffer, position, length);
    position += length;
    return this;
  }

  CsvFileWriter appendChar(char value) {
    ensure(1);
    buffer[position++] = (byte) value;
    return this;
  }

  /** Appends {@code value} with at least {@code width} digits, zero-padded; value ≥ 0. */
  CsvFileWriter appendPadded(long value, int width) {
    ensure(20 + width);
    int digits = digits(value);
    for (int i = digits; i < width; i++) {
      buffer[position++] = '0';
    }
    writeDigits(value, digits);
    return this;
  }

  /** An integer field. */
  CsvFileWriter integer(long value) {
    separate();
    ensure(20);
    if (value < 0) {
      buffer[position++] = '-';
      value = -value;
    }
    writeDigits(value, digits(value));
    return this;
  }

  /** A decimal field {@code units / 10^decimals}, e.g. {@code (12345, 2)} → {@code 123.45}. */
  CsvFileWriter decimal(long units, int decimals) {
    separate();
    ensure(22 + decimals);
    if (units < 0) {
      buffer[position++] = '-';
      units = -units;
    }
    long scale = 1;
    for (int i = 0; i < decimals; i++) {
      scale *= 10;
    }
    long whole = units / scale;
    writeDigits(whole, digits(whole));
    if (decimals > 0) {
      buffer[position++] = '.';
      long fraction = units % scale;
      int fractionDigits = digits(fraction);
      for (int i = fractionDigits; i < decimals; i++) {
        buffer[position++] = '0';
      }
      writeDigits(fraction, fractionDigits);
    }
    return this;
  }

  /** An empty field. */
  CsvFileWriter empty() {
    separate();
    return this;
  }

  /** Ends the current row. */
  void endRow() {
    ensure(1);
    buffer[position++] = '\n';
    rowStarted = false;
    rows++;
  }

  @Override
  public void close() throws IOException {
    try {
      flushBuffer();
    } finally {
      out.close();
    }
  }

  private void separate() {
    if (rowStarted) {
      ensure(1);
      buffer[position++] = ',';
    }
    rowStarted = true;
  }

  private void ensure(int bytes) {
    if (position + bytes > buffer.length) {
      try {
        flushBuffer();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      if (bytes > buffer.length) {
        throw new IllegalArgumentException("field longer than the buffer: " + bytes + " bytes");
      }
    }
  }

  private void flushBuffer() throws IOException {
    out.write(buffer, 0, position);
    position = 0;
  }

  private static int digits(long value) {
    int digits = 1;
    while (value >= 10) {
      value /= 10;
      digits++;
    }
    return digits;
  }

  private void writeDigits(long value, int digits) {
    int end = position + digits;
    for (int i = end - 1; i >= position; i--) {
      buffer[i] = (byte) ('0' + value % 10);
      value /= 10;
    }
    position = end;
  }
}
