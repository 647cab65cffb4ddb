package io.tierwise.quality;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.tierwise.ingest.IngestResult;
import io.tierwise.ingest.SourceReport;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The data quality report of one ingest at an as-of date, with the thresholds it was checked
 * against and every violation found. Serialises to JSON with snake_case keys.
 */
public record QualityReport(
    @JsonProperty("as_of") LocalDate asOf,
    @JsonProperty("sources") List<SourceQuality> sources,
    @JsonProperty("rejects_file") String rejectsFile,
    @JsonProperty("violations") List<String> violations) {

  public QualityReport {
    sources = List.copyOf(sources);
    violations = List.copyOf(violations);
  }

  /** True when a threshold was crossed. */
  public boolean failed() {
    return !violations.isEmpty();
  }

  /** Quality of one source. */
  public record SourceQuality(
      @JsonProperty("source") String source,
      @JsonProperty("files") int files,
      @JsonProperty("rows") long rows,
      @JsonProperty("accepted") long accepted,
      @JsonProperty("rejected") long rejected,
      @JsonProperty("reject_share") double rejectShare,
      @JsonProperty("duplicates") long duplicates,
      @JsonProperty("cancellations") long cancellations,
      @JsonProperty("cancellations_matched") long cancellationsMatched,
      @JsonProperty("customers") long customers,
      @JsonProperty("oldest") LocalDate oldest,
      @JsonProperty("newest") LocalDate newest,
      @JsonProperty("age_days") Long ageDays,
      @JsonProperty("rejects_by_reason") Map<String, Long> rejectsByReason,
      @JsonProperty("fields") List<FieldQuality> fields) {}

  /** Quality of one field of one source. */
  public record FieldQuality(
      @JsonProperty("field") String field,
      @JsonProperty("present") long present,
      @JsonProperty("missing") long missing,
      @JsonProperty("valid") long valid,
      @JsonProperty("invalid") long invalid,
      @JsonProperty("non_positive") long nonPositive,
      @JsonProperty("coverage") double coverage,
      @JsonProperty("accuracy") double accuracy) {}

  /** Builds the report from an ingest and checks it against {@code thresholds}. */
  public static QualityReport of(
      IngestResult ingest, LocalDate asOf, QualityThresholds thresholds, String rejectsFile) {
    List<SourceQuality> sources = new ArrayList<>();
    List<String> violations = new ArrayList<>();
    for (SourceReport source : ingest.sources()) {
      Long age = source.newest().map(newest -> ChronoUnit.DAYS.between(newest, asOf)).orElse(null);
      double rejectShare = source.rows() == 0 ? 0 : (double) source.rejected() / source.rows();
      double duplicateShare = source.rows() == 0 ? 0 : (double) source.duplicates() / source.rows();
      List<FieldQuality> fields = new ArrayList<>();
      for (SourceReport.FieldReport field : source.fields()) {
        fields.add(
            new FieldQuality(
                field.field(),
                field.present(),
                field.missing(),
                field.valid(),
                field.invalid(),
                field.nonPositive(),
                round(field.coverage()),
                round(field.accuracy())));
        thresholds
            .coverageFor(source.source(), field.field())
            .filter(min -> field.coverage() < min)
            .ifPresent(
                min ->
                    violations.add(
                        String.format(
                            java.util.Locale.ROOT,
                            "%s.%s: coverage %.4f is below the minimum %.4f",
                            source.source(),
                            field.field(),
                            field.coverage(),
                            min)));
        thresholds
            .accuracyFor(source.source(), field.field())
            .filter(min -> field.accuracy() < min)
            .ifPresent(
                min ->
                    violations.add(
                        String.format(
                            java.util.Locale.ROOT,
                            "%s.%s: accuracy %.4f is below the minimum %.4f",
                            source.source(),
                            field.field(),
                            field.accuracy(),
                            min)));
      }
      check(
          thresholds.maxRejectShare(), rejectShare, source.source() + ": reject share", violations);
      check(
          thresholds.maxDuplicateShare(),
          duplicateShare,
          source.source() + ": duplicate share",
          violations);
      if (age != null) {
        check(
            thresholds.maxAgeDays(),
            age,
            source.source() + ": age of newest record in days",
            violations);
      }
      sources.add(
          new SourceQuality(
              source.source(),
              source.files(),
              source.rows(),
              source.accepted(),
              source.rejected(),
              round(rejectShare),
              source.duplicates(),
              source.cancellations(),
              source.cancellationsMatched(),
              source.customers(),
              source.oldest().orElse(null),
              source.newest().orElse(null),
              age,
              source.rejectsByReason(),
              fields));
    }
    return new QualityReport(asOf, sources, rejectsFile, violations);
  }

  private static void check(
      OptionalDouble limit, double value, String what, List<String> violations) {
    if (limit.isPresent() && value > limit.getAsDouble()) {
      violations.add(
          String.format(
              java.util.Locale.ROOT,
              "%s %.4f is above the maximum %.4f",
              what,
              value,
              limit.getAsDouble()));
    }
  }

  private static double round(double value) {
    return Math.round(value * 1e6) / 1e6;
  }
}
