/**
 * Explainable classification (C1–C5, C9): ABC / Pareto classes, RFM scores and named segments,
 * value tier, behaviour group, needs type, relationship class, activity status, lifecycle stage and
 * tags. Population-dependent pieces (ABC thresholds, RFM cut points, percentile scales) are fitted
 * once by {@link io.tierwise.classify.ClassificationTrainer} into an immutable {@link
 * io.tierwise.classify.ClassificationModel}, which then classifies each customer independently and
 * thread-safely. Every label can be explained: pass a collecting {@link
 * io.tierwise.classify.Reasons} and each rule that decided it reports itself with its numbers.
 */
package io.tierwise.classify;
