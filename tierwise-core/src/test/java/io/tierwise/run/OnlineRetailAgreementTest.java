package io.tierwise.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.tierwise.ingest.Ingest;
import io.tierwise.ingest.IngestResult;
import io.tierwise.ingest.SourceMapping;
import io.tierwise.policy.TieringPolicy;
import io.tierwise.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Online Retail: recency, frequency, monetary, ABC class, RFM score and segment of every customer
 * agree with bench/verify/online_retail_rfm.py (plain Python, no Tierwise code), whose output is
 * the golden file.
 */
class OnlineRetailAgreementTest {
  @TempDir Path directory;

  @Test
  void everyCustomerAgreesWithTheIndependentComputation() throws IOException {
    SharedData.require("online-retail/by-day");
    SourceMapping mapping =
        SourceMapping.load(SharedData.repository().resolve("examples/online-retail/mapping.yaml"));
    IngestResult ingest = Ingest.run(mapping, directory.resolve("rejects.csv"));
    TieringPolicy policy = TieringPolicy.defaults();
    RunProvenance provenance =
        RunProvenance.of(
            ingest.newestRecord().orElseThrow(),
            policy.name(),
            policy.version(),
            policy.sha256(),
            List.of(),
            "test");
    ClassificationRun.execute(ingest.customers(), policy, provenance, directory);
    // One year of data leaves a 180-day churn model too little history: it must not raise alerts.
    com.fasterxml.jackson.databind.JsonNode summary =
        ModelFile.MAPPER.readTree(directory.resolve("summary.json").toFile());
    com.fasterxml.jackson.databind.JsonNode churn = summary.get("churn");
    // BG/NBD's dropout is barely identified here (a ridge towards a -> 0): the gradient search
    // gives up, BOBYQA's trustworthy estimate is used, and potential value comes from CLV.
    com.fasterxml.jackson.databind.JsonNode potential = summary.get("potential_value");
    org.assertj.core.api.Assertions.assertThat(potential.get("status").asText()).isEqualTo("clv");
    org.assertj.core.api.Assertions.assertThat(
            potential.get("purchase_model").get("optimizer").asText())
        .isEqualTo("bfgs+bobyqa");
    org.assertj.core.api.Assertions.assertThat(
            potential.get("spend_model").get("optimizer").asText())
        .isEqualTo("bfgs");
    org.assertj.core.api.Assertions.assertThat(churn.get("skipped").asText())
        .contains("below churn.min_auc 0.60");
    org.assertj.core.api.Assertions.assertThat(directory.resolve("alerts.csv"))
        .hasContent(
            "customer_id,tier,value,churn_probability,expected_value_at_risk,churn_risk,top_signals");
    Map<String, String[]> ours = new HashMap<>();
    List<String> header = null;
    for (String line : Files.readAllLines(directory.resolve("customers.csv"))) {
      String[] cells = line.split(",", -1);
      if (header == null) {
        header = List.of(cells);
        continue;
      }
      ours.put(cells[0], cells);
    }
    List<String> golden =
        new String(
                OnlineRetailAgreementTest.class
                    .getResourceAsStream("online-retail-rfm-golden.csv")
                    .readAllBytes())
            .lines()
            .toList();
    int compared = 0;
    for (String line : golden.subList(1, golden.size())) {
      String[] expected = line.split(",", -1);
      String[] actual = ours.get(expected[0]);
      assertThat(actual).as(expected[0]).isNotNull();
      assertThat(Double.parseDouble(actual[header.indexOf("recency_days")]))
          .isEqualTo(Double.parseDouble(expected[1]));
      assertThat(Double.parseDouble(actual[header.indexOf("frequency")]))
          .isEqualTo(Double.parseDouble(expected[2]));
      assertThat(Double.parseDouble(actual[header.indexOf("monetary")]))
          .as(expected[0])
          .isCloseTo(Double.parseDouble(expected[3]), org.assertj.core.data.Offset.offset(0.011));
      assertThat(actual[header.indexOf("abc_class")]).as(expected[0]).isEqualTo(expected[4]);
      assertThat(actual[header.indexOf("rfm_score")]).as(expected[0]).isEqualTo(expected[5]);
      assertThat(actual[header.indexOf("rfm_segment")]).as(expected[0]).isEqualTo(expected[6]);
      compared++;
    }
    assertThat(compared).isEqualTo(4323);
  }
}
