/**
 * The classification run (tierwise run): ingest result → indicators → fit → classify → outputs,
 * with provenance. {@link io.tierwise.run.ClassificationRun} streams customers through
 * classification in chunks, in parallel, and writes {@code customers.csv}, {@code summary.json},
 * {@code model.json} (the fitted models) and {@code policy.yaml} (the policy used) so that {@link
 * io.tierwise.run.RunExplanation} can later re-apply the stored models to one customer and explain
 * every label. Clustering ({@code ClusterStage}) and churn ({@code ChurnStage}: train on history or
 * reuse a saved model, score, alerts ordered by expected value at risk, {@code ChurnCauses}) add
 * columns, {@code alerts.csv}, {@code churn-model.json} and {@code cluster-model.json}. Same inputs
 * and policy give the same bytes (the churn model file records its training time).
 */
package io.tierwise.run;
