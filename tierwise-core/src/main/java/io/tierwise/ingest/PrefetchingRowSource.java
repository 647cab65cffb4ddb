package io.tierwise.ingest;

import io.tierwise.TierwiseException;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Reads a {@link RowSource} on a second thread, in batches, so that parsing (FastCSV, gzip, JDBC)
 * and validation/folding run on two cores at once. Row order is preserved; errors of the reading
 * thread are raised at the row where they occurred. Memory: a few batches of rows.
 */
final class PrefetchingRowSource implements RowSource {
  private static final int BATCH = 2048;
  private static final int QUEUED_BATCHES = 8;

  /** Rows read ahead; the last batch of a source carries {@code end} or {@code failure}. */
  private static final class Batch {
    final String[][] rows = new String[BATCH][];
    final String[] origins = new String[BATCH];
    final long[] lines = new long[BATCH];
    final long[] prints = new long[BATCH];
    int size;
    long progress;
    boolean end;
    RuntimeException failure;
  }

  private final RowSource source;
  private final List<String> columns;
  private final BlockingQueue<Batch> queue = new ArrayBlockingQueue<>(QUEUED_BATCHES);
  private final Thread reader;
  private volatile boolean closed;
  private Batch current;
  private int position = -1;
  private String[] row;
  private long progress;

  PrefetchingRowSource(RowSource source) {
    this.source = source;
    this.columns = source.columns();
    this.reader = new Thread(this::readAhead, "tierwise-ingest-reader");
    reader.setDaemon(true);
    reader.start();
  }

  private void readAhead() {
    Batch batch = new Batch();
    try {
      while (!closed) {
        if (!source.next()) {
          batch.end = true;
          break;
        }
        int count = source.fieldCount();
        String[] fields = new String[count];
        for (int i = 0; i < count; i++) {
          fields[i] = source.field(i);
        }
        batch.rows[batch.size] = fields;
        batch.origins[batch.size] = source.origin();
        batch.lines[batch.size] = source.line();
        batch.prints[batch.size] = source.fingerprint();
        batch.size++;
        if (batch.size == BATCH) {
          batch.progress = source.progress();
          queue.put(batch);
          batch = new Batch();
        }
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

  @Override
  public List<String> columns() {
    return columns;
  }

  @Override
  public boolean next() {
    while (true) {
      if (current != null && position + 1 < current.size) {
        position++;
        row = current.rows[position];
        current.rows[position] = null;
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
      try {
        current = queue.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw TierwiseException.invalidInput("reading was interrupted");
      }
      progress = current.progress;
      position = -1;
    }
  }

  @Override
  public int fieldCount() {
    return row.length;
  }

  @Override
  public String field(int index) {
    return row[index];
  }

  @Override
  public String origin() {
    return current.origins[position];
  }

  @Override
  public long line() {
    return current.lines[position];
  }

  @Override
  public long fingerprint() {
    return current.prints[position];
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
    reader.interrupt();
    try {
      reader.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    source.close();
  }
}
