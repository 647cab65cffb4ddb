/**
 * Streaming ingest: reads customers, orders, events and surveys from CSV files (our format or a
 * user's own, through a {@link io.tierwise.ingest.SourceMapping}) or from any other {@link
 * io.tierwise.ingest.RowSource}, validates every row, keeps each unusable row in a rejects file
 * with its reason, and folds the rest into per-customer state whose size grows with customers and
 * their distinct purchase days, never with input rows.
 */
package io.tierwise.ingest;
