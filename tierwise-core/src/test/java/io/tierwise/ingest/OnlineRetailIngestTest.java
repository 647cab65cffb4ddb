package io.tierwise.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.tierwise.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ingest of the real Online Retail data through the shipped example mapping. The expected counts
 * were computed independently of Tierwise (bench/verify/online_retail_counts.py, Python's csv
 * module) and agree with the dataset's README.
 */
class OnlineRetailIngestTest {

  @Test
  void reportsTheDatasetsKnownProblemsAndKeepsEveryRejectedRow(@TempDir Path out) throws Exception {
    SharedData.require("online-retail/by-day");
    Path mapping = SharedData.repository().resolve("examples/online-retail/mapping.yaml");
    Path rejects = out.resolve("rejects.csv");

    IngestResult result = Ingest.run(SourceMapping.load(mapping), rejects);

    SourceReport orders = result.source(SourceKind.ORDERS).orElseThrow();
    assertThat(orders.files()).isEqualTo(305);
    assertThat(orders.rows()).isEqualTo(541_909);
    assertThat(orders.duplicates()).isEqualTo(5_268);
    SourceReport.FieldReport customerId = field(orders, "customer_id");
    assertThat(customerId.missing()).isEqualTo(135_080);
    assertThat(orders.rejectsByReason()).containsEntry("missing customer_id", 135_080L);
    // Of the 2,515 lines with unit price 0, 40 carry a customer id; the rest lack one.
    assertThat(orders.rejectsByReason())
        .containsEntry(
            "amount is 0 (set zero_amount: accept in the mapping if free orders count)", 40L);
    // Zero or negative values, counted on every row whatever else is wrong with it.
    assertThat(field(orders, "quantity").nonPositive()).isEqualTo(10_624);
    assertThat(field(orders, "unit_price").nonPositive()).isEqualTo(2_517);
    assertThat(field(orders, "amount").nonPositive()).isEqualTo(11_805);
    // 9,288 C-invoice lines; 8,905 of them carry a customer id and are applied.
    assertThat(orders.cancellations()).isEqualTo(9_288);
    long unmatched =
        orders
            .rejectsByReason()
            .getOrDefault("cancellation without a matching earlier purchase of the customer", 0L);
    assertThat(orders.cancellationsMatched() + unmatched).isEqualTo(8_905);
    // Clean purchase lines: customer id present, not a C invoice, quantity > 0, price > 0.
    assertThat(orders.accepted()).isEqualTo(397_884 + orders.cancellationsMatched());
    assertThat(orders.rows()).isEqualTo(orders.accepted() + orders.rejected());
    assertThat(orders.newest()).contains(LocalDate.of(2011, 12, 9));
    assertThat(orders.oldest()).contains(LocalDate.of(2010, 12, 1));

    List<String> lines = Files.readAllLines(rejects);
    assertThat(lines.get(0)).isEqualTo("source,file,line,column,value,reason");
    assertThat(lines).hasSize((int) orders.rejected() + 1);
    assertThat(result.rejectsWritten()).isEqualTo(orders.rejected());
    assertThat(lines.get(1)).contains("orders,").contains(".csv.gz,");
  }

  static SourceReport.FieldReport field(SourceReport report, String name) {
    return report.fields().stream().filter(f -> f.field().equals(name)).findFirst().orElseThrow();
  }
}
