package io.tierwise.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tierwise.TierwiseException;
import io.tierwise.ingest.CustomerHistory;
import io.tierwise.ingest.Ingest;
import io.tierwise.ingest.IngestResult;
import io.tierwise.ingest.RejectsWriter;
import io.tierwise.ingest.SourceKind;
import io.tierwise.ingest.SourceMapping;
import io.tierwise.ingest.SourceReport;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Customers and orders read with a SQL query from a real PostgreSQL started for the test. */
class JdbcSourceIT {
  private static EmbeddedPostgres postgres;

  @TempDir Path dir;

  @BeforeAll
  static void startPostgres() throws Exception {
    postgres = EmbeddedPostgres.builder().start();
    try (Connection connection = postgres.getPostgresDatabase().getConnection();
        Statement sql = connection.createStatement()) {
      sql.execute("CREATE ROLE analyst LOGIN PASSWORD 's3cret'");
      sql.execute(
          "CREATE TABLE crm_customer (id text PRIMARY KEY, joined date, segment text, region text)");
      sql.execute(
          "CREATE TABLE sales (invoice text, client text, sold_at timestamptz, qty integer,"
              + " price numeric(10,2), status text)");
      sql.execute("GRANT SELECT ON crm_customer, sales TO analyst");
      sql.execute(
          "INSERT INTO crm_customer VALUES ('A1', '2023-01-15', 'retail', 'north'),"
              + " ('B2', '2023-03-01', 'wholesale', NULL), ('C3', NULL, 'retail', 'south')");
      sql.execute(
          "INSERT INTO sales VALUES"
              + " ('1001', 'A1', '2024-01-10 09:00:00+00', 2, 10.50, 'paid'),"
              + " ('1001', 'A1', '2024-01-10 09:00:00+00', 1, 4.00, 'paid'),"
              + " ('1002', 'A1', '2024-02-01 23:30:00-05', 1, 100.00, 'paid'),"
              + " ('1003', 'B2', '2024-02-03 12:00:00+00', 3, 20.00, 'paid'),"
              + " ('R1003', 'B2', '2024-02-05 12:00:00+00', -1, 20.00, 'refund'),"
              + " ('1004', NULL, '2024-02-06 12:00:00+00', 1, 5.00, 'paid'),"
              + " ('1005', 'C3', '2024-02-07 12:00:00+00', 1, 0.00, 'paid')");
    }
  }

  @AfterAll
  static void stopPostgres() throws Exception {
    postgres.close();
  }

  private Path mapping(String url) throws Exception {
    Path mapping = dir.resolve("mapping.yaml");
    Files.writeString(
        mapping,
        String.join(
            "\n",
            "timezone: Europe/London",
            "sources:",
            "  customers:",
            "    jdbc:",
            "      url: " + url,
            "      user: analyst",
            "      password_env: CRM_PASSWORD",
            "      query: SELECT id, joined, segment, region FROM crm_customer ORDER BY id",
            "    fields:",
            "      customer_id: id",
            "      signup_date: joined",
            "    attributes: [segment, region]",
            "  orders:",
            "    jdbc:",
            "      url: " + url,
            "      user: analyst",
            "      password_env: CRM_PASSWORD",
            "      query: >",
            "        SELECT invoice, client, sold_at, qty, price, status FROM sales",
            "        ORDER BY sold_at, invoice",
            "    fields:",
            "      order_id: invoice",
            "      customer_id: client",
            "      order_date: sold_at",
            "      quantity: qty",
            "      amount: { expression: 'double(qty) * double(price)' }",
            "    cancellation: status == 'refund'",
            ""));
    return mapping;
  }

