package io.tierwise.churn;

/**
 * Where a churn model came from, enough to reproduce it.
 *
 * @param inputSha256 SHA-256 of the training file's bytes ("" for an in-memory table)
 * @param inputRows rows in the table
 * @param labelledRows rows with a non-blank label (the others were not used)
 * @param seed the seed of the split and of the tree learner
 * @param splitMethod how rows were split into train, validation and test
 * @param trainRows rows the model was fitted on
 * @param validationRows rows used for calibration and the threshold
 * @param testRows rows the evaluation was measured on
 * @param trainedAt ISO-8601 instant of training
 * @param toolVersion the Tierwise version that trained it
 */
public record TrainingProvenance(
    String inputSha256,
    int inputRows,
    int labelledRows,
    long seed,
    String splitMethod,
    int trainRows,
    int validationRows,
    int testRows,
    String trainedAt,
    String toolVersion) {}
