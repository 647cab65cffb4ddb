package io.tierwise.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Context for bench/run-classify.sh, not its peer: DuckDB reading all four inputs that {@code
 * tierwise run} reads (customers, orders, events, surveys) and grouping each by customer, computing
 * nothing else. It tells how much of the ratio against the RFM-only peer (which reads orders.csv
 * alone) reading the other inputs accounts for. Usage: {@code ReadAllPeer DATA_DIR}.
 */
public final class ReadAllPeer {
  private ReadAllPeer() {}

  public static void main(String[] args) throws SQLException {
    Path data = Path.of(args[0]);
    long started = System.nanoTime();
    String sql =
        "SELECT"
            + " (SELECT count(*) FROM (SELECT customer_id, count(*), sum(amount),"
            + " max(CAST(order_date AS DATE)) FROM read_csv('"
            + data.resolve("orders.csv")
            + "', header = true) GROUP BY customer_id)),"
            + " (SELECT count(*) FROM (SELECT customer_id, count(*), count(DISTINCT feature),"
            + " max(CAST(event_time AS TIMESTAMP)) FROM read_csv('"
            + data.resolve("events.csv")
            + "', header = true) GROUP BY customer_id)),"
            + " (SELECT count(*) FROM read_csv('"
            + data.resolve("customers.csv")
            + "', header = true)),"
            + " (SELECT count(*) FROM (SELECT customer_id, max(CAST(survey_date AS DATE))"
            + " FROM read_csv('"
            + data.resolve("surveys.csv")
            + "', header = true) GROUP BY customer_id))";
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = connection.createStatement();
        ResultSet counts = statement.executeQuery(sql)) {
      counts.next();
      System.out.printf(
          "duckdb read all: customers with orders %d, with events %d, customers %d, with surveys"
              + " %d in %.1f s%n",
          counts.getLong(1),
          counts.getLong(2),
          counts.getLong(3),
          counts.getLong(4),
          (System.nanoTime() - started) / 1e9);
    }
  }
}
