package io.tierwise.churn;

import io.tierwise.TierwiseException;
import java.util.Objects;

/**
 * What to train and how. Validated on construction; the defaults are in {@link #of}.
 *
 * @param labelColumn the column holding the churn label (two distinct values)
 * @param idColumn the column identifying the customer; never used as a feature
 * @param kind the algorithm
 * @param positiveValue the label value meaning "churned" (case-insensitive); empty to recognise the
 *     usual ones (Yes, true, 1, churned, ...)
 * @param seed seeds the split and the tree learner; same seed and file give the same model
 * @param maxCategories a text column with more distinct values than this on the training rows is
 *     left out (an identifier or free text, not a category) and reported as such
 * @param l2 the L2 penalty of the logistic regression, on standardised features (sum of squared
 *     coefficients times l2 / 2 added to the log-loss summed over rows)
 */
public record ChurnOptions(
    String labelColumn,
    String idColumn,
    ChurnModelKind kind,
    String positiveValue,
    long seed,
    int maxCategories,
    double l2) {

  public static final long DEFAULT_SEED = 42L;
  public static final int DEFAULT_MAX_CATEGORIES = 50;
  public static final double DEFAULT_L2 = 1.0;

  public ChurnOptions {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(positiveValue, "positiveValue");
    if (labelColumn == null || labelColumn.isBlank()) {
      throw TierwiseException.invalidConfig("the label column name is empty");
    }
    if (idColumn == null || idColumn.isBlank()) {
      throw TierwiseException.invalidConfig("the id column name is empty");
    }
    if (labelColumn.equals(idColumn)) {
      throw TierwiseException.invalidConfig(
          "the label and id columns are both '" + labelColumn + "'; they must differ");
    }
    if (maxCategories < 2) {
      throw TierwiseException.invalidConfig("max categories must be at least 2: " + maxCategories);
    }
    if (!(l2 >= 0) || Double.isInfinite(l2)) {
      throw TierwiseException.invalidConfig("l2 must be a finite number >= 0: " + l2);
    }
  }

  /** Logistic regression, recognised positive value, seed 42, at most 50 categories, l2 = 1. */
  public static ChurnOptions of(String labelColumn, String idColumn) {
    return new ChurnOptions(
        labelColumn,
        idColumn,
        ChurnModelKind.LOGISTIC,
        "",
        DEFAULT_SEED,
        DEFAULT_MAX_CATEGORIES,
        DEFAULT_L2);
  }

  public ChurnOptions withKind(ChurnModelKind newKind) {
    return new ChurnOptions(labelColumn, idColumn, newKind, positiveValue, seed, maxCategories, l2);
  }

  public ChurnOptions withPositiveValue(String value) {
    return new ChurnOptions(labelColumn, idColumn, kind, value, seed, maxCategories, l2);
  }

  public ChurnOptions withSeed(long newSeed) {
    return new ChurnOptions(labelColumn, idColumn, kind, positiveValue, newSeed, maxCategories, l2);
  }
}
