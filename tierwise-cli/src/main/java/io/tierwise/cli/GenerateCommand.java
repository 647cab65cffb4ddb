package io.tierwise.cli;

import io.tierwise.synth.BgNbdParameters;
import io.tierwise.synth.GammaGammaParameters;
import io.tierwise.synth.GenerationSummary;
import io.tierwise.synth.GeneratorSettings;
import io.tierwise.synth.SyntheticCompanyGenerator;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tierwise generate}: writes a synthetic company with known truth (docs/generator.md). */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Generate a synthetic company whose truth is known: customers.csv, orders.csv, events.csv,"
          + " surveys.csv in the Tierwise data format, plus truth.json and truth-customers.csv.",
      "Purchases follow BG/NBD, spend Gamma-Gamma; the same options always give the same bytes."
    })
final class GenerateCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--customers",
      required = true,
      paramLabel = "N",
      description = "Number of customers (1 to 999,999,999).")
  long customers;

  @Option(
      names = "--seed",
      paramLabel = "S",
      defaultValue = "1",
      description = "Master seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "DIR",
      description = "Output directory; created if missing, existing files are replaced.")
  Path out;

  @Option(
      names = "--start",
      paramLabel = "DATE",
      defaultValue = "2023-01-01",
      description = "First day of the period, yyyy-MM-dd (default: ${DEFAULT-VALUE}).")
  LocalDate start;

  @Option(
      names = "--end",
      paramLabel = "DATE",
      defaultValue = "2024-12-31",
      description =
          "Last day of the period, inclusive; later purchases are not written"
              + " (default: ${DEFAULT-VALUE}).")
  LocalDate end;

  @Option(
      names = "--acquisition-weeks",
      paramLabel = "WEEKS",
      defaultValue = "12",
      description =
          "First purchases are spread uniformly over this many weeks from --start"
              + " (default: ${DEFAULT-VALUE}).")
  double acquisitionWeeks;

  @Option(
      names = "--bgnbd",
      paramLabel = "r,alpha,a,b",
      defaultValue = "0.243,4.414,0.793,2.426",
      description =
          "BG/NBD parameters, time unit weeks: rate ~ Gamma(r, alpha), dropout ~ Beta(a, b)"
              + " (default CDNOW: ${DEFAULT-VALUE}).")
  String bgNbd;

  @Option(
      names = "--gamma-gamma",
      paramLabel = "p,q,gamma",
      defaultValue = "6.25,3.74,15.44",
      description =
          "Gamma-Gamma spend parameters: nu ~ Gamma(q, gamma), value ~ Gamma(p, nu)"
              + " (default CDNOW: ${DEFAULT-VALUE}).")
  String gammaGamma;

  @Option(
      names = "--survey-share",
      paramLabel = "SHARE",
      defaultValue = "0.3",
      description = "Share of customers who answer surveys, 0 to 1 (default: ${DEFAULT-VALUE}).")
  double surveyShare;

  @Option(names = "--gzip", description = "Write .csv.gz instead of .csv.")
  boolean gzip;

  @Override
  public Integer call() {
    GeneratorSettings settings =
        new GeneratorSettings(
            customers,
            seed,
            start,
            end,
            acquisitionWeeks,
            BgNbdParameters.parse(bgNbd),
            GammaGammaParameters.parse(gammaGamma),
            surveyShare,
            gzip);
    PrintWriter err = spec.commandLine().getErr();
    long started = System.nanoTime();
    GenerationSummary summary =
        new SyntheticCompanyGenerator()
            .generate(
                settings,
                out,
                done -> {
                  if (done % 1_000_000 == 0 && done < customers) {
                    err.println("generated " + done + " of " + customers + " customers");
                    err.flush();
                  }
                });
    double seconds = (System.nanoTime() - started) / 1e9;
    PrintWriter stdout = spec.commandLine().getOut();
    stdout.println(
        "wrote "
            + summary.customers()
            + " customers, "
            + summary.orders()
            + " orders, "
            + summary.events()
            + " events, "
            + summary.surveys()
            + " survey answers ("
            + summary.churned()
            + " churned) to "
            + summary.directory()
            + " in "
            + Math.round(seconds * 10) / 10.0
            + " s; truth in truth.json");
    stdout.flush();
    return ExitCodes.OK;
  }
}
