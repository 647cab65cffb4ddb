package io.tierwise.cli;

import io.tierwise.TierwiseException;
import io.tierwise.ingest.Ingest;
import io.tierwise.ingest.IngestResult;
import io.tierwise.ingest.SourceMapping;
import io.tierwise.quality.QualityReport;
import io.tierwise.quality.QualityReportText;
import io.tierwise.quality.QualityThresholds;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tierwise validate}: reads the data and reports its quality. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = {
      "Check data quality and keep every unusable row in a rejects file.",
      "Reports coverage and accuracy per field, timeliness, duplicates and rejects by reason.",
      "Exits with 4 when a threshold (the mapping's 'quality' block or --quality) is crossed."
    })
final class ValidateCommand implements Callable<Integer> {

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin DataOptions data;

  @Option(
      names = "--as-of",
      paramLabel = "DATE",
      description = "the date timeliness is measured at (yyyy-MM-dd); default: the newest record")
  LocalDate asOf;

  @Option(
      names = "--rejects",
      paramLabel = "FILE",
      description = "where rejected rows go (default: rejects.csv in the current directory)")
  Path rejects = Path.of("rejects.csv");

  @Option(
      names = "--quality",
      paramLabel = "FILE",
      description = "quality thresholds (YAML); overrides the mapping's 'quality' block")
  Path quality;

  @Option(names = "--json", description = "print one JSON object instead of the table")
  boolean json;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    SourceMapping mapping = data.mapping();
    QualityThresholds thresholds =
        quality != null ? QualityThresholds.load(quality) : data.thresholds();
    // Every row is read, validated and counted the same way whatever is kept (Ingest.Keep); the
    // report needs no histories, only the purchases that cancellations are matched against.
    IngestResult result = data.ingest(mapping, rejects, err, Ingest.Keep.PURCHASE_VALUES);
    LocalDate at =
        asOf != null
            ? asOf
            : result
                .newestRecord()
                .orElseThrow(
                    () ->
                        TierwiseException.dataQuality(
                            "no usable row in any source; see " + rejects));
    QualityReport report = QualityReport.of(result, at, thresholds, rejects.toString());
    if (json) {
      out.println(CliJson.MAPPER.writeValueAsString(report));
    } else {
      out.print(QualityReportText.render(report));
    }
    out.flush();
    return report.failed() ? ExitCodes.DATA_QUALITY : ExitCodes.OK;
  }
}
