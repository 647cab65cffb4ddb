package io.tierwise.quality;

import java.util.Locale;
import java.util.Map;

/** Renders a {@link QualityReport} as the human-readable table the CLI prints. */
public final class QualityReportText {
  private QualityReportText() {}

  public static String render(QualityReport report) {
    StringBuilder out = new StringBuilder();
    out.append("Data quality as of ").append(report.asOf()).append('\n');
    for (QualityReport.SourceQuality source : report.sources()) {
      out.append('\n')
          .append(source.source())
          .append(": ")
          .append(
              String.format(Locale.ROOT, "%,d rows in %d file(s)", source.rows(), source.files()))
          .append(
              String.format(
                  Locale.ROOT,
                  ", %,d accepted, %,d rejected (%.2f %%)",
                  source.accepted(),
                  source.rejected(),
                  100 * source.rejectShare()))
          .append('\n');
      out.append(
          String.format(
              Locale.ROOT,
              "  customers %,d; duplicates %,d; cancellation rows %,d (%,d matched to a purchase)%n",
              source.customers(),
              source.duplicates(),
              source.cancellations(),
              source.cancellationsMatched()));
      if (source.newest() != null) {
        out.append(
            String.format(
                Locale.ROOT,
                "  dates %s .. %s; newest record is %d day(s) old%n",
                source.oldest(),
                source.newest(),
                source.ageDays()));
      }
      out.append(
          String.format(
              Locale.ROOT,
              "  %-20s %12s %12s %12s %12s %9s %9s%n",
              "field",
              "present",
              "missing",
              "invalid",
              "zero/neg",
              "coverage",
              "accuracy"));
      for (QualityReport.FieldQuality field : source.fields()) {
        out.append(
            String.format(
                Locale.ROOT,
                "  %-20s %,12d %,12d %,12d %12s %8.2f%% %8.2f%%%n",
                field.field(),
                field.present(),
                field.missing(),
                field.invalid(),
                field.nonPositive() == 0
                    ? ""
                    : String.format(Locale.ROOT, "%,d", field.nonPositive()),
                100 * field.coverage(),
                100 * field.accuracy()));
      }
      if (!source.rejectsByReason().isEmpty()) {
        out.append("  rejects by reason:\n");
        for (Map.Entry<String, Long> reason : source.rejectsByReason().entrySet()) {
          out.append(
              String.format(Locale.ROOT, "  %,12d  %s%n", reason.getValue(), reason.getKey()));
        }
      }
    }
    if (report.rejectsFile() != null) {
      out.append("\nRejected rows are in ").append(report.rejectsFile()).append('\n');
    }
    if (report.failed()) {
      out.append("\nQUALITY CHECK FAILED:\n");
      report.violations().forEach(violation -> out.append("  - ").append(violation).append('\n'));
    }
    return out.toString();
  }
}
