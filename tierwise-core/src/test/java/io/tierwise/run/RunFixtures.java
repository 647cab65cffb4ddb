package io.tierwise.run;

import io.tierwise.ingest.InputFingerprint;
import io.tierwise.ingest.SourceMapping;
import io.tierwise.policy.TieringPolicy;
import java.time.LocalDate;

/** What tests of a run share: provenance of a run over a data directory. */
final class RunFixtures {
  static final LocalDate AS_OF = LocalDate.of(2024, 12, 31);

  private RunFixtures() {}

  /** Provenance of a run as of {@link #AS_OF} over the files of {@code mapping}. */
  static RunProvenance provenance(SourceMapping mapping, TieringPolicy policy) {
    return provenance(mapping, policy, AS_OF);
  }

  static RunProvenance provenance(SourceMapping mapping, TieringPolicy policy, LocalDate asOf) {
    return RunProvenance.of(
        asOf,
        policy.name(),
        policy.version(),
        policy.sha256(),
        InputFingerprint.of(mapping.inputFiles()),
        "test");
  }
}
