package io.tierwise.ingest;

import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One source of a mapping: where its rows are, how to read them, and how its columns become our
 * fields. Immutable; validated when the mapping is loaded, checked against the real columns when
 * the source is opened.
 *
 * @param kind which of our sources this fills
 * @param location files or a database query
 * @param format the file layout (ignored for database sources)
 * @param zone the time zone of timestamps without an offset
 * @param fields where each of our fields comes from
 * @param cancellation a CEL rule over the row that marks a cancellation/refund
 * @param exclude a CEL rule over the row for rows to leave out (kept in rejects with the reason)
 * @param attributes user columns kept as customer attributes; {@code ["*"]} keeps every column that
 *     is not mapped to a field
 * @param duplicates what to do with rows identical to an earlier row
 * @param zeroAmounts whether purchases of amount 0 are valid
 */
public record SourceSpec(
    SourceKind kind,
    SourceLocation location,
    CsvFormat format,
    ZoneId zone,
    Map<Field, FieldSpec> fields,
    Optional<String> cancellation,
    Optional<String> exclude,
    List<String> attributes,
    DuplicatePolicy duplicates,
    boolean zeroAmounts) {

  /** Rows identical to an earlier row in every column. */
  public enum DuplicatePolicy {
    /** Count and report them, but use them: they may be genuine repeat orders. */
    KEEP,
    /** Keep them in the rejects file, naming the line they repeat. */
    REJECT
  }

  public SourceSpec {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(zone, "zone");
    fields = Map.copyOf(fields);
    Objects.requireNonNull(cancellation, "cancellation");
    Objects.requireNonNull(exclude, "exclude");
    attributes = List.copyOf(attributes);
    Objects.requireNonNull(duplicates, "duplicates");
  }

  /** Keeps every unmapped column as an attribute. */
  public boolean keepsAllAttributes() {
    return attributes.equals(List.of("*"));
  }

  /** A short name for reports: the kind. */
  public String name() {
    return kind.key();
  }
}
