package io.tierwise.metrics;

import io.tierwise.ingest.AttributeColumn;
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
  private final List<AttributeColumn> attributes;

  private IndicatorTable(String[] ids, double[][] columns, List<AttributeColumn> attributes) {
    this(PackedTexts.of(ids), columns, attributes);
  }

  private IndicatorTable(PackedTexts ids, double[][] columns, List<AttributeColumn> attributes) {
    this.ids = ids;
    this.columns = columns;
    this.attributeNames = attributes.stream().map(AttributeColumn::name).toList();
    this.attributes = List.copyOf(attributes);
  }

  /** Computes every customer's indicators with {@code function}, using all cores. */
  public static IndicatorTable compute(CustomerBase base, IndicatorFunction function) {
    int size = base.size();
    double[][] columns = new double[Indicator.count()][size];
    fill(base, function, null, 0, size, columns);
    return new IndicatorTable(PackedTexts.ofIds(base), columns, attributes(base));
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
   * end, one at a time, once the ledger is released. Customers are taken in the base's {@link
   * CustomerBase#releaseOrder() release order}, so the ledger shrinks while the blocks grow.
   */
  static IndicatorTable computeAndRelease(
      CustomerBase base, IndicatorFunction function, int block) {
    int size = base.size();
    PackedTexts ids = PackedTexts.ofIds(base); // ids stay in the ledger when histories are taken
    int[] order = base.releaseOrder();
    int blocks = (size + block - 1) / block;
    double[][][] parts = new double[blocks][][];
    for (int part = 0; part < blocks; part++) {
      int from = part * block;
      int to = Math.min(size, from + block);
      parts[part] = new double[Indicator.count()][to - from];
      fill(base, function, order, from, to, parts[part]);
    }
    double[][] columns = new double[Indicator.count()][];
    for (int column = 0; column < columns.length; column++) {
      double[] assembled = new double[size];
      for (int part = 0; part < blocks; part++) {
        double[] values = parts[part][column];
        int first = part * block;
        for (int i = 0; i < values.length; i++) {
          assembled[order[first + i]] = values[i];
        }
        parts[part][column] = null;
      }
      columns[column] = assembled;
    }
    return new IndicatorTable(ids, columns, attributes(base));
  }

  /** The base's attributes by name, read in place (not copied per customer). */
  private static List<AttributeColumn> attributes(CustomerBase base) {
    return base.attributeNames().stream().sorted().map(base::attributeColumn).toList();
  }

  /**
   * Computes the customers at positions {@code from}..{@code to} of {@code order} into {@code
   * columns} at row position - from, taking (releasing) each. Without an order, customer indexes
   * are the positions and histories are only read.
   */
  private static void fill(
      CustomerBase base,
      IndicatorFunction function,
      int[] order,
      int from,
      int to,
      double[][] columns) {
    IntStream.range(from, to)
        .parallel()
        .forEach(
            position -> {
              int customer = order == null ? position : order[position];
              CustomerHistory history =
                  order == null ? base.history(customer) : base.take(customer);
              Indicators indicators = function.apply(history);
              for (int column = 0; column < columns.length; column++) {
                columns[column][position - from] = indicators.value(column);
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
    return new IndicatorTable(ids, copy, attributes);
  }

  /**
   * The indicators of some customers of {@code base}, one row per entry of {@code customers}
   * (histories are only read), written straight into the columns: no object per row is kept while
   * the table is built (churn training builds two of 200,000 rows right after ingest, while full
   * collections compact the heap: 400,000 id Strings kept to the end made each of them dearer), and
   * the ids are packed from the ledger's bytes.
   */
  public static IndicatorTable of(CustomerBase base, IndicatorFunction function, int[] customers) {
    double[][] columns = new double[Indicator.count()][customers.length];
    IntStream.range(0, customers.length)
        .parallel()
        .forEach(
            row -> {
              Indicators indicators = function.apply(base.history(customers[row]));
              for (int column = 0; column < columns.length; column++) {
                columns[column][row] = indicators.value(column);
              }
            });
    return new IndicatorTable(PackedTexts.ofIds(base, customers), columns, List.of());
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
    return new IndicatorTable(ids, columns, List.of());
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
    return Indicators.owning(ids.get(row), values);
  }

  public List<String> attributeNames() {
    return attributeNames;
  }

  /** Attribute {@code index} (of {@link #attributeNames()}) of a customer; "" when absent. */
  public String attribute(int index, int row) {
    return attributes.get(index).get(row);
  }
}
