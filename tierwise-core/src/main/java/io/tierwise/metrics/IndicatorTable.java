package io.tierwise.metrics;

import io.tierwise.ingest.CustomerBase;
import io.tierwise.ingest.CustomerHistory;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The indicators of a whole customer base, column-wise: one {@code double[]} per indicator and the
 * customers' ids and attributes. Histories are built one at a time, in parallel, and dropped as
 * soon as their indicators are computed, so memory grows with customers, not with orders. Read-only
 * once built.
 */
public final class IndicatorTable {
  private final PackedTexts ids;
  private final double[][] columns;
  private final List<String> attributeNames;
  private final String[][] attributes;

  private IndicatorTable(
      String[] ids, double[][] columns, List<String> attributeNames, String[][] attributes) {
    this(PackedTexts.of(ids), columns, attributeNames, attributes);
  }

  private IndicatorTable(
      PackedTexts ids, double[][] columns, List<String> attributeNames, String[][] attributes) {
    this.ids = ids;
    this.columns = columns;
    this.attributeNames = List.copyOf(attributeNames);
    this.attributes = attributes;
  }

  /** Computes every customer's indicators with {@code function}, using all cores. */
  public static IndicatorTable compute(CustomerBase base, IndicatorFunction function) {
    int size = base.size();
    String[] ids = new String[size];
    List<String> names = attributeNames(base);
    String[][] attributes = new String[names.size()][size];
    double[][] columns = new double[Indicator.count()][size];
    fill(base, function, false, 0, size, ids, columns, names, attributes);
    return new IndicatorTable(ids, columns, names, attributes);
  }

  /**
   * As {@link #compute(CustomerBase, IndicatorFunction)}, releasing each customer's purchases and
   * events from {@code base} once read: the last pass of a run over a large base.
   */
  public static IndicatorTable computeAndRelease(CustomerBase base, IndicatorFunction function) {
    return computeAndRelease(base, function, BLOCK);
  }

  /** Customers per block when releasing: the table grows as the ledger shrinks. */
  private static final int BLOCK = 1 << 16;

  /**
   * As {@link #computeAndRelease(CustomerBase, IndicatorFunction)} with blocks of {@code block}
   * customers. Block by block, so that the table's columns do not exist in full while the ledger
   * still does: each block's values are kept in small arrays, and the columns are assembled at the
   * end, one at a time, once the ledger is released.
   */
  static IndicatorTable computeAndRelease(
      CustomerBase base, IndicatorFunction function, int block) {
    int size = base.size();
    String[] ids = new String[size];
    List<String> names = attributeNames(base);
    String[][] attributes = new String[names.size()][size];
    int blocks = (size + block - 1) / block;
    double[][][] parts = new double[blocks][][];
    for (int part = 0; part < blocks; part++) {
      int from = part * block;
      int to = Math.min(size, from + block);
      parts[part] = new double[Indicator.count()][to - from];
      fill(base, function, true, from, to, ids, parts[part], names, attributes);
    }
    double[][] columns = new double[Indicator.count()][];
    for (int column = 0; column < columns.length; column++) {
      columns[column] = new double[size];
      for (int part = 0; part < blocks; part++) {
        double[] values = parts[part][column];
        System.arraycopy(values, 0, columns[column], part * block, values.length);
        parts[part][column] = null;
      }
    }
    return new IndicatorTable(ids, columns, names, attributes);
  }

  private static List<String> attributeNames(CustomerBase base) {
    return base.attributeNames().stream().sorted().toList();
  }

  /** Computes customers {@code from}..{@code to} into {@code columns} at row customer - from. */
  private static void fill(
      CustomerBase base,
      IndicatorFunction function,
      boolean release,
      int from,
      int to,
      String[] ids,
      double[][] columns,
      List<String> names,
      String[][] attributes) {
    IntStream.range(from, to)
        .parallel()
        .forEach(
            customer -> {
              CustomerHistory history = release ? base.take(customer) : base.history(customer);
              Indicators indicators = function.apply(history);
              ids[customer] = history.customerId();
              for (int column = 0; column < columns.length; column++) {
                columns[column][customer - from] = indicators.value(column);
              }
              for (int attribute = 0; attribute < names.size(); attribute++) {
                attributes[attribute][customer] =
                    history.attributes().getOrDefault(names.get(attribute), "");
              }
            });
  }

  /**
   * The same table with some columns replaced, e.g. potential value from a CLV model fitted after
   * the indicators were computed. Values are rounded to each indicator's precision.
   */
  public IndicatorTable withColumns(java.util.Map<Indicator, double[]> replaced) {
    double[][] copy = columns.clone();
    replaced.forEach(
        (indicator, values) -> {
          if (values.length != ids.size()) {
            throw new IllegalArgumentException(
                indicator + ": " + values.length + " values for " + ids.size() + " customers");
          }
          double[] rounded = new double[values.length];
          for (int row = 0; row < values.length; row++) {
            rounded[row] = indicator.round(values[row]);
          }
          copy[indicator.ordinal()] = rounded;
        });
    return new IndicatorTable(ids, copy, attributeNames, attributes);
  }

  /** A table from rows already computed (tests, explain). */
  public static IndicatorTable of(List<Indicators> rows) {
    String[] ids = new String[rows.size()];
    double[][] columns = new double[Indicator.count()][rows.size()];
    for (int row = 0; row < rows.size(); row++) {
      ids[row] = rows.get(row).customerId();
      for (int column = 0; column < columns.length; column++) {
        columns[column][row] = rows.get(row).value(column);
      }
    }
    return new IndicatorTable(ids, columns, List.of(), new String[0][]);
  }

  public int size() {
    return ids.size();
  }

  public String customerId(int row) {
    return ids.get(row);
  }

  public double value(Indicator indicator, int row) {
    return columns[indicator.ordinal()][row];
  }

  /** A copy of one indicator's column. */
  public double[] column(Indicator indicator) {
    return columns[indicator.ordinal()].clone();
  }

  /** The indicators of one customer. */
  public Indicators row(int row) {
    double[] values = new double[columns.length];
    for (int column = 0; column < columns.length; column++) {
      values[column] = columns[column][row];
    }
    return Indicators.of(ids.get(row), values);
  }

  public List<String> attributeNames() {
    return attributeNames;
  }

  /** Attribute {@code index} (of {@link #attributeNames()}) of a customer; "" when absent. */
  public String attribute(int index, int row) {
    return attributes[index][row];
  }
}
