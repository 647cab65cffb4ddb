package io.tierwise.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.tierwise.ingest.CustomerBase;
import io.tierwise.ingest.Ingest;
import io.tierwise.ingest.SourceMapping;
import io.tierwise.policy.TieringPolicy;
import io.tierwise.synth.GeneratorSettings;
import io.tierwise.synth.SyntheticCompanyGenerator;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IndicatorTableTest {
  @TempDir Path directory;

  /** Blocks of an odd size, so that the last block is short and columns join at many seams. */
  @Test
  void releasingBlockByBlockGivesTheSameTableAsKeeping() throws IOException {
    Path data = directory.resolve("data");
    new SyntheticCompanyGenerator().generate(GeneratorSettings.of(1500, 4), data);
    TieringPolicy policy = TieringPolicy.defaults();

    CustomerBase kept = ingest(data, "kept");
    IndicatorTable expected = IndicatorTable.compute(kept, function(policy, kept));
    CustomerBase released = ingest(data, "released");
    IndicatorTable actual =
        IndicatorTable.computeAndRelease(released, function(policy, released), 137);

    assertThat(actual.size()).isEqualTo(1500);
    for (int row = 0; row < expected.size(); row++) {
      assertThat(actual.customerId(row)).isEqualTo(expected.customerId(row));
      for (int attribute = 0; attribute < expected.attributeNames().size(); attribute++) {
        assertThat(actual.attribute(attribute, row)).isEqualTo(expected.attribute(attribute, row));
      }
    }
    for (Indicator indicator : Indicator.values()) {
      assertThat(actual.column(indicator))
          .as(indicator.name())
          .isEqualTo(expected.column(indicator));
    }
    int buyer = 0;
    while (kept.purchases(buyer).dayCount() == 0) {
      buyer++;
    }
    assertThat(released.purchases(buyer).dayCount()).as("released once read").isZero();
  }

  /** Ids are packed from the ledger's bytes, ASCII or not, in customer order. */
  @Test
  void idsAreTheCustomersOwnAsciiOrNot() throws IOException {
    Path data = directory.resolve("ids");
    java.nio.file.Files.createDirectories(data);
    java.nio.file.Files.writeString(
        data.resolve("orders.csv"),
        "order_id,customer_id,order_date,amount\n"
            + "o1,C1,2024-01-02,10.00\n"
            + "o2,Müller-7,2024-01-03,20.00\n"
            + "o3,東京,2024-01-04,30.00\n"
            + "o4,"
            + "x".repeat(300)
            + ",2024-01-05,40.00\n");
    CustomerBase base = ingest(data, "ids");
    TieringPolicy policy = TieringPolicy.defaults();
    IndicatorTable table = IndicatorTable.compute(base, function(policy, base));
    assertThat(table.size()).isEqualTo(4);
    for (int row = 0; row < table.size(); row++) {
      assertThat(table.customerId(row)).isEqualTo(base.customerId(row));
    }
    assertThat(java.util.stream.IntStream.range(0, 4).mapToObj(table::customerId))
        .containsExactly("C1", "Müller-7", "東京", "x".repeat(300));
    CustomerBase released = ingest(data, "ids-released");
    IndicatorTable taken =
        IndicatorTable.computeAndRelease(released, function(policy, released), 3);
    for (int row = 0; row < table.size(); row++) {
      assertThat(taken.customerId(row)).isEqualTo(table.customerId(row));
    }
  }

  /** Attributes are read in place from the base: the same values each history carries. */
  @Test
  void attributesAreTheCustomersOwn() throws IOException {
    Path data = directory.resolve("data");
    new SyntheticCompanyGenerator().generate(GeneratorSettings.of(300, 5), data);
    CustomerBase base = ingest(data, "base");
    IndicatorTable table = IndicatorTable.compute(base, function(TieringPolicy.defaults(), base));

    assertThat(table.attributeNames()).isNotEmpty().isSorted();
    int present = 0;
    for (int row = 0; row < table.size(); row++) {
      for (int attribute = 0; attribute < table.attributeNames().size(); attribute++) {
        String expected =
            base.history(row).attributes().getOrDefault(table.attributeNames().get(attribute), "");
        assertThat(table.attribute(attribute, row)).isEqualTo(expected);
        present += expected.isEmpty() ? 0 : 1;
      }
    }
    assertThat(present).isGreaterThan(table.size());
  }

  @Test
  void releaseOrderIsAPermutationOfTheCustomers() throws IOException {
    Path data = directory.resolve("data");
    new SyntheticCompanyGenerator().generate(GeneratorSettings.of(700, 6), data);
    CustomerBase base = ingest(data, "base");

    int[] order = base.releaseOrder();

    assertThat(order).hasSize(base.size());
    assertThat(java.util.stream.IntStream.of(order).sorted().toArray())
        .isEqualTo(java.util.stream.IntStream.range(0, base.size()).toArray());
  }

  private CustomerBase ingest(Path data, String name) {
    return Ingest.run(SourceMapping.ownFormat(data), directory.resolve(name + "-rejects.csv"))
        .customers();
  }

  private static IndicatorFunction function(TieringPolicy policy, CustomerBase base) {
    int asOf = (int) LocalDate.of(2024, 12, 31).toEpochDay();
    return new IndicatorFunction(asOf, policy.indicators(), base.featureCount());
  }
}
