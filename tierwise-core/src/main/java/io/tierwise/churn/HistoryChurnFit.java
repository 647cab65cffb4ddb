package io.tierwise.churn;

import io.tierwise.metrics.IndicatorTable;
import java.time.LocalDate;

/**
 * What training on histories produced: the model, the two periods, and the later period's customers
 * (indicators as of its start, observed label), kept for the churn-cause analysis.
 *
 * @param model the trained, calibrated, evaluated model
 * @param trainAsOf features of the training period are computed as of this day
 * @param validateAsOf features of the validation/test period are computed as of this day; the
 *     training labels end here
 * @param labelEnd the validation/test labels end here (the run's as-of date)
 * @param later indicators as of {@code validateAsOf} of the sampled later-period customers
 * @param laterLabels 1 when the customer bought nothing in (validateAsOf, labelEnd]
 * @param laterProbabilities the model's calibrated probabilities for them
 * @param testRows the rows of {@code later} in the test half (the others calibrated the model)
 * @param aucActive AUC on the test customers who bought in the year before {@code validateAsOf}
 *     (not already lapsed), NaN when a class is absent
 * @param testActiveCustomers how many such test customers
 */
public record HistoryChurnFit(
    ChurnModel model,
    LocalDate trainAsOf,
    LocalDate validateAsOf,
    LocalDate labelEnd,
    IndicatorTable later,
    int[] laterLabels,
    double[] laterProbabilities,
    int[] testRows,
    double aucActive,
    int testActiveCustomers) {}