  @Test
  void readsCustomersAndOrdersWithSqlAndValidatesThemLikeFiles() throws Exception {
    String url = postgres.getJdbcUrl("analyst", "postgres").replaceAll("[?&]user=analyst", "");
    SourceMapping mapping = SourceMapping.load(mapping(url));

    IngestResult result;
    try (RejectsWriter rejects = RejectsWriter.to(dir.resolve("rejects.csv"))) {
      result =
          Ingest.run(
              mapping,
              Ingest.Options.rejectsTo(rejects)
                  .withOpener(new SourceOpener(Map.of("CRM_PASSWORD", "s3cret"))));
    }

    SourceReport customers = result.source(SourceKind.CUSTOMERS).orElseThrow();
    assertThat(customers.rows()).isEqualTo(3);
    assertThat(customers.accepted()).isEqualTo(3);
    SourceReport orders = result.source(SourceKind.ORDERS).orElseThrow();
    assertThat(orders.rows()).isEqualTo(7);
    assertThat(orders.rejectsByReason())
        .containsEntry("missing customer_id", 1L)
        .containsEntry(
            "amount is 0 (set zero_amount: accept in the mapping if free orders count)", 1L);
    assertThat(orders.cancellations()).isEqualTo(1);
    assertThat(orders.cancellationsMatched()).isEqualTo(1);

    CustomerHistory a1 = history(result, "A1");
    assertThat(a1.signupDate()).contains(LocalDate.of(2023, 1, 15));
    assertThat(a1.attributes()).containsEntry("segment", "retail").containsEntry("region", "north");
    // 2024-02-01 23:30 at -05:00 is 2024-02-02 04:30 in London.
    assertThat(a1.purchases().days())
        .containsExactly(
            (int) LocalDate.of(2024, 1, 10).toEpochDay(),
            (int) LocalDate.of(2024, 2, 2).toEpochDay());
    assertThat(a1.purchases().revenue()).containsExactly(25.0, 100.0);
    assertThat(a1.purchases().orders()).containsExactly(1, 1);
    CustomerHistory b2 = history(result, "B2");
    assertThat(b2.purchases().revenue()).containsExactly(40.0);

    List<String> rejectLines = Files.readAllLines(dir.resolve("rejects.csv"));
    assertThat(rejectLines).hasSize(3);
    assertThat(rejectLines.get(1)).startsWith("orders,jdbc:orders,6,client,,missing customer_id");
  }

  @Test
  void anUnreachableDatabaseIsAStorageErrorThatDoesNotShowSecrets() throws Exception {
    String url = "jdbc:postgresql://127.0.0.1:1/postgres?password=hunter2&connectTimeout=2";
    SourceMapping mapping = SourceMapping.load(mapping(url));

    assertThatThrownBy(
            () ->
                Ingest.run(
                    mapping,
                    Ingest.Options.rejectsTo(RejectsWriter.discarding())
                        .withOpener(new SourceOpener(Map.of("CRM_PASSWORD", "s3cret")))))
        .isInstanceOf(TierwiseException.class)
        .hasMessageStartingWith("sources.customers.jdbc.url: cannot connect to")
        .hasMessageContaining("password=***")
        .hasMessageNotContaining("hunter2")
        .hasMessageNotContaining("s3cret")
        .extracting(e -> ((TierwiseException) e).category())
        .isEqualTo(TierwiseException.Category.STORAGE);
  }

  @Test
  void aMissingPasswordVariableAndABadQueryNameTheirKeys() throws Exception {
    String url = postgres.getJdbcUrl("analyst", "postgres").replaceAll("[?&]user=analyst", "");
    SourceMapping mapping = SourceMapping.load(mapping(url));
    assertThatThrownBy(
            () ->
                Ingest.run(
                    mapping,
                    Ingest.Options.rejectsTo(RejectsWriter.discarding())
                        .withOpener(new SourceOpener(Map.of()))))
        .hasMessage(
            "sources.customers.jdbc.password_env: environment variable CRM_PASSWORD is not set");

    Path broken = dir.resolve("broken.yaml");
    Files.writeString(
        broken, Files.readString(mapping(url)).replace("FROM crm_customer", "FROM no_such_table"));
    assertThatThrownBy(
            () ->
                Ingest.run(
                    SourceMapping.load(broken),
                    Ingest.Options.rejectsTo(RejectsWriter.discarding())
                        .withOpener(new SourceOpener(Map.of("CRM_PASSWORD", "s3cret")))))
        .hasMessageStartingWith("sources.customers.jdbc.query: the database refused it:")
        .hasMessageContaining("no_such_table");
  }

  private static CustomerHistory history(IngestResult result, String id) {
    for (int i = 0; i < result.customers().size(); i++) {
      if (result.customers().customerId(i).equals(id)) {
        return result.customers().history(i);
      }
    }
    throw new AssertionError("no customer " + id);
  }
}
