package io.tierwise.store.jdbc;

import io.tierwise.TierwiseException;
import io.tierwise.ingest.RowSource;
import io.tierwise.ingest.SourceLocation;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The rows of a SQL query, streamed with a fetch size (never loaded whole), each value rendered as
 * the text our parsers read: dates and timestamps in ISO form, decimals in plain notation, NULL as
 * empty. Row numbers stand in for line numbers in rejects.
 */
public final class JdbcRowSource implements RowSource {
  private static final int FETCH_SIZE = 10_000;

  private final Connection connection;
  private final Statement statement;
  private final ResultSet results;
  private final List<String> columns;
  private final int[] types;
  private final String origin;
  private long row;

  private JdbcRowSource(
      Connection connection, Statement statement, ResultSet results, String origin)
      throws SQLException {
    this.connection = connection;
    this.statement = statement;
    this.results = results;
    this.origin = origin;
    ResultSetMetaData meta = results.getMetaData();
    List<String> names = new ArrayList<>();
    types = new int[meta.getColumnCount()];
    for (int i = 1; i <= meta.getColumnCount(); i++) {
      names.add(meta.getColumnLabel(i));
      int type = meta.getColumnType(i);
      String typeName =
          String.valueOf(meta.getColumnTypeName(i)).toLowerCase(java.util.Locale.ROOT);
      boolean withZone = typeName.contains("timestamptz") || typeName.contains("with time zone");
      types[i - 1] = type == Types.TIMESTAMP && withZone ? Types.TIMESTAMP_WITH_TIMEZONE : type;
    }
    this.columns = List.copyOf(names);
  }

  /**
   * Runs the query of {@code location}. The password comes from the environment variable the
   * mapping names.
   *
   * @param sourceName the source, for messages (e.g. orders)
   * @param environment the process environment (injected for tests)
   */
  public static JdbcRowSource open(
      SourceLocation.Jdbc location, String sourceName, Map<String, String> environment) {
    String key = "sources." + sourceName + ".jdbc";
    Properties properties = new Properties();
    location.user().ifPresent(user -> properties.setProperty("user", user));
    if (location.passwordEnv().isPresent()) {
      String variable = location.passwordEnv().get();
      String password = environment.get(variable);
      if (password == null) {
        throw TierwiseException.invalidConfig(
            key + ".password_env: environment variable " + variable + " is not set");
      }
      properties.setProperty("password", password);
    }
    Connection connection;
    try {
      connection = DriverManager.getConnection(location.url(), properties);
    } catch (SQLException e) {
      throw TierwiseException.storage(
          key + ".url: cannot connect to " + withoutSecrets(location.url()) + ": " + e.getMessage(),
          e);
    }
    try {
      connection.setAutoCommit(false); // PostgreSQL streams with a fetch size only in a transaction
      connection.setReadOnly(true);
      Statement statement =
          connection.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
      statement.setFetchSize(FETCH_SIZE);
      ResultSet results = statement.executeQuery(location.query());
      return new JdbcRowSource(connection, statement, results, "jdbc:" + sourceName);
    } catch (SQLException e) {
      closeQuietly(connection);
      throw TierwiseException.invalidConfig(
          key + ".query: the database refused it: " + e.getMessage());
    }
  }

  private static String withoutSecrets(String url) {
    return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
  }

  private static void closeQuietly(AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception e) {
      // Nothing was written; closing cannot lose data.
    }
  }

  @Override
  public List<String> columns() {
    return columns;
  }

  @Override
  public boolean next() {
    try {
      boolean more = results.next();
      if (more) {
        row++;
      }
      return more;
    } catch (SQLException e) {
      throw TierwiseException.storage(
          origin + ": reading row " + (row + 1) + " failed: " + e.getMessage(), e);
    }
  }

  @Override
  public int fieldCount() {
    return columns.size();
  }

  @Override
  public String field(int index) {
    try {
      int column = index + 1;
      switch (types[index]) {
        case Types.DATE -> {
          LocalDate date = results.getObject(column, LocalDate.class);
          return date == null ? "" : date.toString();
        }
        case Types.TIMESTAMP -> {
          LocalDateTime time = results.getObject(column, LocalDateTime.class);
          return time == null ? "" : time.toString();
        }
        case Types.TIMESTAMP_WITH_TIMEZONE -> {
          OffsetDateTime time = results.getObject(column, OffsetDateTime.class);
          return time == null ? "" : time.toString();
        }
        case Types.NUMERIC, Types.DECIMAL -> {
          BigDecimal value = results.getBigDecimal(column);
          return value == null ? "" : value.toPlainString();
        }
        default -> {
          String value = results.getString(column);
          return value == null ? "" : value;
        }
      }
    } catch (SQLException e) {
      throw TierwiseException.storage(
          origin + ": row " + row + ", column " + columns.get(index) + ": " + e.getMessage(), e);
    }
  }

  @Override
  public String origin() {
    return origin;
  }

  @Override
  public long line() {
    return row;
  }

  @Override
  public void close() {
    closeQuietly(results);
    closeQuietly(statement);
    try {
      connection.rollback();
    } catch (SQLException e) {
      // Read-only transaction; nothing to undo.
    }
    closeQuietly(connection);
  }
}
