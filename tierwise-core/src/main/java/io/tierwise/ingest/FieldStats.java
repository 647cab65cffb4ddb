package io.tierwise.ingest;

/**
 * Counts for one field of one source: how often it was present and how often what was present was
 * valid. Mutable while ingest runs; reports copy it.
 */
public final class FieldStats {
  private final String field;
  long missing;
  long valid;
  long invalid;
  long nonPositive;

  FieldStats(String field) {
    this.field = field;
  }

  public String field() {
    return field;
  }

  public long missing() {
    return missing;
  }

  public long valid() {
    return valid;
  }

  public long invalid() {
    return invalid;
  }

  /** Valid numbers that are zero or negative. */
  public long nonPositive() {
    return nonPositive;
  }

  public long rows() {
    return missing + valid + invalid;
  }

  /** Share of rows where the field is present. */
  public double coverage() {
    long rows = rows();
    return rows == 0 ? 0 : (double) (valid + invalid) / rows;
  }

  /** Share of present values that are valid. */
  public double accuracy() {
    long present = valid + invalid;
    return present == 0 ? 0 : (double) valid / present;
  }
}
