package io.tierwise.churn;

import java.util.List;
import java.util.Objects;

/**
 * One attribute column as the model learned it on the training rows.
 *
 * @param name the column name in the table header
 * @param type numeric if every non-blank training value parsed as a number, else categorical
 * @param categories for a categorical column, its training values (trimmed; a blank cell is the
 *     category {@code ""}), most frequent first; empty for a numeric column
 * @param median for a numeric column, the training median: it replaces blank or malformed cells
 * @param missingIndicator for a numeric column that had blank cells in training: the model has an
 *     extra 0/1 feature {@code name=missing}, so "not known" can carry its own weight
 */
public record ColumnSchema(
    String name, Type type, List<String> categories, double median, boolean missingIndicator) {

  /** How a column is encoded. */
  public enum Type {
    NUMERIC,
    CATEGORICAL
  }

  public ColumnSchema {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    categories = List.copyOf(categories);
  }

  static ColumnSchema numeric(String name, double median, boolean missingIndicator) {
    return new ColumnSchema(name, Type.NUMERIC, List.of(), median, missingIndicator);
  }

  static ColumnSchema categorical(String name, List<String> categories) {
    return new ColumnSchema(name, Type.CATEGORICAL, categories, 0.0, false);
  }

  /** The number of model features this column becomes. */
  int width() {
    return type == Type.NUMERIC ? (missingIndicator ? 2 : 1) : categories.size();
  }
}
