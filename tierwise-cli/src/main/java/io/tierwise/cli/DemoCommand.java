package io.tierwise.cli;

import io.tierwise.ingest.IngestResult;
import io.tierwise.ingest.SourceMapping;
import io.tierwise.quality.QualityReport;
import io.tierwise.quality.QualityThresholds;
import io.tierwise.synth.BgNbdParameters;
import io.tierwise.synth.GammaGammaParameters;
import io.tierwise.synth.GeneratorSettings;
import io.tierwise.synth.SyntheticCompanyGenerator;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tierwise demo}: generates a demo company and runs everything built so far on it, so a new
 * user sees the whole product with one command.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Generate a demo company and run everything on it.",
      "The company is synthetic, with known truth; prints where the results are."
    })
final class DemoCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      defaultValue = "tierwise-demo",
      description = "where the demo data and results go (default: ${DEFAULT-VALUE})")
  Path out;

  @Option(
      names = "--customers",
      paramLabel = "N",
      defaultValue = "5000",
      description = "customers in the demo company (default: ${DEFAULT-VALUE})")
  long customers;

  @Option(
      names = "--seed",
      paramLabel = "S",
      defaultValue = "7",
      description = "seed of the demo company (default: ${DEFAULT-VALUE})")
  long seed;

  @Override
  public Integer call() throws Exception {
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Path data = out.resolve("data");
    Path results = out.resolve("results");
    Files.createDirectories(results);

    stdout.printf(
        Locale.ROOT, "1. Generating a demo company of %,d customers in %s%n", customers, data);
    stdout.flush();
    new SyntheticCompanyGenerator()
        .generate(
            new GeneratorSettings(
                customers,
                seed,
                LocalDate.of(2023, 1, 1),
                LocalDate.of(2024, 12, 31),
                12,
                BgNbdParameters.parse("0.243,4.414,0.793,2.426"),
                GammaGammaParameters.parse("6.25,3.74,15.44"),
                0.3,
                false),
            data,
            done -> {});

    stdout.println("2. Validating the data");
    stdout.flush();
    Path rejects = results.resolve("rejects.csv");
    SourceMapping mapping = SourceMapping.ownFormat(data);
    DataOptions reader = new DataOptions();
    IngestResult ingest = reader.ingest(mapping, rejects, err);
    LocalDate asOf = ingest.newestRecord().orElse(LocalDate.of(2024, 12, 31));
    QualityReport quality =
        QualityReport.of(ingest, asOf, QualityThresholds.NONE, rejects.toString());
    Files.writeString(
        results.resolve("quality.json"), ValidateCommand.Json.MAPPER.writeValueAsString(quality));
    for (QualityReport.SourceQuality source : quality.sources()) {
      stdout.printf(
          Locale.ROOT,
          "   %-9s %,10d rows  %,10d accepted  %,6d rejected  newest %s%n",
          source.source(),
          source.rows(),
          source.accepted(),
          source.rejected(),
          source.newest());
    }

    stdout.println();
    stdout.println("Results:");
    stdout.println("  data (our CSV format)   " + data);
    stdout.println("  truth of the generator  " + data.resolve("truth.json"));
    stdout.println("  data quality report     " + results.resolve("quality.json"));
    stdout.println("  rejected rows           " + rejects);
    stdout.println();
    stdout.println("Next: ./tierwise validate --data " + data);
    stdout.flush();
    return ExitCodes.OK;
  }
}
