package io.tierwise.ingest;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What reading one source found: rows, rejects by reason, duplicates, cancellations, per-field
 * coverage and validity, the date range.
 *
 * @param source the source name (customers, orders, events, surveys)
 * @param files how many files (or queries) were read
 * @param rows data rows read
 * @param accepted rows used
 * @param rejected rows kept in the rejects file instead
 * @param rejectsByReason rejected rows per reason, most frequent first
 * @param duplicates rows identical to an earlier row (kept or rejected per the mapping)
 * @param cancellations rows that cancel or refund a purchase
 * @param cancellationsMatched cancellations taken off an earlier purchase of the customer
 * @param customers distinct customers in accepted rows
 * @param fields per-field counts
 * @param oldest the oldest date in accepted rows
 * @param newest the newest date in accepted rows
 */
public record SourceReport(
    String source,
    int files,
    long rows,
    long accepted,
    long rejected,
    Map<String, Long> rejectsByReason,
    long duplicates,
    long cancellations,
    long cancellationsMatched,
    long customers,
    List<FieldReport> fields,
    Optional<LocalDate> oldest,
    Optional<LocalDate> newest) {

  public SourceReport {
    rejectsByReason =
        java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(rejectsByReason));
    fields = List.copyOf(fields);
  }

  /**
   * One field's counts.
   *
   * @param field our field name
   * @param present rows where it has a value
   * @param missing rows where it is blank or absent
   * @param valid present values that parse and pass checks
   * @param invalid present values that do not
   * @param nonPositive valid numbers that are zero or negative (numeric fields only)
   */
  public record FieldReport(
      String field, long present, long missing, long valid, long invalid, long nonPositive) {
    public double coverage() {
      long rows = present + missing;
      return rows == 0 ? 0 : (double) present / rows;
    }

    public double accuracy() {
      return present == 0 ? 0 : (double) valid / present;
    }
  }
}
