package io.tierwise.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.tierwise.ingest.Ingest;
import io.tierwise.ingest.SourceMapping;
import io.tierwise.policy.TieringPolicy;
import io.tierwise.synth.GeneratorSettings;
import io.tierwise.synth.SyntheticCompanyGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Releasing histories as they are read saves memory and changes nothing in the outputs. */
class HistoriesReleaseTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC);

  @TempDir Path directory;

  private Path run(Path data, String name, ClassificationRun.Histories histories) {
    SourceMapping mapping = SourceMapping.ownFormat(data);
    TieringPolicy policy = TieringPolicy.defaults();
    Path out = directory.resolve(name);
    ClassificationRun.execute(
        Ingest.run(mapping, directory.resolve(name + "-rejects.csv")).customers(),
        policy,
        RunFixtures.provenance(mapping, policy),
        out,
        ChurnSource.train(),
        CLOCK,
        histories);
    return out;
  }

  @Test
  void releasingGivesTheSameCustomersAlertsAndSummary() throws IOException {
    Path data = directory.resolve("data");
    new SyntheticCompanyGenerator().generate(GeneratorSettings.of(2000, 9), data);

    Path kept = run(data, "kept", ClassificationRun.Histories.KEEP);
    Path released = run(data, "released", ClassificationRun.Histories.RELEASE);

    for (String file : new String[] {"customers.csv", "alerts.csv", "summary.json"}) {
      assertThat(Files.readString(released.resolve(file)))
          .as(file)
          .isEqualTo(Files.readString(kept.resolve(file)));
    }
  }
}
