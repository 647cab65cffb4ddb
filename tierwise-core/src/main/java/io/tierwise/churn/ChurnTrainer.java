package io.tierwise.churn;

import io.tierwise.TierwiseException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.Set;

/**
 * Learns a {@link ChurnModel} from a labelled table. Stateless apart from its options; {@link
 * #train} may be called from several threads.
 *
 * <p>The rows are split, per label class, in a seeded random order: 60 % train, 20 % validation, 20
 * % test (a labelled table has no time axis, so a random stratified split is the honest one). The
 * encoder and the model see only the training rows. The validation rows fit the Platt calibration
 * and choose the alert threshold (the calibrated probability that maximises F1: class imbalance is
 * handled by this threshold rather than by re-weighting, which keeps the probabilities honest). The
 * test rows are touched once, for the evaluation.
 */
public final class ChurnTrainer {
  /** Each class needs this many rows so that every split holds both classes. */
  static final int MIN_ROWS_PER_CLASS = 10;

  static final String SPLIT_METHOD = "stratified random 60/20/20 train/validation/test";

  private final ChurnOptions options;
  private final Clock clock;

  public ChurnTrainer(ChurnOptions options, Clock clock) {
    this.options = Objects.requireNonNull(options, "options");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  public ChurnModel train(LabelledTable table) {
    int labelColumn = table.requireColumn(options.labelColumn(), "label");
    table.requireColumn(options.idColumn(), "id");
    if (table.rowCount() == 0) {
      throw TierwiseException.invalidInput("the table has a header but no customer rows");
    }
    Set<String> labelValues = new HashSet<>();
    List<Integer> labelled = new ArrayList<>();
    for (int row = 0; row < table.rowCount(); row++) {
      String value = table.cell(row, labelColumn).trim();
      if (!value.isEmpty()) {
        labelValues.add(value);
        labelled.add(row);
      }
    }
    LabelMapping mapping =
        LabelMapping.infer(
            options.labelColumn(), labelValues, table.rowCount(), options.positiveValue());
    List<Integer> positives = new ArrayList<>();
    List<Integer> negatives = new ArrayList<>();
    for (int row : labelled) {
      (mapping.encode(table.cell(row, labelColumn)) == 1 ? positives : negatives).add(row);
    }
    if (positives.size() < MIN_ROWS_PER_CLASS || negatives.size() < MIN_ROWS_PER_CLASS) {
      throw TierwiseException.invalidInput(
          "too few labelled customers: "
              + positives.size()
              + " '"
              + mapping.positive()
              + "' and "
              + negatives.size()
              + " '"
              + mapping.negative()
              + "'; each class needs at least "
              + MIN_ROWS_PER_CLASS
              + " rows to train, calibrate and test");
    }

    Random random = new Random(options.seed());
    Collections.shuffle(positives, random);
    Collections.shuffle(negatives, random);
    int[] train = concat(slice(positives, 0, 60), slice(negatives, 0, 60));
    int[] validation = concat(slice(positives, 60, 80), slice(negatives, 60, 80));
    int[] test = concat(slice(positives, 80, 100), slice(negatives, 80, 100));

    FeatureEncoder encoder =
        FeatureEncoder.fit(
            table,
            train,
            Set.of(options.labelColumn(), options.idColumn()),
            options.maxCategories());
    int[] positions = encoder.locate(table);
    ChurnFit fit =
        ChurnFit.of(
            options.kind(),
            options.l2(),
            options.seed(),
            rows(encoder, table, train, positions, labelColumn, mapping),
            rows(encoder, table, validation, positions, labelColumn, mapping),
            rows(encoder, table, test, positions, labelColumn, mapping));

    TrainingProvenance provenance =
        new TrainingProvenance(
            table.sha256(),
            table.rowCount(),
            labelled.size(),
            options.seed(),
            SPLIT_METHOD,
            train.length,
            validation.length,
            test.length,
            clock.instant().toString(),
            toolVersion());
    return new ChurnModel(
        options.kind(),
        options.labelColumn(),
        options.idColumn(),
        mapping,
        encoder,
        fit.scorer(),
        fit.calibration(),
        fit.threshold(),
        fit.evaluation(),
        provenance);
  }

  static String toolVersion() {
    String version = ChurnTrainer.class.getPackage().getImplementationVersion();
    return version == null ? "development" : version;
  }

  private static ChurnFit.Rows rows(
      FeatureEncoder encoder,
      LabelledTable table,
      int[] rows,
      int[] positions,
      int labelColumn,
      LabelMapping mapping) {
    double[][] features = new double[rows.length][];
    int[] labels = new int[rows.length];
    for (int i = 0; i < rows.length; i++) {
      features[i] = encoder.encode(table, rows[i], positions);
      labels[i] = mapping.encode(table.cell(rows[i], labelColumn));
    }
    return new ChurnFit.Rows(features, labels);
  }

  /** The rows between two percentiles of a shuffled class. */
  private static List<Integer> slice(List<Integer> rows, int fromPercent, int toPercent) {
    return rows.subList(
        (int) Math.round(rows.size() * fromPercent / 100.0),
        (int) Math.round(rows.size() * toPercent / 100.0));
  }

  private static int[] concat(List<Integer> first, List<Integer> second) {
    int[] rows = new int[first.size() + second.size()];
    for (int i = 0; i < first.size(); i++) {
      rows[i] = first.get(i);
    }
    for (int i = 0; i < second.size(); i++) {
      rows[first.size() + i] = second.get(i);
    }
    java.util.Arrays.sort(rows);
    return rows;
  }
}
