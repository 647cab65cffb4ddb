package io.tierwise.cli;

import io.tierwise.TierwiseException;
import io.tierwise.churn.ChurnModel;
import io.tierwise.ingest.Ingest;
import io.tierwise.ingest.IngestResult;
import io.tierwise.ingest.SourceMapping;
import io.tierwise.policy.TieringPolicy;
import io.tierwise.quality.QualityReport;
import io.tierwise.quality.QualityReportText;
import io.tierwise.run.ChurnSource;
import io.tierwise.run.ClassificationRun;
import io.tierwise.run.RunProvenance;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tierwise run}: indicators, classes, segments and tiers for every customer. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Classify every customer: indicators, ABC, RFM, value tier, tiers, tags.",
      "Labels: ABC, RFM segment, value tier, behaviour, needs, relationship, activity, lifecycle,"
          + " composite tier with the gap to the next, tags.",
      "Writes customers.csv, summary.json, quality.txt and rejects.csv to OUT; the policy is"
          + " checked before any data is read.",
      "Explain one customer with 'tierwise explain --run OUT --customer ID'.",
      "Churn: a model trained on the customers' own history (or --churn-model) scores everyone;"
          + " OUT/alerts.csv lists the customers at risk, highest value at risk first.",
      "Clusters: k-means segments on standardised indicators, profiled in summary.json."
    })
final class RunCommand implements Callable<Integer> {

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin DataOptions data;

  @Option(
      names = "--policy",
      paramLabel = "FILE",
      description = "tiering policy (YAML, docs/policy.md); default: the policy in the jar")
  Path policyFile;

  @Option(
      names = "--as-of",
      paramLabel = "DATE",
      description = "the date indicators are computed at (yyyy-MM-dd); default: the newest record")
  LocalDate asOf;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      required = true,
      description = "directory for the results (created if missing)")
  Path out;

  @Option(
      names = "--churn-model",
      paramLabel = "FILE",
      description =
          "score churn with this saved model (an earlier run's churn-model.json) instead of"
              + " training one")
  Path churnModel;

  @Option(
      names = "--timings",
      description =
          "print the seconds each stage took (reading, training, classifying...) on standard error")
  boolean timings;

  @Override
  public Integer call() throws IOException {
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter stdout = spec.commandLine().getOut();
    TieringPolicy policy =
        policyFile == null ? TieringPolicy.defaults() : TieringPolicy.load(policyFile);
    ChurnSource churnSource =
        churnModel == null
            ? new ChurnSource.TrainOnHistory()
            : new ChurnSource.Reuse(ChurnModel.load(churnModel), churnModel.toString());
    SourceMapping mapping = data.mapping();
    Files.createDirectories(out);
    long started = System.nanoTime();
    Path rejects = out.resolve("rejects.csv");
    // the inputs' fingerprints (summary.json) are taken of the bytes ingest reads, as it reads them
    IngestResult ingest = data.ingest(mapping, rejects, err, Ingest.Keep.EVERYTHING, true);
    double ingestSeconds = (System.nanoTime() - started) / 1e9;
    LocalDate at =
        asOf != null
            ? asOf
            : ingest
                .newestRecord()
                .orElseThrow(
                    () ->
                        TierwiseException.dataQuality(
                            "no usable row in any source; see " + rejects));
    QualityReport quality = QualityReport.of(ingest, at, data.thresholds(), rejects.toString());
    Files.writeString(out.resolve("quality.txt"), QualityReportText.render(quality));
    Files.writeString(
        out.resolve("quality.json"), CliJson.MAPPER.writeValueAsString(quality) + "\n");
    RunProvenance provenance =
        RunProvenance.of(
            at,
            policy.name(),
            policy.version(),
            policy.sha256(),
            ingest.inputs(),
            new TierwiseCommand.Version().getVersion()[0]);
    ClassificationRun.Outcome outcome =
        ClassificationRun.execute(
            ingest.customers(),
            policy,
            provenance,
            out,
            churnSource,
            Clock.systemUTC(),
            ClassificationRun.Histories.RELEASE);
    double seconds = (System.nanoTime() - started) / 1e9;
    if (timings) {
      StringBuilder text = new StringBuilder("timings: ingest ").append(tenths(ingestSeconds));
      outcome
          .phases()
          .forEach(
              (phase, took) -> text.append(", ").append(phase).append(' ').append(tenths(took)));
      err.println(text.append(" s"));
    }
    stdout.println(
        "classified "
            + outcome.customers()
            + " customers as of "
            + at
            + " with policy '"
            + policy.name()
            + "' (sha256 "
            + policy.sha256().substring(0, 12)
            + ") in "
            + Math.round(seconds * 10) / 10.0
            + " s (ingest "
            + Math.round(ingestSeconds * 10) / 10.0
            + " s); run "
            + provenance.runId()
            + " written to "
            + out);
    if (outcome.alerts() > 0) {
      stdout.println(
          outcome.alerts()
              + " churn alerts, highest value at risk first: "
              + out.resolve("alerts.csv"));
    }
    outcome.notes().forEach(stdout::println);
    if (quality.failed()) {
      stdout.println("data quality below thresholds; see " + out.resolve("quality.txt"));
    }
    stdout.flush();
    return quality.failed() ? ExitCodes.DATA_QUALITY : ExitCodes.OK;
  }

  private static String tenths(double seconds) {
    return String.format(java.util.Locale.ROOT, "%.1f", seconds);
  }
}
