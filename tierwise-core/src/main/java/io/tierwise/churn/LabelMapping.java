package io.tierwise.churn;

import io.tierwise.TierwiseException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * How the two values of a label column map to churned (1) and stayed (0). Values are compared
 * trimmed and case-insensitively.
 *
 * @param positive the value meaning churned, as spelled in the training file
 * @param negative the other value
 */
public record LabelMapping(String positive, String negative) {

  /** Values recognised as "churned" when no positive value is given. */
  private static final List<String> KNOWN_POSITIVES =
      List.of("yes", "y", "true", "t", "1", "churned", "churn", "lost", "left", "positive");

  /** Returns 1 for the positive value, 0 for the negative one, -1 for a blank or other cell. */
  int encode(String cell) {
    String value = cell.trim();
    if (value.equalsIgnoreCase(positive)) {
      return 1;
    }
    if (value.equalsIgnoreCase(negative)) {
      return 0;
    }
    return -1;
  }

  /**
   * Decides the mapping from the distinct non-blank values of the label column.
   *
   * @param positiveOption the configured positive value, or empty to recognise a usual one
   */
  static LabelMapping infer(
      String column, Set<String> distinctValues, int rows, String positiveOption) {
    Set<String> byLowerCase = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    byLowerCase.addAll(distinctValues);
    List<String> values = List.copyOf(byLowerCase);
    if (values.isEmpty()) {
      throw TierwiseException.invalidInput(
          "label column '" + column + "' is blank in all " + rows + " rows");
    }
    if (values.size() == 1) {
      throw TierwiseException.invalidInput(
          "label column '"
              + column
              + "' has the single value '"
              + values.get(0)
              + "' in all labelled rows; a churn model needs both churned and retained customers");
    }
    if (values.size() > 2) {
      throw TierwiseException.invalidInput(
          "label column '"
              + column
              + "' has "
              + values.size()
              + " distinct values "
              + preview(values)
              + "; expected exactly two (e.g. Yes/No). Is it the right column?");
    }
    if (!positiveOption.isBlank()) {
      String wanted = positiveOption.trim();
      int index = indexIgnoringCase(values, wanted);
      if (index < 0) {
        throw TierwiseException.invalidInput(
            "positive value '"
                + wanted
                + "' does not occur in label column '"
                + column
                + "'; its values are "
                + values);
      }
      return new LabelMapping(values.get(index), values.get(1 - index));
    }
    for (String known : KNOWN_POSITIVES) {
      int index = indexIgnoringCase(values, known);
      if (index >= 0) {
        return new LabelMapping(values.get(index), values.get(1 - index));
      }
    }
    throw TierwiseException.invalidInput(
        "cannot tell which value of label column '"
            + column
            + "' means churned: "
            + values
            + "; name it with --positive");
  }

  private static int indexIgnoringCase(List<String> values, String wanted) {
    for (int i = 0; i < values.size(); i++) {
      if (values.get(i).toLowerCase(Locale.ROOT).equals(wanted.toLowerCase(Locale.ROOT))) {
        return i;
      }
    }
    return -1;
  }

  private static String preview(List<String> values) {
    return values.size() <= 5 ? values.toString() : values.subList(0, 5) + " ...";
  }
}
