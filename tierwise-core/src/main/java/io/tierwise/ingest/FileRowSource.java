package io.tierwise.ingest;

import de.siegmar.fastcsv.reader.AbstractBaseCsvCallbackHandler;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.FieldMismatchStrategy;
import io.tierwise.TierwiseException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Rows of one or more delimited text files (a glob such as {@code by-day/*.csv.gz}), read in name
 * order, each plain or gzip-compressed. Every file must have the same columns. Streams: only the
 * current row is in memory. The first file is opened, and its header read, on first use, so that
 * {@link #fingerprint} can see every byte.
 */
public final class FileRowSource implements RowSource {

  /** The longest line or field accepted; anything longer is not a usable CSV row. */
  static final int MAX_LINE_CHARS = 16 * 1024 * 1024;

  private final CsvFormat format;
  private final List<Path> files;
  private final long totalBytes;
  private long bytesOfClosedFiles;
  private int fileIndex = -1;
  private List<String> columns;
  private LineReader current;
  private CountingInputStream counting;
  private boolean fingerprinting;
  private final Map<Path, InputFingerprint> fingerprints = new LinkedHashMap<>();

  private FileRowSource(CsvFormat format, List<Path> files) {
    this.format = format;
    this.files = files;
    long total = 0;
    for (Path file : files) {
      try {
        total += Files.size(file);
      } catch (IOException e) {
        throw TierwiseException.invalidInput("cannot read " + file + ": " + e.getMessage());
      }
    }
    this.totalBytes = total;
  }

  /**
   * The files a source's patterns name; fails if a pattern matches nothing or a file is missing.
   * The first file is opened on first use ({@link #columns}, {@link #next}).
   */
  public static FileRowSource open(SourceLocation.Files location, CsvFormat format) {
    return new FileRowSource(format, expand(location));
  }

  /**
   * Takes the {@link InputFingerprint} of every file as it is read: the SHA-256 of exactly the
   * bytes ingest reads (to the file's end, past anything after a gzip stream), on the thread that
   * reads them. Only before first use.
   */
  void fingerprint() {
    if (fileIndex >= 0 || current != null) {
      throw new IllegalStateException("fingerprint files before reading them");
    }
    fingerprinting = true;
  }

  /**
   * The fingerprints of the files read to their end, in reading order (see {@link #fingerprint}).
   */
  Map<Path, InputFingerprint> fingerprints() {
    return Collections.unmodifiableMap(new LinkedHashMap<>(fingerprints));
  }

  /** Opens the first file on first use. */
  private void started() {
    if (fileIndex < 0 && !files.isEmpty()) {
      openNext();
    }
  }

  /** Opens a single stream, e.g. a test fixture or standard input. */
  public static RowSource open(InputStream input, String name, CsvFormat format) {
    FileRowSource source = new FileRowSource(format, List.of());
    source.columns = null;
    source.start(input, name);
    return source;
  }

  static List<Path> expand(SourceLocation.Files location) {
    List<Path> files = new ArrayList<>();
    for (String pattern : location.patterns()) {
      Path resolved = location.baseDirectory().resolve(pattern).normalize();
      if (!isGlob(pattern)) {
        if (!Files.isRegularFile(resolved)) {
          throw TierwiseException.invalidInput("file not found: " + resolved);
        }
        files.add(resolved);
        continue;
      }
      Path directory = resolved.getParent();
      String glob = resolved.getFileName().toString();
      if (isGlob(directory.toString())) {
        throw TierwiseException.invalidConfig(
            "files: '" + pattern + "': wildcards are allowed in the file name only");
      }
      List<Path> matched = new ArrayList<>();
      try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory, glob)) {
        stream.forEach(
            path -> {
              if (Files.isRegularFile(path)) {
                matched.add(path);
              }
            });
      } catch (NoSuchFileException e) {
        throw TierwiseException.invalidInput("directory not found: " + directory);
      } catch (IOException e) {
        throw TierwiseException.invalidInput("cannot list " + directory + ": " + e.getMessage());
      }
      if (matched.isEmpty()) {
        throw TierwiseException.invalidInput("no file matches " + resolved);
      }
      matched.sort(null);
      files.addAll(matched);
    }
    return files;
  }

  private static boolean isGlob(String pattern) {
    return pattern.contains("*") || pattern.contains("?") || pattern.contains("[");
  }

  private boolean openNext() {
    if (current != null) {
      if (fingerprinting) {
        Path file = files.get(fileIndex);
        fingerprints.put(file, counting.fingerprint(file));
      }
      current.close();
      bytesOfClosedFiles += counting.count;
      current = null;
    }
    fileIndex++;
    if (fileIndex >= files.size()) {
      return false;
    }
    Path file = files.get(fileIndex);
    try {
      start(Files.newInputStream(file), file.toString());
    } catch (RuntimeException e) {
      closeAfterFailure(); // a file that is empty or not CSV: its stream is not kept open
      throw e;
    } catch (IOException e) {
      throw TierwiseException.invalidInput("cannot read " + file + ": " + e.getMessage());
    }
    return true;
  }

  private void start(InputStream raw, String name) {
    counting = new CountingInputStream(raw, fingerprinting ? InputFingerprint.newDigest() : null);
    try {
      BufferedInputStream buffered = new BufferedInputStream(counting, 1 << 16);
      InputStream input = buffered;
      buffered.mark(2);
      int first = buffered.read();
      int second = buffered.read();
      buffered.reset();
      if (first == -1) {
        throw TierwiseException.invalidInput(
            name + ": the file is empty; expected a header line with the column names");
      }
      if (first == 0x1f && second == 0x8b) {
        input = new BufferedInputStream(new GZIPInputStream(buffered, 1 << 16), 1 << 16);
      }
      Reader reader = new InputStreamReader(input, format.encoding());
      current =
          format.whitespaceSeparated()
              ? new WhitespaceLineReader(reader, name)
              : new CsvLineReader(reader, name, format);
    } catch (IOException e) {
      throw TierwiseException.invalidInput(name + ": cannot read: " + e.getMessage());
    }
    List<String> header;
    if (format.header()) {
      if (!current.next()) {
        throw TierwiseException.invalidInput(
            name + ": the file is empty; expected a header line with the column names");
      }
      header = current.fields();
      checkLooksLikeText(header, name);
    } else {
      header = format.columns();
    }
    if (columns == null) {
      columns = List.copyOf(header);
    } else if (!columns.equals(header)) {
      throw TierwiseException.invalidInput(
          name + ": its columns " + header + " differ from those of the first file " + columns);
    }
  }

  private static void checkLooksLikeText(List<String> header, String name) {
    for (String column : header) {
      for (int i = 0; i < column.length(); i++) {
        char character = column.charAt(i);
        if (character == '\uFFFD' || (character < 0x20 && character != '\t')) {
          throw TierwiseException.invalidInput(
              name
                  + ": does not look like a CSV text file (unreadable characters in its first"
                  + " line); check the file and the mapping's csv.encoding");
        }
      }
    }
  }

  @Override
  public List<String> columns() {
    started();
    return columns;
  }

  @Override
  public boolean next() {
    started();
    while (true) {
      if (current == null) {
        return false;
      }
      if (current.next()) {
        return true;
      }
      if (files.isEmpty() || !openNext()) {
        if (files.isEmpty()) {
          current.close();
          current = null;
        }
        return false;
      }
    }
  }

  @Override
  public int fieldCount() {
    return current.fieldCount();
  }

  @Override
  public String field(int index) {
    return current.field(index);
  }

  @Override
  public CharSequence chars(int index) {
    return current.chars(index);
  }

  /**
   * Hands the current row to {@code sink} in one piece when the reader holds its fields back to
   * back (CSV files); false otherwise, and the caller reads it field by field.
   */
  boolean copyRowTo(PrefetchingRowSource.RowSink sink) {
    if (current instanceof CsvLineReader csv) {
      RowBuffer row = csv.row;
      sink.addRow(row.chars, row.starts, row.lengths, row.count);
      return true;
    }
    return false;
  }

  @Override
  public String origin() {
    return current.name();
  }

  @Override
  public long line() {
    return current.line();
  }

  @Override
  public long progress() {
    return bytesOfClosedFiles + (counting == null ? 0 : counting.count);
  }

  @Override
  public long total() {
    return totalBytes;
  }

  @Override
  public void close() {
    if (current != null) {
      current.close();
      current = null;
    }
  }

  private void closeAfterFailure() {
    if (current != null) {
      close();
    } else if (counting != null) {
      try {
        counting.close();
      } catch (IOException e) {
        // closing a file we only read cannot lose data
      }
    }
  }

  /** One file's rows. */
  private interface LineReader {
    boolean next();

    int fieldCount();

    String field(int index);

    CharSequence chars(int index);

    List<String> fields();

    long line();

    String name();

    void close();
  }

  /**
   * Receives FastCSV's fields as char ranges and copies them into one reusable row buffer, so that
   * no String is created per field.
   */
  private static final class RowBuffer extends AbstractBaseCsvCallbackHandler<RowBuffer> {
    char[] chars = new char[256];
    int[] starts = new int[16];
    int[] lengths = new int[16];
    int count;
    int used;
    long line;

    @Override
    protected void handleBegin(long startingLineNumber) {
      line = startingLineNumber;
      count = 0;
      used = 0;
    }

    @Override
    protected void handleField(int fieldIdx, char[] buf, int offset, int len, boolean quoted) {
      if (count == starts.length) {
        starts = Arrays.copyOf(starts, count * 2);
        lengths = Arrays.copyOf(lengths, count * 2);
      }
      if (used + len > chars.length) {
        chars = Arrays.copyOf(chars, Math.max(chars.length * 2, used + len));
      }
      System.arraycopy(buf, offset, chars, used, len);
      starts[count] = used;
      lengths[count] = len;
      count++;
      used += len;
    }

    @Override
    protected RowBuffer buildRecord() {
      return this;
    }
  }

  private static final class CsvLineReader implements LineReader {
    private final String name;
    private final CsvReader<RowBuffer> reader;
    private final Iterator<RowBuffer> records;
    private final RowBuffer row = new RowBuffer();
    private CharSlice[] slices = new CharSlice[0];
    private long line = -1;

    CsvLineReader(Reader input, String name, CsvFormat format) {
      this.name = name;
      this.reader =
          CsvReader.builder()
              .fieldSeparator(format.delimiter())
              .quoteCharacter(format.quote())
              .extraFieldStrategy(FieldMismatchStrategy.IGNORE)
              .missingFieldStrategy(FieldMismatchStrategy.IGNORE)
              .skipEmptyLines(true)
              .maxBufferSize(MAX_LINE_CHARS)
              .build(row, input);
      this.records = reader.iterator();
    }

    @Override
    public boolean next() {
      try {
        if (!records.hasNext()) {
          return false;
        }
        records.next();
        line = row.line;
        return true;
      } catch (CsvParseException e) {
        throw TierwiseException.invalidInput(
            name
                + ": cannot be read as CSV near line "
                + (line < 0 ? 1 : line + 1)
                + ": "
                + describe(e)
                + " (is it a CSV file with the delimiter and quote the mapping says?)");
      } catch (UncheckedIOException e) {
        throw TierwiseException.invalidInput(name + ": cannot read: " + e.getCause().getMessage());
      }
    }

    private static String describe(CsvParseException e) {
      Throwable cause = e;
      while (cause.getCause() != null) {
        cause = cause.getCause();
      }
      String message = String.valueOf(cause.getMessage());
      if (message.contains("buffer size") || message.contains("maximum")) {
        return "a line or field is longer than "
            + (MAX_LINE_CHARS / (1024 * 1024))
            + " M characters";
      }
      return message;
    }

    @Override
    public int fieldCount() {
      return row.count;
    }

    @Override
    public String field(int index) {
      if (index >= row.count) {
        throw new IndexOutOfBoundsException(index);
      }
      return new String(row.chars, row.starts[index], row.lengths[index]);
    }

    @Override
    public CharSequence chars(int index) {
      if (index >= row.count) {
        throw new IndexOutOfBoundsException(index);
      }
      if (index >= slices.length) {
        CharSlice[] more = Arrays.copyOf(slices, Math.max(index + 1, slices.length * 2));
        for (int i = slices.length; i < more.length; i++) {
          more[i] = new CharSlice();
        }
        slices = more;
      }
      return slices[index].set(row.chars, row.starts[index], row.lengths[index]);
    }

    @Override
    public List<String> fields() {
      List<String> fields = new ArrayList<>(row.count);
      for (int i = 0; i < row.count; i++) {
        fields.add(field(i));
      }
      return fields;
    }

    @Override
    public long line() {
      return line;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public void close() {
      try {
        reader.close();
      } catch (IOException e) {
        // Closing a file we only read cannot lose data.
      }
    }
  }

  /** Fields separated by runs of blanks, as in the CDNOW master file; no quoting. */
  private static final class WhitespaceLineReader implements LineReader {
    private final Reader reader;
    private final String name;
    private final char[] buffer = new char[1 << 16];
    private int position;
    private int limit;
    private long lineNumber;
    private final StringBuilder line = new StringBuilder(128);
    private final List<String> fields = new ArrayList<>();

    WhitespaceLineReader(Reader reader, String name) {
      this.reader = reader;
      this.name = name;
    }

    @Override
    public boolean next() {
      while (true) {
        if (!readLine()) {
          return false;
        }
        split();
        if (!fields.isEmpty()) {
          return true;
        }
      }
    }

    private boolean readLine() {
      line.setLength(0);
      boolean any = false;
      try {
        while (true) {
          if (position == limit) {
            limit = reader.read(buffer);
            position = 0;
            if (limit <= 0) {
              limit = 0;
              if (any) {
                lineNumber++;
              }
              return any;
            }
          }
          char character = buffer[position++];
          any = true;
          if (character == '\n') {
            lineNumber++;
            return true;
          }
          if (line.length() >= MAX_LINE_CHARS) {
            throw TierwiseException.invalidInput(
                name
                    + ": line "
                    + (lineNumber + 1)
                    + " is longer than "
                    + (MAX_LINE_CHARS / (1024 * 1024))
                    + " M characters; this is not a usable text file");
          }
          line.append(character);
        }
      } catch (IOException e) {
        throw TierwiseException.invalidInput(name + ": cannot read: " + e.getMessage());
      }
    }

    private void split() {
      fields.clear();
      int length = line.length();
      int start = -1;
      for (int i = 0; i <= length; i++) {
        boolean blank = i == length || Character.isWhitespace(line.charAt(i));
        if (blank) {
          if (start >= 0) {
            fields.add(line.substring(start, i));
            start = -1;
          }
        } else if (start < 0) {
          start = i;
        }
      }
    }

    @Override
    public int fieldCount() {
      return fields.size();
    }

    @Override
    public String field(int index) {
      return fields.get(index);
    }

    @Override
    public CharSequence chars(int index) {
      return fields.get(index);
    }

    @Override
    public List<String> fields() {
      return List.copyOf(fields);
    }

    @Override
    public long line() {
      return lineNumber;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public void close() {
      try {
        reader.close();
      } catch (IOException e) {
        // Closing a file we only read cannot lose data.
      }
    }
  }

  /** Counts the bytes read from a file and, when given a digest, hashes them. */
  private static final class CountingInputStream extends java.io.FilterInputStream {
    private final MessageDigest digest; // null when not fingerprinting
    long count;

    CountingInputStream(InputStream in, MessageDigest digest) {
      super(in);
      this.digest = digest;
    }

    @Override
    public int read() throws IOException {
      int value = super.read();
      if (value >= 0) {
        count++;
        if (digest != null) {
          digest.update((byte) value);
        }
      }
      return value;
    }

    @Override
    public int read(byte[] bytes, int offset, int length) throws IOException {
      int read = super.read(bytes, offset, length);
      if (read > 0) {
        count += read;
        if (digest != null) {
          digest.update(bytes, offset, read);
        }
      }
      return read;
    }

    /**
     * The file's fingerprint, once its rows are read: reads what is left (bytes after the end of a
     * gzip stream, which the decompressor leaves unread), so that the whole file is hashed.
     */
    InputFingerprint fingerprint(Path file) {
      byte[] rest = new byte[1 << 16];
      try {
        while (read(rest, 0, rest.length) >= 0) {
          // hashed by read()
        }
      } catch (IOException e) {
        throw TierwiseException.invalidInput("cannot read " + file + ": " + e.getMessage());
      }
      return InputFingerprint.of(file, count, digest);
    }
  }
}
