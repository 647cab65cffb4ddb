package io.tierwise.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/**
 * The peer of the ingest benchmark: DuckDB reads the same orders CSV and aggregates it per customer
 * (orders, revenue, first and last date), the part of ingest a SQL engine can do. Usage: {@code
 * DuckDbPeer ORDERS_CSV [THREADS]}.
 */
public final class DuckDbPeer {
  private DuckDbPeer() {}

  public static void main(String[] args) throws SQLException {
    String csv = args[0].replace("'", "''");
    int threads =
        args.length > 1 ? Integer.parseInt(args[1]) : Runtime.getRuntime().availableProcessors();
    long started = System.nanoTime();
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        Statement sql = connection.createStatement()) {
      sql.execute("SET threads TO " + threads);
      try (ResultSet result =
          sql.executeQuery(
              "SELECT count(*) AS customers, sum(orders) AS rows FROM ("
                  + " SELECT customer_id, count(*) AS orders, count(DISTINCT order_date) AS days,"
                  + " sum(amount) AS revenue, min(order_date) AS first_day,"
                  + " max(order_date) AS last_day"
                  + " FROM read_csv('"
                  + csv
                  + "', header = true, auto_detect = true) GROUP BY customer_id)")) {
        result.next();
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf(
            Locale.ROOT,
            "duckdb: %,d rows, %,d customers in %.2f s (%,.0f rows/s)%n",
            result.getLong(2),
            result.getLong(1),
            seconds,
            result.getLong(2) / seconds);
      }
    }
  }
}
