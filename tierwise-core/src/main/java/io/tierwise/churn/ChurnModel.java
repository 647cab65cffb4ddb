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
