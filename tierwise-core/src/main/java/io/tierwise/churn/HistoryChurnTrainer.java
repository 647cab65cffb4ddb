package io.tierwise.churn;

import io.tierwise.TierwiseException;
import io.tierwise.ingest.CustomerBase;
import io.tierwise.ingest.CustomerHistory;
import io.tierwise.ingest.PurchaseDays;
import io.tierwise.metrics.Indicator;
import io.tierwise.metrics.IndicatorFunction;
import io.tierwise.metrics.IndicatorSettings;
import io.tierwise.metrics.IndicatorTable;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * Learns a {@link ChurnModel} from the customers' own histories with a time-based split. For a run
 * as of day A and horizon h, with T = A − h and T0 = T − h:
 *
 * <ul>
 *   <li><b>train</b>: customers with a purchase on or before T0; features = indicators as of T0;
 *       label = no purchase in (T0, T];
 *   <li><b>validation and test</b>: customers with a purchase on or before T; features = indicators
 *       as of T; label = no purchase in (T, A]. They are split 50/50 (seeded): validation fits the
 *       Platt calibration and the alert threshold, test gives the report.
 * </ul>
 *
 * The earlier period trains, the later validates: no label of the training rows is later than T,
 * and no feature looks past its own as-of day (only {@link HistoryChurnOptions#leakFree} indicators
 * are allowed). Each period uses at most {@code maxCustomers} customers (a seeded sample). The
 * model then scores everyone as of A. Stateless; thread-safe.
 */
public final class HistoryChurnTrainer {
  static final String ID_COLUMN = "customer_id";
  private static final int ACTIVE_DAYS = 365;

  private final HistoryChurnOptions options;
  private final Clock clock;

  public HistoryChurnTrainer(HistoryChurnOptions options, Clock clock) {
    this.options = Objects.requireNonNull(options, "options");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The label column name a model trained with this horizon carries. */
  public static String labelColumn(int horizonDays) {
    return "no_purchase_within_" + horizonDays + "_days";
  }

  public HistoryChurnFit train(CustomerBase base, IndicatorSettings settings, LocalDate asOf) {
    int labelEnd = (int) asOf.toEpochDay();
    int horizon = options.horizonDays();
    int later = labelEnd - horizon;
    int earlier = later - horizon;
    int size = base.size();
    int[] firstPurchase = new int[size];
    boolean[] boughtInTrainLabel = new boolean[size];
    boolean[] boughtInLaterLabel = new boolean[size];
    // purchase days into a buffer per thread: no arrays per customer on this pass over all of them
    ThreadLocal<PurchaseDays> buffers = ThreadLocal.withInitial(PurchaseDays::new);
    IntStream.range(0, size)
        .parallel()
        .forEach(
            customer -> {
              PurchaseDays purchases = base.purchasesInto(customer, buffers.get());
              int[] days = purchases.days();
              int count = purchases.count();
              firstPurchase[customer] = count == 0 ? CustomerHistory.NO_DAY : days[0];
              for (int i = 0; i < count; i++) {
                int day = days[i];
                boughtInTrainLabel[customer] |= day > earlier && day <= later;
                boughtInLaterLabel[customer] |= day > later && day <= labelEnd;
              }
            });
    int[] trainCustomers = sample(eligible(firstPurchase, earlier), options.seed());
    int[] laterCustomers = sample(eligible(firstPurchase, later), options.seed() + 1);

    List<Indicator> features = options.features();
    IndicatorTable trainTable = indicators(base, settings, earlier, trainCustomers);
    IndicatorTable laterTable = indicators(base, settings, later, laterCustomers);
    int[] trainLabels = labels(trainCustomers, boughtInTrainLabel);
    int[] laterLabels = labels(laterCustomers, boughtInLaterLabel);

    Random random = new Random(options.seed());
    List<Integer> validation = new ArrayList<>();
    List<Integer> test = new ArrayList<>();
    for (int row = 0; row < laterCustomers.length; row++) {
      (random.nextBoolean() ? validation : test).add(row);
    }
    int[] validationRows = validation.stream().mapToInt(Integer::intValue).toArray();
    int[] testRows = test.stream().mapToInt(Integer::intValue).toArray();
    requireBothClasses("training (as of " + LocalDate.ofEpochDay(earlier) + ")", trainLabels, null);
    requireBothClasses(
        "validation (as of " + LocalDate.ofEpochDay(later) + ")", laterLabels, validationRows);
    requireBothClasses("test (as of " + LocalDate.ofEpochDay(later) + ")", laterLabels, testRows);

    List<String> names = features.stream().map(Indicator::key).toList();
    double[][] trainColumns = new double[features.size()][];
    for (int f = 0; f < features.size(); f++) {
      trainColumns[f] = trainTable.column(features.get(f));
    }
    FeatureEncoder encoder = FeatureEncoder.numeric(names, trainColumns);
    List<Indicator> used =
        encoder.columns().stream()
            .map(column -> Indicator.fromKey(column.name()).orElseThrow())
            .toList();
    int[] allTrain = IntStream.range(0, trainCustomers.length).toArray();
    ChurnFit fit =
        ChurnFit.of(
            options.kind(),
            options.l2(),
            options.seed(),
            rows(encoder, trainTable, used, allTrain, trainLabels),
            rows(encoder, laterTable, used, validationRows, laterLabels),
            rows(encoder, laterTable, used, testRows, laterLabels));

    String split =
        "time-based: train on features as of "
            + LocalDate.ofEpochDay(earlier)
            + " with labels in ("
            + LocalDate.ofEpochDay(earlier)
            + ", "
            + LocalDate.ofEpochDay(later)
            + "]; calibrate and test (50/50 seeded) on features as of "
            + LocalDate.ofEpochDay(later)
            + " with labels in ("
            + LocalDate.ofEpochDay(later)
            + ", "
            + asOf
            + "]";
    TrainingProvenance provenance =
        new TrainingProvenance(
            "",
            size,
            trainCustomers.length + laterCustomers.length,
            options.seed(),
            split,
            trainCustomers.length,
            validationRows.length,
            testRows.length,
            clock.instant().toString(),
            ChurnTrainer.toolVersion());
    ChurnModel model =
        new ChurnModel(
            options.kind(),
            labelColumn(horizon),
            ID_COLUMN,
            new LabelMapping("churned", "retained"),
            encoder,
            fit.scorer(),
            fit.calibration(),
            fit.threshold(),
            fit.evaluation(),
            provenance);
    double[][] laterRows = new double[laterCustomers.length][];
    for (int row = 0; row < laterRows.length; row++) {
      laterRows[row] = values(laterTable, used, row);
    }
    double[] laterProbabilities = model.probabilities(laterRows);
    int[] active =
        Arrays.stream(testRows)
            .filter(row -> laterTable.value(Indicator.RECENCY_DAYS, row) <= ACTIVE_DAYS)
            .toArray();
    double[] activeScores =
        Arrays.stream(active).mapToDouble(row -> laterProbabilities[row]).toArray();
    int[] activeLabels = Arrays.stream(active).map(row -> laterLabels[row]).toArray();
    return new HistoryChurnFit(
        model,
        LocalDate.ofEpochDay(earlier),
        LocalDate.ofEpochDay(later),
        asOf,
        laterTable,
        laterLabels,
        laterProbabilities,
        testRows,
        ChurnEvaluator.auc(activeScores, activeLabels),
        active.length);
  }

  private static int[] eligible(int[] firstPurchase, int day) {
    return IntStream.range(0, firstPurchase.length)
        .filter(c -> firstPurchase[c] != CustomerHistory.NO_DAY && firstPurchase[c] <= day)
        .toArray();
  }

  /** At most {@code maxCustomers} of the customers, a seeded sample in customer order. */
  private int[] sample(int[] customers, long seed) {
    if (customers.length <= options.maxCustomers()) {
      return customers;
    }
    int[] shuffled = customers.clone();
    Random random = new Random(seed);
    for (int i = shuffled.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int swap = shuffled[i];
      shuffled[i] = shuffled[j];
      shuffled[j] = swap;
    }
    int[] chosen = Arrays.copyOf(shuffled, options.maxCustomers());
    Arrays.sort(chosen);
    return chosen;
  }

  private static IndicatorTable indicators(
      CustomerBase base, IndicatorSettings settings, int day, int[] customers) {
    IndicatorFunction function = new IndicatorFunction(day, settings, base.featureCount());
    return IndicatorTable.of(base, function, customers);
  }

  private static int[] labels(int[] customers, boolean[] bought) {
    int[] labels = new int[customers.length];
    for (int row = 0; row < customers.length; row++) {
      labels[row] = bought[customers[row]] ? 0 : 1;
    }
    return labels;
  }

  private static void requireBothClasses(String period, int[] labels, int[] rows) {
    int positives = 0;
    int count = rows == null ? labels.length : rows.length;
    for (int i = 0; i < count; i++) {
      positives += labels[rows == null ? i : rows[i]];
    }
    int negatives = count - positives;
    if (positives < ChurnTrainer.MIN_ROWS_PER_CLASS
        || negatives < ChurnTrainer.MIN_ROWS_PER_CLASS) {
      throw TierwiseException.invalidInput(
          "not enough history to train a churn model: the "
              + period
              + " period has "
              + positives
              + " customers who stopped buying and "
              + negatives
              + " who bought again; each needs at least "
              + ChurnTrainer.MIN_ROWS_PER_CLASS
              + ". The data must cover twice churn.horizon_days before the as-of date: lower"
              + " churn.horizon_days, or set churn.enabled: false");
    }
  }

  static double[] values(IndicatorTable table, List<Indicator> columns, int row) {
    double[] values = new double[columns.size()];
    for (int c = 0; c < values.length; c++) {
      values[c] = table.value(columns.get(c), row);
    }
    return values;
  }

  private static ChurnFit.Rows rows(
      FeatureEncoder encoder,
      IndicatorTable table,
      List<Indicator> used,
      int[] rows,
      int[] labels) {
    double[][] features = new double[rows.length][];
    int[] rowLabels = new int[rows.length];
    for (int i = 0; i < rows.length; i++) {
      features[i] = encoder.encodeNumbers(values(table, used, rows[i]));
      rowLabels[i] = labels[rows[i]];
    }
    return new ChurnFit.Rows(features, rowLabels);
  }
}
