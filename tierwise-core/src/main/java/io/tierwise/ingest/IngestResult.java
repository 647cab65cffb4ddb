package io.tierwise.ingest;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of ingest: the customers and a report per source.
 *
 * @param customers the customers with their histories
 * @param sources one report per source read, in reading order
 * @param rejectsWritten rows written to the rejects file
 * @param inputs the fingerprints of the input files, in the mapping's order, when the options asked
 *     for them ({@link Ingest.Options#fingerprinting()}); empty otherwise
 */
public record IngestResult(
    CustomerBase customers,
    List<SourceReport> sources,
    long rejectsWritten,
    List<InputFingerprint> inputs) {
  public IngestResult {
    sources = List.copyOf(sources);
    inputs = List.copyOf(inputs);
  }

  public Optional<SourceReport> source(SourceKind kind) {
    return sources.stream().filter(report -> report.source().equals(kind.key())).findFirst();
  }

  /** The newest date in any source: the default as-of date. */
  public Optional<LocalDate> newestRecord() {
    return sources.stream()
        .map(SourceReport::newest)
        .flatMap(Optional::stream)
        .max(LocalDate::compareTo);
  }
}
