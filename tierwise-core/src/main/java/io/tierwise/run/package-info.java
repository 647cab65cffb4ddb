/**
 * The classification run (tierwise run): ingest result → indicators → fit → classify → outputs,
 * with provenance. {@link io.tierwise.run.ClassificationRun} streams customers through
 * classification in chunks, in parallel, and writes {@code customers.csv}, {@code summary.json},
 * {@code model.json} (the fitted models) and {@code policy.yaml} (the policy used) so that {@link
 * io.tierwise.run.RunExplanation} can later re-apply the stored models to one customer and explain
 * every label. Same inputs and policy give the same bytes.
 */
package io.tierwise.run;
