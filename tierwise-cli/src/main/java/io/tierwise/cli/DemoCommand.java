package io.tierwise.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tierwise.synth.GeneratorSettings;
import io.tierwise.synth.SyntheticCompanyGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tierwise demo}: generate a demo company, classify it and show the result. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Generate a demo company (fixed seed), classify it with the default policy and print a",
      "short summary; results stay in the output directory."
    })
final class DemoCommand implements Callable<Integer> {

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "where to write (default: ${DEFAULT-VALUE})")
  Path out = Path.of("tierwise-demo");

  @Option(
      names = "--customers",
      paramLabel = "N",
      description = "customers to generate (default: ${DEFAULT-VALUE})")
  int customers = 5_000;

  @Override
  public Integer call() throws IOException {
    PrintWriter stdout = spec.commandLine().getOut();
    Path data = out.resolve("data");
    Path results = out.resolve("run");
    new SyntheticCompanyGenerator().generate(GeneratorSettings.of(customers, 7), data, done -> {});
    stdout.println("generated " + customers + " customers into " + data);
    int code =
        TierwiseCommand.newCommandLine()
            .setOut(stdout)
            .setErr(spec.commandLine().getErr())
            .execute(
                "run", "--data", data.toString(), "--out", results.toString(), "--no-progress");
    if (code != ExitCodes.OK) {
      return code;
    }
    JsonNode summary = new ObjectMapper().readTree(results.resolve("summary.json").toFile());
    stdout.println();
    table(stdout, "tier", summary.path("tier"));
    table(stdout, "ABC class", summary.path("abc").path("classes"));
    table(stdout, "RFM segment", summary.path("rfm").path("segments"));
    table(stdout, "activity", summary.path("activity_status"));
    stdout.println("Gini of monetary: " + summary.path("abc").path("gini").asText());
    stdout.println();
    stdout.println("customers:  " + results.resolve("customers.csv"));
    stdout.println("summary:    " + results.resolve("summary.json"));
    stdout.println("explain one: tierwise explain --run " + results + " --customer C000001");
    stdout.flush();
    return ExitCodes.OK;
  }

  private static void table(PrintWriter out, String title, JsonNode group) {
    out.printf("%-22s %10s %16s%n", title, "customers", "monetary");
    Iterator<Map.Entry<String, JsonNode>> entries = group.properties().iterator();
    while (entries.hasNext()) {
      Map.Entry<String, JsonNode> entry = entries.next();
      out.printf(
          "  %-20s %10d %16.2f%n",
          entry.getKey(),
          entry.getValue().path("customers").asLong(),
          entry.getValue().path("monetary").asDouble());
    }
    out.println();
  }
}
