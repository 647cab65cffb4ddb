package io.tierwise.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;

/**
 * The peer of {@code tierwise run} in bench/run-classify.sh: DuckDB computing only the RFM part
 * (recency, distinct orders and revenue in a 365-day window, quintile scores) over the same
 * orders.csv and writing one row per customer. Usage: {@code ClassifyBench ORDERS_CSV AS_OF
 * OUT_CSV}.
 */
public final class ClassifyBench {
  private ClassifyBench() {}

  public static void main(String[] args) throws SQLException {
    Path orders = Path.of(args[0]);
    LocalDate asOf = LocalDate.parse(args[1]);
    Path out = Path.of(args[2]);
    long started = System.nanoTime();
    String sql =
        "COPY (WITH o AS (SELECT customer_id, CAST(order_date AS DATE) AS d, order_id, amount"
            + " FROM read_csv('"
            + orders
            + "', header = true)),"
            + " c AS (SELECT customer_id, DATE '"
            + asOf
            + "' - max(d) AS recency_days,"
            + " count(DISTINCT order_id) FILTER (WHERE d > DATE '"
            + asOf
            + "' - 365) AS frequency,"
            + " coalesce(sum(amount) FILTER (WHERE d > DATE '"
            + asOf
            + "' - 365), 0) AS monetary"
            + " FROM o WHERE d <= DATE '"
            + asOf
            + "' GROUP BY customer_id)"
            + " SELECT customer_id, recency_days, frequency, monetary,"
            + " ntile(5) OVER (ORDER BY recency_days DESC) AS r,"
            + " ntile(5) OVER (ORDER BY frequency) AS f,"
            + " ntile(5) OVER (ORDER BY monetary) AS m FROM c ORDER BY customer_id)"
            + " TO '"
            + out
            + "' (HEADER, DELIMITER ',')";
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
      try (ResultSet count =
          statement.executeQuery("SELECT count(*) FROM read_csv('" + out + "', header = true)")) {
        count.next();
        System.out.printf(
            "duckdb rfm: %d customers in %.1f s%n",
            count.getLong(1), (System.nanoTime() - started) / 1e9);
      }
    }
  }
}
