/**
 * Churn risk: learn once, score many times, from a labelled customer table or from the customers'
 * own histories ({@link io.tierwise.churn.HistoryChurnTrainer}: features as of a past day, label =
 * no purchase in the following horizon, the earlier period trains and the later one calibrates and
 * tests). Both trainers fit through one core ({@code ChurnFit}).
 *
 * <p>The data flow is the usual one of a trainer and an immutable model:
 *
 * <ol>
 *   <li>{@link io.tierwise.churn.LabelledTable} reads a CSV (one row per customer: an id column, a
 *       label column and attribute columns) and fingerprints the file.
 *   <li>{@link io.tierwise.churn.ChurnTrainer} splits the rows (stratified, seeded 60/20/20 into
 *       train, validation and test), infers the schema on the training rows, fits a {@link
 *       io.tierwise.churn.FeatureEncoder}, fits the model (L2 logistic regression or XGBoost
 *       gradient-boosted trees), calibrates its probabilities with Platt scaling and picks the
 *       alert threshold on the validation rows, and measures everything on the untouched test rows
 *       ({@link io.tierwise.churn.ChurnEvaluation}).
 *   <li>{@link io.tierwise.churn.ChurnModel} is the immutable result: it checks a new table's
 *       schema before any work, scores every row, explains a row per original column, and saves to
 *       / loads from a versioned JSON file.
 * </ol>
 *
 * <p>Nothing here does I/O other than reading the table and the model file; no CLI, database or web
 * types appear.
 */
package io.tierwise.churn;
