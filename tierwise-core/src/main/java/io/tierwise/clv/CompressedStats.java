package io.tierwise.clv;

import io.tierwise.TierwiseException;
import java.util.Arrays;
import java.util.Objects;

/**
 * The calibration data of a whole customer base, compressed: customers with identical (x,
 * t<sub>x</sub>, T) share one weighted purchase row, and repeat customers with identical (x, mean
 * repeat value) share one weighted spend row. Likelihoods are sums over rows times weight, so ten
 * million customers cost what their distinct rows cost (with day-resolution data a few hundred
 * thousand rows at most).
 *
 * <p>Immutable and thread-safe once built. Build it with {@link #builder(CalibrationWindow)}, one
 * customer at a time.
 */
public final class CompressedStats {
  private final ClvTimeUnit unit;
  private final double holdoutLength;
  private final long customers;
  // purchase rows
  private final int[] repeatPurchases;
  private final double[] recency;
  private final double[] age;
  private final long[] weight;
  private final long[] holdoutPurchases;
  // distinct times and, per row, the index of its recency and age among them
  private final double[] distinctTimes;
  private final int[] recencyIndex;
  private final int[] ageIndex;
  private final int[] distinctRepeatPurchases;
  // spend rows (repeat customers only)
  private final int[] spendRepeatPurchases;
  private final double[] spendMeanValue;
  private final long[] spendWeight;

  private CompressedStats(Builder builder) {
    this.unit = builder.window.unit();
    this.holdoutLength = builder.window.holdoutLength();
    this.customers = builder.customers;
    KeyedCounts purchases = builder.purchaseRows;
    int rows = purchases.rows();
    repeatPurchases = new int[rows];
    recency = new double[rows];
    age = new double[rows];
    weight = new long[rows];
    holdoutPurchases = new long[rows];
    for (int row = 0; row < rows; row++) { // in first-seen order
      repeatPurchases[row] = (int) purchases.key(row, 0);
      recency[row] = Double.longBitsToDouble(purchases.key(row, 1));
      age[row] = Double.longBitsToDouble(purchases.key(row, 2));
      weight[row] = purchases.count(row, 0);
      holdoutPurchases[row] = purchases.count(row, 1);
    }
    double[] times = new double[2 * rows];
    System.arraycopy(recency, 0, times, 0, rows);
    System.arraycopy(age, 0, times, rows, rows);
    distinctTimes = Arrays.stream(times).sorted().distinct().toArray();
    recencyIndex = new int[rows];
    ageIndex = new int[rows];
    for (int i = 0; i < rows; i++) {
      recencyIndex[i] = Arrays.binarySearch(distinctTimes, recency[i]);
      ageIndex[i] = Arrays.binarySearch(distinctTimes, age[i]);
    }
    distinctRepeatPurchases = Arrays.stream(repeatPurchases).sorted().distinct().toArray();
    KeyedCounts spend = builder.spendRows;
    int spendRows = spend.rows();
    spendRepeatPurchases = new int[spendRows];
    spendMeanValue = new double[spendRows];
    spendWeight = new long[spendRows];
    for (int row = 0; row < spendRows; row++) {
      spendRepeatPurchases[row] = (int) spend.key(row, 0);
      spendMeanValue[row] = Double.longBitsToDouble(spend.key(row, 1));
      spendWeight[row] = spend.count(row, 0);
    }
  }

  /** A builder for customers measured in {@code window}. */
  public static Builder builder(CalibrationWindow window) {
    return new Builder(window, 0);
  }

  /**
   * A builder that rounds mean repeat values to a multiple of {@code spendResolution} (e.g. 0.01
   * for cents) before merging spend rows, so that large bases compress; 0 keeps values exact.
   */
  public static Builder builder(CalibrationWindow window, double spendResolution) {
    return new Builder(window, spendResolution);
  }

  /** Compresses a collection of customers at once. */
  public static CompressedStats of(Iterable<RepeatPurchaseStats> stats, CalibrationWindow window) {
    Builder builder = builder(window);
    stats.forEach(builder::add);
    return builder.build();
  }

  public ClvTimeUnit unit() {
    return unit;
  }

  /** Length of the holdout period in {@link #unit()}, 0 without holdout. */
  public double holdoutLength() {
    return holdoutLength;
  }

  /** Number of customers (sum of purchase-row weights). */
  public long customers() {
    return customers;
  }

  /** Number of distinct (x, t_x, T) rows. */
  public int purchaseRows() {
    return weight.length;
  }

  public int repeatPurchases(int row) {
    return repeatPurchases[row];
  }

  public double recency(int row) {
    return recency[row];
  }

  public double age(int row) {
    return age[row];
  }

  public long weight(int row) {
    return weight[row];
  }

  /** Sum of the holdout purchases of the customers in this row. */
  public long holdoutPurchases(int row) {
    return holdoutPurchases[row];
  }

  /** Number of repeat customers (x &gt; 0) that enter the spend model. */
  public long repeatCustomers() {
    long total = 0;
    for (long w : spendWeight) {
      total += w;
    }
    return total;
  }

  /** Number of distinct (x, mean value) spend rows. */
  public int spendRows() {
    return spendWeight.length;
  }

  public int spendRepeatPurchases(int row) {
    return spendRepeatPurchases[row];
  }

  public double spendMeanValue(int row) {
    return spendMeanValue[row];
  }

  public long spendWeight(int row) {
    return spendWeight[row];
  }

  // Package-private views for the likelihood loops; callers must not modify them.
  int[] repeatPurchasesView() {
    return repeatPurchases;
  }

  long[] weightView() {
    return weight;
  }

  double[] distinctTimesView() {
    return distinctTimes;
  }

