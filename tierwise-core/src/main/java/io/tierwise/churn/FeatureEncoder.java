package io.tierwise.churn;

import io.tierwise.TierwiseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns table rows into numeric feature vectors: numbers as they are, categories one-hot. Fitted on
 * the training rows by {@link #fit}; immutable and thread-safe afterwards.
 *
 * <ul>
 *   <li><b>Numeric</b>: a blank or malformed cell becomes the training median; if the column had
 *       blank cells in training, a {@code name=missing} 0/1 feature follows it. (Telco's
 *       TotalCharges is {@code " "} for the 11 customers with tenure 0: they get the median and the
 *       indicator, and the model learns what "not billed yet" means.)
 *   <li><b>Categorical</b>: one 0/1 feature per training category. A category not seen in training
 *       encodes as all zeros: it adds nothing to the score, like the average customer.
 * </ul>
 */
public final class FeatureEncoder {
  /** A numeric column is taken to have changed type when more than this share of cells fail. */
  static final double MAX_MALFORMED_SHARE = 0.5;

  private final List<ColumnSchema> columns;
  private final List<DroppedColumn> dropped;
  private final List<String> featureNames;
  private final int[] featureColumn;
  private final int[] firstFeature;
  private final List<Map<String, Integer>> categoryIndex;

  FeatureEncoder(List<ColumnSchema> columns, List<DroppedColumn> dropped) {
    this.columns = List.copyOf(columns);
    this.dropped = List.copyOf(dropped);
    List<String> names = new ArrayList<>();
    List<Integer> owners = new ArrayList<>();
    this.firstFeature = new int[columns.size()];
    List<Map<String, Integer>> indexes = new ArrayList<>();
    for (int c = 0; c < columns.size(); c++) {
      ColumnSchema column = columns.get(c);
      firstFeature[c] = names.size();
      Map<String, Integer> index = new HashMap<>();
      if (column.type() == ColumnSchema.Type.NUMERIC) {
        names.add(column.name());
        if (column.missingIndicator()) {
          names.add(column.name() + "=missing");
        }
      } else {
        for (int k = 0; k < column.categories().size(); k++) {
          index.put(column.categories().get(k), k);
          names.add(column.name() + "=" + column.categories().get(k));
        }
      }
      while (owners.size() < names.size()) {
        owners.add(c);
      }
      indexes.add(Map.copyOf(index));
    }
    this.featureNames = List.copyOf(names);
    this.featureColumn = owners.stream().mapToInt(Integer::intValue).toArray();
    this.categoryIndex = List.copyOf(indexes);
  }

  /**
   * Infers the schema from the training rows and builds the encoder.
   *
   * @param excluded columns that are not attributes (id, label)
   */
  static FeatureEncoder fit(
      LabelledTable table, int[] trainingRows, Set<String> excluded, int maxCategories) {
    List<ColumnSchema> columns = new ArrayList<>();
    List<DroppedColumn> dropped = new ArrayList<>();
    for (int c = 0; c < table.columns().size(); c++) {
      String name = table.columns().get(c);
      if (excluded.contains(name)) {
        continue;
      }
      double[] numbers = new double[trainingRows.length];
      int parsed = 0;
      int blank = 0;
      boolean allNumeric = true;
      Map<String, Integer> counts = new LinkedHashMap<>();
      for (int row : trainingRows) {
        String value = table.cell(row, c).trim();
        counts.merge(value, 1, Integer::sum);
        if (value.isEmpty()) {
          blank++;
        } else if (allNumeric) {
          double number = parseNumber(value);
          if (Double.isNaN(number)) {
            allNumeric = false;
          } else {
            numbers[parsed++] = number;
          }
        }
      }
      if (blank == trainingRows.length) {
        dropped.add(new DroppedColumn(name, "blank in every training row"));
      } else if (counts.size() == 1) {
        dropped.add(new DroppedColumn(name, "the same value in every training row"));
      } else if (allNumeric) {
        double[] values = Arrays.copyOf(numbers, parsed);
        Arrays.sort(values);
        double median =
            values.length % 2 == 1
                ? values[values.length / 2]
                : (values[values.length / 2 - 1] + values[values.length / 2]) / 2.0;
        columns.add(ColumnSchema.numeric(name, median, blank > 0));
      } else if (counts.size() > maxCategories) {
        dropped.add(
            new DroppedColumn(
                name,
                counts.size()
                    + " distinct text values, more than the "
                    + maxCategories
                    + " categories allowed (an identifier or free text?)"));
      } else {
        List<String> categories = new ArrayList<>(counts.keySet());
        categories.sort(
            Comparator.comparing((String value) -> -counts.get(value))
                .thenComparing(Comparator.naturalOrder()));
        columns.add(ColumnSchema.categorical(name, categories));
      }
    }
    if (columns.isEmpty()) {
      throw TierwiseException.invalidInput(
          "no usable attribute column: every column other than id and label was left out "
              + dropped);
    }
    return new FeatureEncoder(columns, dropped);
  }

  /**
   * Builds an all-numeric encoder from training columns of numbers (NaN = missing): the median of
   * the known values replaces a missing one, and a column with missing values gets a {@code
   * name=missing} feature, as in {@link #fit}. A column that is missing or constant on every
   * training row is left out.
   *
   * @param names column names
   * @param trainingColumns one array per column, one value per training row
   */
  static FeatureEncoder numeric(List<String> names, double[][] trainingColumns) {
    List<ColumnSchema> columns = new ArrayList<>();
    List<DroppedColumn> dropped = new ArrayList<>();
    for (int c = 0; c < names.size(); c++) {
      double[] known = Arrays.stream(trainingColumns[c]).filter(v -> !Double.isNaN(v)).toArray();
      if (known.length == 0) {
        dropped.add(new DroppedColumn(names.get(c), "blank in every training row"));
        continue;
      }
      Arrays.sort(known);
      boolean hasMissing = known.length < trainingColumns[c].length;
      if (known[0] == known[known.length - 1] && !hasMissing) {
        dropped.add(new DroppedColumn(names.get(c), "the same value in every training row"));
        continue;
      }
      double median =
          known.length % 2 == 1
              ? known[known.length / 2]
              : (known[known.length / 2 - 1] + known[known.length / 2]) / 2.0;
      columns.add(ColumnSchema.numeric(names.get(c), median, hasMissing));
    }
    if (columns.isEmpty()) {
      throw TierwiseException.invalidInput(
          "no usable churn feature: every column was left out " + dropped);
    }
    return new FeatureEncoder(columns, dropped);
  }

  /** True when every column is numeric (a model that can score rows of numbers). */
  boolean allNumeric() {
    return columns.stream().allMatch(column -> column.type() == ColumnSchema.Type.NUMERIC);
  }

  /** Encodes one row of numbers given in {@link #columns()} order; NaN means missing. */
  double[] encodeNumbers(double[] values) {
    double[] features = new double[featureNames.size()];
    for (int c = 0; c < columns.size(); c++) {
      ColumnSchema column = columns.get(c);
      boolean missing = Double.isNaN(values[c]);
      int first = firstFeature[c];
      features[first] = missing ? column.median() : values[c];
      if (column.missingIndicator()) {
        features[first + 1] = missing ? 1.0 : 0.0;
      }
    }
    return features;
  }

  public List<ColumnSchema> columns() {
    return columns;
  }

  public List<DroppedColumn> dropped() {
    return dropped;
  }

  public List<String> featureNames() {
    return featureNames;
  }

  /** The index in {@link #columns()} of the column a feature comes from. */
  int columnOf(int feature) {
    return featureColumn[feature];
  }

  /**
   * Checks that a table has every model column with a compatible type, before any work is done, and
   * returns each model column's position in it. Refuses with one message naming every problem.
   */
  int[] locate(LabelledTable table) {
    List<String> missing = new ArrayList<>();
    List<String> changed = new ArrayList<>();
    int[] positions = new int[columns.size()];
    for (int c = 0; c < columns.size(); c++) {
      ColumnSchema column = columns.get(c);
      positions[c] = table.findColumn(column.name()).orElse(-1);
      if (positions[c] < 0) {
        missing.add(column.name());
        continue;
      }
      typeChange(table, positions[c], column).ifPresent(changed::add);
    }
    if (!missing.isEmpty() || !changed.isEmpty()) {
      List<String> problems = new ArrayList<>();
      if (!missing.isEmpty()) {
        problems.add("missing column(s) " + String.join(", ", missing));
      }
      problems.addAll(changed);
      throw TierwiseException.invalidInput(
          "the table does not match the model's schema: "
              + String.join("; ", problems)
              + ". Score a table with the training columns, or train a new model");
    }
    return positions;
  }

  private static java.util.Optional<String> typeChange(
      LabelledTable table, int position, ColumnSchema column) {
    int nonBlank = 0;
    int numeric = 0;
    String example = "";
    for (int row = 0; row < table.rowCount(); row++) {
      String value = table.cell(row, position).trim();
      if (value.isEmpty()) {
        continue;
      }
      nonBlank++;
      if (!Double.isNaN(parseNumber(value))) {
        numeric++;
      } else if (example.isEmpty()) {
        example = value;
      }
    }
    if (column.type() == ColumnSchema.Type.NUMERIC
        && nonBlank > 0
        && nonBlank - numeric > MAX_MALFORMED_SHARE * nonBlank) {
      return java.util.Optional.of(
          "column '"
              + column.name()
              + "' was numeric in training but "
              + (nonBlank - numeric)
              + " of its "
              + nonBlank
              + " values are not numbers (e.g. '"
              + example
              + "')");
    }
    boolean categoriesWereText =
        column.categories().stream().anyMatch(c -> !c.isEmpty() && Double.isNaN(parseNumber(c)));
    if (column.type() == ColumnSchema.Type.CATEGORICAL
        && categoriesWereText
        && nonBlank > 0
        && numeric == nonBlank) {
      return java.util.Optional.of(
          "column '"
              + column.name()
              + "' was categorical in training ("
              + String.join("/", column.categories().subList(0, Math.min(3, column.width())))
              + ") but now holds only numbers");
    }
    return java.util.Optional.empty();
  }

  /** Encodes one row; {@code positions} comes from {@link #locate}. */
  double[] encode(LabelledTable table, int row, int[] positions) {
    double[] features = new double[featureNames.size()];
    for (int c = 0; c < columns.size(); c++) {
      ColumnSchema column = columns.get(c);
      String value = table.cell(row, positions[c]).trim();
      int first = firstFeature[c];
      if (column.type() == ColumnSchema.Type.NUMERIC) {
        double number = value.isEmpty() ? Double.NaN : parseNumber(value);
        boolean missing = Double.isNaN(number);
        features[first] = missing ? column.median() : number;
        if (column.missingIndicator()) {
          features[first + 1] = missing ? 1.0 : 0.0;
        }
      } else {
        Integer category = categoryIndex.get(c).get(value);
        if (category != null) {
          features[first + category] = 1.0;
        }
      }
    }
    return features;
  }

  /** Parses a finite decimal number, or returns NaN. */
  static double parseNumber(String text) {
    if (text.isEmpty()) {
      return Double.NaN;
    }
    char first = text.charAt(0);
    if (!(Character.isDigit(first) || first == '-' || first == '+' || first == '.')) {
      return Double.NaN; // rejects "NaN", "Infinity" and hex before the parser sees them
    }
    try {
      double value = Double.parseDouble(text);
      return Double.isFinite(value) ? value : Double.NaN;
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }
}
