package io.tierwise.ingest;

/**
 * Counts for one field of one source while ingest runs: rows where it is missing, valid or invalid,
 * and valid numbers that are zero or negative. {@link SourceReport.FieldReport} is the published
 * copy.
 */
final class FieldStats {
  final String field;
  long missing;
  long valid;
  long invalid;
  long nonPositive;

  FieldStats(String field) {
    this.field = field;
  }
}
