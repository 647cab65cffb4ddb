package io.tierwise.ingest;

/** Receives progress while a source is read; the CLI draws a bar with it on a terminal. */
public interface IngestProgress {
  IngestProgress NONE = new IngestProgress() {};

  /** A source starts; {@code total} is its size in bytes, 0 when unknown. */
  default void start(String source, long total) {}

  /** Bytes consumed so far and rows read so far. */
  default void advance(long progress, long rows) {}

  /** The current source is done. */
  default void finish() {}
}
