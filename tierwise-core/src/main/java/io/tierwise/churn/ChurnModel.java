package io.tierwise.churn;

import io.tierwise.TierwiseException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A trained churn model: schema, encoder, learner, calibration, threshold, its evaluation and
 * provenance. Immutable and thread-safe; made by {@link ChurnTrainer} or {@link #load}.
 *
 * <p>Scoring checks the table's schema before any work: every model column must be there with a
 * compatible type; the label column may be absent. Extra columns are ignored.
 */
public final class ChurnModel {
  private final ChurnModelKind kind;
  private final String labelColumn;
  private final String idColumn;
  private final LabelMapping labelMapping;
  private final FeatureEncoder encoder;
  private final ChurnScorer scorer;
  private final PlattScaling calibration;
  private final double threshold;
  private final ChurnEvaluation evaluation;
  private final TrainingProvenance provenance;

  ChurnModel(
      ChurnModelKind kind,
      String labelColumn,
      String idColumn,
      LabelMapping labelMapping,
      FeatureEncoder encoder,
      ChurnScorer scorer,
      PlattScaling calibration,
      double threshold,
      ChurnEvaluation evaluation,
      TrainingProvenance provenance) {
    this.kind = Objects.requireNonNull(kind);
    this.labelColumn = Objects.requireNonNull(labelColumn);
    this.idColumn = Objects.requireNonNull(idColumn);
    this.labelMapping = Objects.requireNonNull(labelMapping);
    this.encoder = Objects.requireNonNull(encoder);
    this.scorer = Objects.requireNonNull(scorer);
    this.calibration = Objects.requireNonNull(calibration);
    this.threshold = threshold;
    this.evaluation = Objects.requireNonNull(evaluation);
    this.provenance = Objects.requireNonNull(provenance);
  }

  /** Reads a model file written by {@link #save} (any earlier format version too). */
  public static ChurnModel load(Path file) {
    return ChurnModelFile.read(file);
  }

  /** Writes the model as a versioned JSON file. */
  public void save(Path file) {
    ChurnModelFile.write(this, file);
  }

  /** Scores every row of a table, in table order. */
  public List<CustomerScore> score(LabelledTable table) {
    int idPosition = table.requireColumn(idColumn, "id");
    int[] positions = encoder.locate(table);
    double[] logOdds = scorer.logOdds(encodeAll(table, positions));
    List<CustomerScore> scores = new ArrayList<>(logOdds.length);
    for (int row = 0; row < logOdds.length; row++) {
      double probability = calibration.apply(logOdds[row]);
      scores.add(
          new CustomerScore(table.cell(row, idPosition), probability, probability >= threshold));
    }
    return List.copyOf(scores);
  }

  /** The calibrated churn probability of one customer given as column → cell. */
  public double probability(Map<String, String> row) {
    LabelledTable table = singleRow(row);
    return calibration.apply(scorer.logOdds(encodeAll(table, encoder.locate(table)))[0]);
  }

  /**
   * Why a customer scores as it does: one contribution per model column, largest magnitude first.
   * The row maps column names to cells; it must hold every model column.
   */
  public List<Contribution> explain(Map<String, String> row) {
    LabelledTable table = singleRow(row);
    int[] positions = encoder.locate(table);
    double[] perFeature = scorer.contributions(encodeAll(table, positions))[0];
    double[] perColumn = new double[encoder.columns().size()];
    for (int feature = 0; feature < encoder.featureNames().size(); feature++) {
      perColumn[encoder.columnOf(feature)] += perFeature[feature];
    }
    List<Contribution> contributions = new ArrayList<>();
    for (int c = 0; c < perColumn.length; c++) {
      contributions.add(
          new Contribution(
              encoder.columns().get(c).name(), table.cell(0, positions[c]), perColumn[c]));
    }
    contributions.sort(
        Comparator.comparingDouble(
                (Contribution contribution) -> -Math.abs(contribution.contribution()))
            .thenComparing(Contribution::column));
    return List.copyOf(contributions);
  }

  /**
   * Checks, before any work, that this model can score rows of numbers named {@code available}
   * (e.g. the indicators of a run): every model column must be numeric and among them. Refuses with
   * one message naming the columns that do not fit.
   *
   * @param what how to call the data in the message, e.g. "the indicators of this run"
   */
  public void requireNumericColumns(List<String> available, String what) {
    List<String> missing = new ArrayList<>();
    List<String> categorical = new ArrayList<>();
    for (ColumnSchema column : encoder.columns()) {
      if (column.type() != ColumnSchema.Type.NUMERIC) {
        categorical.add(column.name());
      } else if (!available.contains(column.name())) {
        missing.add(column.name());
      }
    }
    if (missing.isEmpty() && categorical.isEmpty()) {
      return;
    }
    List<String> problems = new ArrayList<>();
    if (!missing.isEmpty()) {
      problems.add("column(s) " + preview(missing) + " are not among " + what);
    }
    if (!categorical.isEmpty()) {
      problems.add("column(s) " + preview(categorical) + " are categorical");
    }
    throw TierwiseException.invalidInput(
        "this churn model was trained on another schema (label '"
            + labelColumn
            + "', "
            + encoder.columns().size()
            + " columns): "
            + String.join("; ", problems)
            + ". Use a model trained on the same kind of data, or let the run train one");
  }

  private static String preview(List<String> names) {
    return names.size() <= 6
        ? String.join(", ", names)
        : String.join(", ", names.subList(0, 6)) + " and " + (names.size() - 6) + " more";
  }

  /**
   * Calibrated probabilities for rows of numbers, each in {@link #columns()} order (NaN = missing).
   * The caller has checked the schema with {@link #requireNumericColumns}.
   */
  public double[] probabilities(double[][] rows) {
    double[][] features = new double[rows.length][];
    for (int row = 0; row < rows.length; row++) {
      features[row] = encoder.encodeNumbers(rows[row]);
    }
    return ChurnFit.calibrate(calibration, scorer.logOdds(features));
  }

  /**
   * Per-column log-odds contributions for rows of numbers ({@link #columns()} order); one array per
   * row, one entry per column.
   */
  public double[][] contributions(double[][] rows) {
    double[][] features = new double[rows.length][];
    for (int row = 0; row < rows.length; row++) {
      features[row] = encoder.encodeNumbers(rows[row]);
    }
    double[][] perFeature = scorer.contributions(features);
    double[][] perColumn = new double[rows.length][encoder.columns().size()];
    for (int row = 0; row < rows.length; row++) {
      for (int feature = 0; feature < encoder.featureNames().size(); feature++) {
        perColumn[row][encoder.columnOf(feature)] += perFeature[row][feature];
      }
    }
    return perColumn;
  }

  /** The names of {@link #columns()}, in order. */
  public List<String> columnNames() {
    return encoder.columns().stream().map(ColumnSchema::name).toList();
  }

  private LabelledTable singleRow(Map<String, String> row) {
    List<String> columns = new ArrayList<>(row.keySet());
    List<String> cells = new ArrayList<>();
    for (String column : columns) {
      cells.add(Objects.requireNonNullElse(row.get(column), ""));
    }
    if (columns.isEmpty()) {
      throw TierwiseException.invalidInput("the customer row to explain has no columns");
    }
    return LabelledTable.of(columns, List.of(cells));
  }

  private double[][] encodeAll(LabelledTable table, int[] positions) {
    double[][] features = new double[table.rowCount()][];
    for (int row = 0; row < features.length; row++) {
      features[row] = encoder.encode(table, row, positions);
    }
    return features;
  }

  public ChurnModelKind kind() {
    return kind;
  }

  public String labelColumn() {
    return labelColumn;
  }

  public String idColumn() {
    return idColumn;
  }

  public LabelMapping labelMapping() {
    return labelMapping;
  }

  /** The attribute columns the model uses, with their types, categories and medians. */
  public List<ColumnSchema> columns() {
    return encoder.columns();
  }

  /** Attribute columns left out in training, with the reason. */
  public List<DroppedColumn> droppedColumns() {
    return encoder.dropped();
  }

  public PlattScaling calibration() {
    return calibration;
  }

  /** The alert threshold on the calibrated probability. */
  public double threshold() {
    return threshold;
  }

  /** Metrics on the held-out test split. */
  public ChurnEvaluation evaluation() {
    return evaluation;
  }

  public TrainingProvenance provenance() {
    return provenance;
  }

  FeatureEncoder encoder() {
    return encoder;
  }

  ChurnScorer scorer() {
    return scorer;
  }
}
