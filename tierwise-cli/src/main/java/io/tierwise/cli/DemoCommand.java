package io.tierwise.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.tierwise.synth.BgNbdParameters;
import io.tierwise.synth.GammaGammaParameters;
import io.tierwise.synth.GeneratorSettings;
import io.tierwise.synth.SyntheticCompanyGenerator;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
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
      "Generate a demo company, validate and classify it, and print a summary table.",
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
                // A company that keeps acquiring customers over 18 months and keeps more of
                // them than CDNOW did, so every segment and tier is populated.
                78,
                BgNbdParameters.parse("0.6,2.0,0.5,4.0"),
                GammaGammaParameters.parse("6.25,3.74,15.44"),
                0.3,
                false),
            data,
            done -> {});

    stdout.println(
        "2. Running: data quality, indicators, ABC, RFM, value tiers, behaviour, needs, CLV,"
            + " churn, clusters, tiers");
    stdout.flush();
    Path run = results.resolve("run");
    int code =
        TierwiseCommand.newCommandLine()
            .setOut(stdout)
            .setErr(err)
            .execute("run", "--data", data.toString(), "--out", run.toString(), "--no-progress");
    if (code != ExitCodes.OK) {
      return code;
    }
    stdout.println();
    for (JsonNode source :
        CliJson.MAPPER.readTree(run.resolve("quality.json").toFile()).path("sources")) {
      stdout.printf(
          Locale.ROOT,
          "   %-9s %,10d rows  %,10d accepted  %,6d rejected  newest %s%n",
          source.path("source").asText(),
          source.path("rows").asLong(),
          source.path("accepted").asLong(),
          source.path("rejected").asLong(),
          source.path("newest").asText());
    }
    JsonNode summary = CliJson.MAPPER.readTree(run.resolve("summary.json").toFile());
    stdout.println();
    table(stdout, "tier", summary.path("tier"));
    table(stdout, "ABC class", summary.path("abc").path("classes"));
    table(stdout, "RFM segment", summary.path("rfm").path("segments"));
    table(stdout, "activity", summary.path("activity_status"));
    stdout.printf(Locale.ROOT, "Gini of monetary: %s%n", summary.path("abc").path("gini").asText());

    stdout.println();
    stdout.println("Results:");
    stdout.println("  customers (one row each) " + run.resolve("customers.csv"));
    stdout.println("  summary                 " + run.resolve("summary.json"));
    stdout.println("  data (our CSV format)   " + data);
    stdout.println("  truth of the generator  " + data.resolve("truth.json"));
    stdout.println("  alerts (churn risk)     " + run.resolve("alerts.csv"));
    stdout.println("  data quality report     " + run.resolve("quality.txt"));
    stdout.println("  rejected rows           " + run.resolve("rejects.csv"));
    stdout.println();
    stdout.println("Next: ./tierwise explain --run " + run + " --customer C000000001");
    stdout.flush();
    return ExitCodes.OK;
  }

  private static void table(PrintWriter out, String title, JsonNode group) {
    out.printf(Locale.ROOT, "%-22s %10s %16s%n", title, "customers", "monetary");
    Iterator<Map.Entry<String, JsonNode>> entries = group.properties().iterator();
    while (entries.hasNext()) {
      Map.Entry<String, JsonNode> entry = entries.next();
      out.printf(
          Locale.ROOT,
          "  %-20s %,10d %,16.2f%n",
          entry.getKey(),
          entry.getValue().path("customers").asLong(),
          entry.getValue().path("monetary").asDouble());
    }
    out.println();
  }
}
