package io.tierwise.ingest;

import io.tierwise.TierwiseException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Reads a {@link RowSource} on a second thread, in batches, so that parsing (FastCSV, gzip, JDBC)
 * and validation/folding run on two cores at once. Row order is preserved; errors of the reading
 * thread are raised at the row where they occurred. Memory: a few batches of rows.
 *
 * <p>Work is shared between the two threads as the data needs. Columns given to {@link #prepare}
 * (numbers, dates, id hashes) are worked out by the reading thread for a batch when it is ahead,
 * that is, when the queue is full and it would otherwise wait; otherwise the consuming thread does
 * that work itself (see {@link #batchPrepared}). Prepared or not, the values are the same.
 */
final class PrefetchingRowSource implements RowSource {
  private static final int BATCH = 2048;
  private static final int QUEUED_BATCHES = 8;

  /** Takes a row whose fields are back to back in one array. */
  interface RowSink {
    /**
     * Adds a row of {@code count} fields, field i at {@code chars[starts[i]]} with {@code
     * lengths[i]} characters, each field starting where the one before ends.
     */
    void addRow(char[] chars, int[] starts, int[] lengths, int count);
  }

  /**
   * A value the reading thread can work out from one field of every row: a parsed number or date,
   * or a hash of the text. A closed set, so that the reading loop calls each directly.
   */
  static final class Preparation {
    private enum Kind {
      DECIMAL,
      DATE,
      TEXT_HASH,
      ROW_HASH
    }

    private final Kind kind;
    private final TextValues.DateReader dates;

    private Preparation(Kind kind, TextValues.DateReader dates) {
      this.kind = kind;
      this.dates = dates;
    }

    /** The bits of {@link TextValues#parseDecimal} (NaN when the text is not a number). */
    static Preparation decimal() {
      return new Preparation(Kind.DECIMAL, null);
    }

    /**
     * The epoch day {@code dates} reads (a copy of it, with its own cache), or {@link
     * TextValues.DateReader#INVALID}.
     */
    static Preparation date(TextValues.DateReader dates) {
      return new Preparation(Kind.DATE, dates.copy());
    }

    /** {@link CharSlice#hash} of the text. */
    static Preparation textHash() {
      return new Preparation(Kind.TEXT_HASH, null);
    }

    /** {@link RowFingerprints#hash} of the text. */
    static Preparation rowHash() {
      return new Preparation(Kind.ROW_HASH, null);
    }

    long of(CharSlice field) {
      return switch (kind) {
        case DECIMAL -> Double.doubleToRawLongBits(TextValues.parseDecimal(field));
        case DATE -> day(field);
        case TEXT_HASH -> CharSlice.hash(field);
        case ROW_HASH -> RowFingerprints.hash(field);
      };
    }

    private int day(CharSlice field) {
      try {
        return dates.read(field);
      } catch (RuntimeException e) {
        return TextValues.DateReader.INVALID; // read again by the consumer, which sees why
      }
    }
  }

  /** When the reading thread works out the prepared columns of a batch. */
  enum Sharing {
    /** When the queue is full: the consumer is behind (what ingest uses). */
    WHEN_AHEAD,
    /** For every full batch (tests: the prepared path for every row but a source's last few). */
    ALWAYS,
    /** Never (tests: the consumer's own path for every row). */
    NEVER
  }

  /** Rows read ahead; the last batch of a source carries {@code end} or {@code failure}. */
  private static final class Batch implements RowSink {
    /** The fields' characters, back to back. */
    char[] chars;

    /** Field k spans {@code chars[bounds[k]] .. chars[bounds[k + 1]]}. */
    int[] bounds;

    /** Row r's fields are {@code firstField[r] .. firstField[r + 1]}. */
    final int[] firstField = new int[BATCH + 1];

    int fields;
    int used;
    final String[] origins = new String[BATCH];
    final long[] lines = new long[BATCH];
    final long[] prints = new long[BATCH];

    /** Row r's prepared values are {@code prepared[r * columns ...]}, when {@code isPrepared}. */
    final long[] prepared;

    boolean isPrepared;
    int size;
    long progress;
    boolean end;
    RuntimeException failure;

    Batch(int chars, int fields, int preparedColumns) {
      this.chars = new char[chars];
      this.bounds = new int[fields + 1];
      this.prepared = new long[BATCH * preparedColumns];
    }

    /** Empties a consumed batch for reuse; its arrays keep their grown size. */
    Batch reset() {
      size = 0;
      used = 0;
      fields = 0;
      isPrepared = false;
      progress = 0;
      end = false;
      failure = null;
      Arrays.fill(origins, null);
      return this;
    }

    /** Appends a field of the source's current row. */
    void add(CharSequence value) {
      int length = value.length();
      if (used + length > chars.length) {
        chars = Arrays.copyOf(chars, Math.max(chars.length * 2, used + length));
      }
      if (value instanceof CharSlice) {
        CharSlice slice = (CharSlice) value;
        System.arraycopy(slice.buffer, slice.offset, chars, used, length);
      } else if (value instanceof String) {
        ((String) value).getChars(0, length, chars, used);
      } else {
        for (int i = 0; i < length; i++) {
          chars[used + i] = value.charAt(i);
        }
      }
      used += length;
      if (fields + 1 == bounds.length) {
        bounds = Arrays.copyOf(bounds, bounds.length * 2);
      }
      fields++;
      bounds[fields] = used;
    }

    @Override
    public void addRow(char[] row, int[] starts, int[] lengths, int count) {
      int from = count == 0 ? 0 : starts[0];
      int length = count == 0 ? 0 : starts[count - 1] + lengths[count - 1] - from;
      if (used + length > chars.length) {
        chars = Arrays.copyOf(chars, Math.max(chars.length * 2, used + length));
      }
      System.arraycopy(row, from, chars, used, length);
      if (fields + count >= bounds.length) {
        bounds = Arrays.copyOf(bounds, Math.max(bounds.length * 2, fields + count + 1));
      }
      int shift = used - from;
      for (int i = 0; i < count; i++) {
        bounds[fields + 1 + i] = starts[i] + lengths[i] + shift;
      }
      fields += count;
      used += length;
    }

    /** Works out every row's prepared values (0 for a column a row does not have). */
    void prepare(int[] columns, Preparation[] preparations, CharSlice view) {
      for (int row = 0; row < size; row++) {
        int first = firstField[row];
        int count = firstField[row + 1] - first;
        int at = row * columns.length;
        for (int k = 0; k < columns.length; k++) {
          int column = columns[k];
          if (column < count) {
            int start = bounds[first + column];
            view.set(chars, start, bounds[first + column + 1] - start);
            prepared[at + k] = preparations[k].of(view);
          } else {
            prepared[at + k] = 0;
          }
        }
      }
      isPrepared = true;
    }

    /**
     * A 64-bit fingerprint of row r, equal for identical rows; used to find exact duplicates. The
     * row's characters are hashed in one run (see {@link RowFingerprints#fold}), starting from a
     * hash of its field lengths, so that where the fields split is part of the print.
     */
    long fingerprint(int row) {
      int first = firstField[row];
      int count = firstField[row + 1] - first;
      long shape = count;
      for (int k = first; k < first + count; k++) {
        shape = shape * 0x9E3779B97F4A7C15L + (bounds[k + 1] - bounds[k]);
      }
      return RowFingerprints.finish(
          RowFingerprints.fold(shape, chars, bounds[first], bounds[first + count]));
    }
  }

  private final RowSource source;
  private final FileRowSource files; // the source when it is one, for copyRowTo
  private final List<String> columns;
  private final BlockingQueue<Batch> queue = new ArrayBlockingQueue<>(QUEUED_BATCHES);

  /**
   * Consumed batches, handed back for the reader to refill: without them each batch would be
   * garbage, and the collector, not parsing, would set the pace of a large ingest.
   */
  private final BlockingQueue<Batch> free = new ArrayBlockingQueue<>(QUEUED_BATCHES + 2);

  private Thread reader; // started by the first next(), once the columns to prepare are known
  private int[] preparedColumns = new int[0];
  private Preparation[] preparations = new Preparation[0];
  private final int[] preparedSlot; // by column: its place in preparedColumns, or -1
  private final Sharing sharing;
  private volatile boolean closed;
  // The consuming thread's state. The batch's arrays are copied into these fields when it is
  // taken, so that per row this thread reads nothing the reading thread writes: shared cache
  // lines (false sharing) made some runs 1.5 times slower (bench/README.md, 2026-12-01).
  private Batch current;
  private char[] chars;
  private int[] bounds;
  private int[] firstField;
  private long[] prepared;
  private String[] origins;
  private long[] lines;
  private long[] prints;
  private boolean isPrepared;
  private int size;
  private int position = -1;
  private int rowFirst;
  private int rowCount;
  private CharSlice[] slices = new CharSlice[0];
  private long progress;

  PrefetchingRowSource(RowSource source, Sharing sharing) {
    this.source = source;
    this.sharing = sharing;
    this.files = source instanceof FileRowSource f ? f : null;
    this.columns = source.columns();
    this.preparedSlot = new int[columns.size()];
    Arrays.fill(preparedSlot, -1);
  }

  /**
   * Lets the reading thread work out {@code preparation} for field {@code column} of every row when
   * it is ahead. Only before the first {@link #next}, and once per column: false, preparing
   * nothing, when the column already has a preparation or is not in the header.
   */
  boolean prepare(int column, Preparation preparation) {
    if (reader != null) {
      throw new IllegalStateException("prepare columns before reading");
    }
    if (column < 0 || column >= preparedSlot.length || preparedSlot[column] >= 0) {
      return false;
    }
    preparedSlot[column] = preparedColumns.length;
    preparedColumns = Arrays.copyOf(preparedColumns, preparedColumns.length + 1);
    preparedColumns[preparedColumns.length - 1] = column;
    preparations = Arrays.copyOf(preparations, preparations.length + 1);
    preparations[preparations.length - 1] = preparation;
    return true;
  }

  /** Whether the reading thread prepared the current row's batch (see {@link #prepare}). */
  boolean batchPrepared() {
    return isPrepared;
  }

  /**
   * The value prepared from field {@code column} of the current row: a column given to {@link
   * #prepare}, a row the row has, in a batch that is {@link #batchPrepared prepared}.
   */
  long prepared(int column) {
    return prepared[position * preparedColumns.length + preparedSlot[column]];
  }

  /** As {@link #prepared(int)}, for the row {@code ahead} rows after the current one. */
  long preparedAhead(int ahead, int column) {
    return prepared[(position + ahead) * preparedColumns.length + preparedSlot[column]];
  }

  /**
   * The reading thread's loop. It keeps what it needs in local variables and looks at {@link
   * #closed} once a batch: per row it reads nothing of this object, whose fields the consuming
   * thread writes per row.
   */
  private void readAhead() {
    RowSource source = this.source;
    FileRowSource files = this.files;
    BlockingQueue<Batch> queue = this.queue;
    BlockingQueue<Batch> free = this.free;
    int[] prepareColumns = preparedColumns;
    Preparation[] work = preparations;
    CharSlice view = new CharSlice();
    Batch batch = new Batch(1 << 16, BATCH * 8, prepareColumns.length);
    try {
      while (!closed) {
        int row = 0;
        while (row < BATCH) {
          if (!source.next()) {
            batch.end = true;
            break;
          }
          if (files == null || !files.copyRowTo(batch)) {
            int count = source.fieldCount();
            for (int i = 0; i < count; i++) {
              batch.add(source.chars(i));
            }
          }
          batch.firstField[row + 1] = batch.fields;
          batch.origins[row] = source.origin();
          batch.lines[row] = source.line();
          batch.prints[row] = batch.fingerprint(row);
          batch.size = ++row;
        }
        if (batch.end) {
          break;
        }
        batch.progress = source.progress();
        if (prepareColumns.length > 0 && ahead(queue)) {
          // the consumer is behind: rather than wait for room, take some of its work
          batch.prepare(prepareColumns, work, view);
        }
        queue.put(batch);
        Batch reused = free.poll();
        batch =
            reused != null
                ? reused.reset()
                : new Batch(
                    batch.used + batch.used / 8 + 16,
                    batch.fields + batch.fields / 8,
                    prepareColumns.length);
      }
    } catch (RuntimeException e) {
      batch.failure = e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    batch.progress = source.progress();
    try {
      queue.put(batch);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Whether the reading thread prepares the batch it has just filled. */
  private boolean ahead(BlockingQueue<Batch> queue) {
    return switch (sharing) {
      case WHEN_AHEAD -> queue.remainingCapacity() == 0;
      case ALWAYS -> true;
      case NEVER -> false;
    };
  }

  @Override
  public List<String> columns() {
    return columns;
  }

  @Override
  public boolean next() {
    if (reader == null) {
      reader = new Thread(this::readAhead, "tierwise-ingest-reader");
      reader.setDaemon(true);
      reader.start();
    }
    while (true) {
      if (position + 1 < size) {
        position++;
        rowFirst = firstField[position];
        rowCount = firstField[position + 1] - rowFirst;
        return true;
      }
      if (current != null && (current.end || current.failure != null)) {
        if (current.failure != null) {
          RuntimeException failure = current.failure;
          current.failure = null;
          throw failure;
        }
        return false;
      }
      if (current != null) {
        free.offer(current); // its rows are done: views of them are invalid after next()
      }
      try {
        current = queue.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw TierwiseException.invalidInput("reading was interrupted");
      }
      progress = current.progress;
      chars = current.chars;
      bounds = current.bounds;
      firstField = current.firstField;
      prepared = current.prepared;
      origins = current.origins;
      lines = current.lines;
      prints = current.prints;
      isPrepared = current.isPrepared;
      size = current.size;
      position = -1;
    }
  }

  /** Whether the current row is the first of a batch read ahead. */
  boolean firstOfBatch() {
    return position == 0;
  }

  /** Rows of the current batch from the current one on. */
  int rowsInBatch() {
    return size - position;
  }

  /**
   * Field {@code column} of the row {@code ahead} rows after the current one in its batch ({@code
   * ahead < rowsInBatch()}), as {@code into} set to view it (empty for a shorter row); valid until
   * {@link #next} leaves the batch.
   */
  CharSlice ahead(int ahead, int column, CharSlice into) {
    int row = position + ahead;
    int first = firstField[row];
    if (column >= firstField[row + 1] - first) {
      return into.set(chars, 0, 0);
    }
    int field = first + column;
    int start = bounds[field];
    return into.set(chars, start, bounds[field + 1] - start);
  }

  @Override
  public int fieldCount() {
    return rowCount;
  }

  @Override
  public String field(int index) {
    int field = fieldIndex(index);
    int start = bounds[field];
    return new String(chars, start, bounds[field + 1] - start);
  }

  @Override
  public CharSequence chars(int index) {
    int field = fieldIndex(index);
    if (index >= slices.length) {
      CharSlice[] more = Arrays.copyOf(slices, Math.max(index + 1, slices.length * 2));
      for (int i = slices.length; i < more.length; i++) {
        more[i] = new CharSlice();
      }
      slices = more;
    }
    int start = bounds[field];
    return slices[index].set(chars, start, bounds[field + 1] - start);
  }

  private int fieldIndex(int index) {
    if (index < 0 || index >= rowCount) {
      throw new IndexOutOfBoundsException(index);
    }
    return rowFirst + index;
  }

  @Override
  public String origin() {
    return origins[position];
  }

  @Override
  public long line() {
    return lines[position];
  }

  /**
   * The current row's fingerprint (see {@link Batch#fingerprint}), computed on the reading thread.
   */
  long fingerprint() {
    return prints[position];
  }

  @Override
  public long progress() {
    return progress;
  }

  @Override
  public long total() {
    return source.total();
  }

  @Override
  public void close() {
    closed = true;
    if (reader != null) {
      reader.interrupt();
      try {
        reader.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    source.close();
  }
}