  int[] recencyIndexView() {
    return recencyIndex;
  }

  int[] ageIndexView() {
    return ageIndex;
  }

  int[] distinctRepeatPurchasesView() {
    return distinctRepeatPurchases;
  }

  /** Accumulates customers one at a time. Not thread-safe; build once. */
  public static final class Builder {
    private final CalibrationWindow window;
    private final double spendResolution;
    // (x, t_x bits, T bits) -> customers, holdout purchases; (x, mean bits, 0) -> customers
    private final KeyedCounts purchaseRows = new KeyedCounts(2);
    private final KeyedCounts spendRows = new KeyedCounts(1);
    private long customers;

    // Customers added but not yet counted (see flush).
    private static final int PENDING = 32;
    private final int[] pendingX = new int[PENDING];
    private final long[] pendingRecency = new long[PENDING];
    private final long[] pendingAge = new long[PENDING];
    private final long[] pendingMean = new long[PENDING];
    private final long[] pendingHoldout = new long[PENDING];
    private int pending;

    // Keeps the lookups of flush() from being optimised away; never read for its value.
    private long touched;

    private Builder(CalibrationWindow window, double spendResolution) {
      this.window = Objects.requireNonNull(window, "window");
      if (!(spendResolution >= 0) || !Double.isFinite(spendResolution)) {
        throw TierwiseException.invalidConfig(
            "spend resolution must be a finite number >= 0, got " + spendResolution);
      }
      this.spendResolution = spendResolution;
    }

    /** Adds one customer's statistics. */
    public Builder add(RepeatPurchaseStats stats) {
      add(
          stats.repeatPurchases(),
          stats.recency(),
          stats.age(),
          stats.meanRepeatValue(),
          stats.holdoutPurchases());
      return this;
    }

    /** Customers computed from arrays come here as numbers: no object per customer. */
    private final RepeatPurchaseStats.Sink computed = this::add;

    private void add(int x, double recency, double age, double meanRepeatValue, int holdout) {
      customers++;
      int at = pending++;
      pendingX[at] = x;
      pendingRecency[at] = Double.doubleToLongBits(recency);
      pendingAge[at] = Double.doubleToLongBits(age);
      pendingHoldout[at] = holdout;
      if (x > 0) {
        double mean = meanRepeatValue;
        if (spendResolution > 0) {
          mean = Math.round(mean / spendResolution) * spendResolution;
        }
        pendingMean[at] = Double.doubleToLongBits(mean);
      }
      if (pending == PENDING) {
        flush();
      }
    }

    /**
     * Counts the pending customers. Their rows are looked up first all together ({@link
     * KeyedCounts#touch}), so that the processor waits for their cache misses at once rather than
     * one after another, then counted in order: with hundreds of thousands of rows, a lookup is a
     * miss in memory, and this makes the pass several times faster.
     */
    private void flush() {
      long touched = 0;
      for (int i = 0; i < pending; i++) {
        touched += purchaseRows.touch(pendingX[i], pendingRecency[i], pendingAge[i]);
        if (pendingX[i] > 0) {
          touched += spendRows.touch(pendingX[i], pendingMean[i], 0);
        }
      }
      for (int i = 0; i < pending; i++) {
        int row = purchaseRows.row(pendingX[i], pendingRecency[i], pendingAge[i]);
        purchaseRows.add(row, 0, 1);
        purchaseRows.add(row, 1, pendingHoldout[i]);
        if (pendingX[i] > 0) {
          spendRows.add(pendingX[i], pendingMean[i], 0, 0, 1);
        }
      }
      pending = 0;
      this.touched += touched;
    }

    /**
     * Computes and adds one customer from purchase days and values (see {@link
     * RepeatPurchaseStats#from}); customers whose first purchase is after calibration end are
     * skipped.
     *
     * @return whether the customer was added
     */
    public boolean addCustomer(int[] days, double[] values) {
      var stats = RepeatPurchaseStats.from(days, values, window);
      stats.ifPresent(this::add);
      return stats.isPresent();
    }

    /** {@link #addCustomer(int[], double[])} of the first {@code count} entries of the arrays. */
    public boolean addCustomer(int[] days, double[] values, int count) {
      return RepeatPurchaseStats.compute(days, values, count, window, computed);
    }

    /**
     * Like {@link #addCustomer} but counting orders, not purchase days (see {@link
     * RepeatPurchaseStats#fromOrders}).
     *
     * @return whether the customer was added
     */
    public boolean addCustomerOrders(int[] days, int[] orders, double[] values) {
      var stats = RepeatPurchaseStats.fromOrders(days, orders, values, window);
      stats.ifPresent(this::add);
      return stats.isPresent();
    }

    /**
     * {@link #addCustomerOrders(int[], int[], double[])} of the first {@code count} entries of the
     * arrays.
     */
    public boolean addCustomerOrders(int[] days, int[] orders, double[] values, int count) {
      return RepeatPurchaseStats.computeOrders(days, orders, values, count, window, computed);
    }

    /**
     * Adds the customers of {@code other}, a builder of the same window and spend resolution that
     * read the customers after this one's: the result is what one builder reading both parts in
     * order would hold, rows in the same first-seen order. For building parts on several threads.
     */
    public Builder addAll(Builder other) {
      if (!other.window.equals(window)
          || Double.compare(other.spendResolution, spendResolution) != 0) {
        throw new IllegalArgumentException("builders of different windows or spend resolutions");
      }
      flush();
      other.flush();
      customers += other.customers;
      purchaseRows.addAll(other.purchaseRows);
      spendRows.addAll(other.spendRows);
      return this;
    }

    public CompressedStats build() {
      flush();
      return new CompressedStats(this);
    }
  }
}
