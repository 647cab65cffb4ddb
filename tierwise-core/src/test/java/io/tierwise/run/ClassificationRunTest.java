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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassificationRunTest {
  @TempDir static Path directory;
  static Path first;
  static Path second;

  @BeforeAll
  static void runTwice() {
    Path data = directory.resolve("data");
    new SyntheticCompanyGenerator().generate(GeneratorSettings.of(400, 3), data);
    first = run(data, directory.resolve("first"));
    second = run(data, directory.resolve("second"));
  }

  private static Path run(Path data, Path out) {
    SourceMapping mapping = SourceMapping.ownFormat(data);
    IngestResult ingest = Ingest.run(mapping, directory.resolve("rejects.csv"));
    TieringPolicy policy = TieringPolicy.defaults();
    RunProvenance provenance = RunFixtures.provenance(mapping, policy);
    ClassificationRun.execute(ingest.customers(), policy, provenance, out);
    return out;
  }

  @Test
  void sameInputsAndPolicyGiveTheSameBytes() throws IOException {
    for (String file : List.of("customers.csv", "summary.json", "model.json", "policy.yaml")) {
      assertThat(Files.readAllBytes(second.resolve(file)))
          .as(file)
          .isEqualTo(Files.readAllBytes(first.resolve(file)));
    }
  }

  @Test
  void everyLabelOfEveryCustomerIsReDerivedByExplain() throws IOException {
    List<String> lines = Files.readAllLines(first.resolve("customers.csv"));
    assertThat(lines).hasSize(401);
    for (String line : lines.subList(1, lines.size())) {
      String id = line.substring(0, line.indexOf(','));
      RunExplanation.Explanation explanation = RunExplanation.explain(first, id);
      assertThat(explanation.mismatches()).as(id).isEmpty();
      assertThat(explanation.reasons())
          .extracting(reason -> reason.model())
          .contains(
              "activity",
              "abc_class",
              "rfm_segment",
              "value_tier",
              "behaviour_group",
              "needs_type",
              "relationship",
              "lifecycle_stage",
              "tier");
    }
  }

  /** Tag rules can read customer attributes: present, absent and compared. */
  @Test
  void tagRulesReadTheCustomersAttributes() throws IOException {
    Path policyFile = directory.resolve("attribute-tags.yaml");
    Files.writeString(
        policyFile,
        String.join(
            "\n",
            "version: 1",
            "name: attribute-tags",
            "tags:",
            "  - { tag: east, when: \"'region' in attributes && attributes['region'] == 'east'\" }",
            "  - { tag: no_colour, when: \"!('colour' in attributes)\" }",
            ""));
    TieringPolicy policy = TieringPolicy.load(policyFile);
    Path data = directory.resolve("data");
    SourceMapping mapping = SourceMapping.ownFormat(data);
    Path out = directory.resolve("attribute-tags");
    ClassificationRun.execute(
        Ingest.run(mapping, directory.resolve("rejects-tags.csv")).customers(),
        policy,
        RunFixtures.provenance(mapping, policy),
        out);

    int east = 0;
    try (CsvReader<NamedCsvRecord> reader =
        CsvReader.builder().ofNamedCsvRecord(out.resolve("customers.csv"))) {
      for (NamedCsvRecord row : reader) {
        List<String> tags = List.of(row.getField("tags").split(";"));
        boolean isEast = row.getField("region").equals("east");
        assertThat(tags.contains("east")).as(row.getField("customer_id")).isEqualTo(isEast);
        assertThat(tags).contains("no_colour");
        east += isEast ? 1 : 0;
      }
    }
    assertThat(east).isBetween(20, 380);
  }

  @Test
  void outputFormatIsPinned() throws IOException {
    String header = Files.readAllLines(first.resolve("customers.csv")).get(0);
    String golden =
        new String(
                ClassificationRunTest.class
                    .getResourceAsStream("customers-header.golden")
                    .readAllBytes())
            .strip();
    assertThat(header).isEqualTo(golden);
    String summary = Files.readString(first.resolve("summary.json"));
    assertThat(summary)
        .contains(
            "\"run_id\"",
            "\"as_of\" : \"2024-12-31\"",
            "\"sha256\"",
            "\"inputs\"",
            "\"concentration_curve\"",
            "\"gini\"",
            "\"effective_bins\"",
            "\"warnings\"",
            "\"segments\"",
            "\"tier\"",
            "\"tags\"");
  }
}
