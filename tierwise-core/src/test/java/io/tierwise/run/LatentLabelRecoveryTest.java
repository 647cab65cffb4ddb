package io.tierwise.run;

import static org.assertj.core.api.Assertions.assertThat;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.NamedCsvRecord;
import io.tierwise.ingest.Ingest;
import io.tierwise.ingest.IngestResult;
import io.tierwise.ingest.SourceMapping;
import io.tierwise.policy.TieringPolicy;
import io.tierwise.synth.GeneratorSettings;
import io.tierwise.synth.SyntheticCompanyGenerator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The behaviour group and needs type `run` assigns recover the generator's latent labels far better
 * than chance. Chance here is the better of two baselines: always guessing the largest class, and
 * guessing at random with the true class shares.
 */
class LatentLabelRecoveryTest {

  @TempDir Path directory;

  @Test
  void behaviourGroupAndNeedsTypeRecoverTheLatentLabels() throws IOException {
    Path data = directory.resolve("data");
    new SyntheticCompanyGenerator().generate(GeneratorSettings.of(3000, 11), data);
    IngestResult ingest =
        Ingest.run(SourceMapping.ownFormat(data), directory.resolve("rejects.csv"));
    TieringPolicy policy = TieringPolicy.defaults();
    Path out = directory.resolve("run");
    ClassificationRun.execute(
        ingest.customers(),
        policy,
        RunFixtures.provenance(SourceMapping.ownFormat(data), policy),
        out);

    Map<String, String[]> truth = new HashMap<>();
    try (CsvReader<NamedCsvRecord> reader =
        CsvReader.builder().ofNamedCsvRecord(data.resolve("truth-customers.csv"))) {
      reader.forEach(
          row ->
              truth.put(
                  row.getField("customer_id"),
                  new String[] {row.getField("behaviour_group"), row.getField("needs_type")}));
    }
    Agreement behaviour = new Agreement();
    Agreement needs = new Agreement();
    try (CsvReader<NamedCsvRecord> reader =
        CsvReader.builder().ofNamedCsvRecord(out.resolve("customers.csv"))) {
      reader.forEach(
          row -> {
            String[] latent = truth.get(row.getField("customer_id"));
            behaviour.add(latent[0], row.getField("behaviour_group"));
            needs.add(latent[1], row.getField("needs_type"));
          });
    }

    assertThat(behaviour.accuracy()).isGreaterThan(behaviour.chance() + 0.10);
    assertThat(needs.accuracy()).isGreaterThan(needs.chance() + 0.25);
  }

  /** Accuracy of predictions against truth, and the chance level to beat. */
  private static final class Agreement {
    private final Map<String, Integer> truthCounts = new HashMap<>();
    private final Map<String, Integer> predictedCounts = new HashMap<>();
    private int total;
    private int correct;

    void add(String truth, String predicted) {
      total++;
      if (truth.equals(predicted)) {
        correct++;
      }
      truthCounts.merge(truth, 1, Integer::sum);
      predictedCounts.merge(predicted, 1, Integer::sum);
    }

    double accuracy() {
      return (double) correct / total;
    }

    double chance() {
      double majority =
          truthCounts.values().stream().mapToInt(Integer::intValue).max().orElse(0)
              / (double) total;
      double random = 0;
      for (Map.Entry<String, Integer> entry : truthCounts.entrySet()) {
        random +=
            entry.getValue()
                / (double) total
                * predictedCounts.getOrDefault(entry.getKey(), 0)
                / total;
      }
      return Math.max(majority, random);
    }
  }
}
