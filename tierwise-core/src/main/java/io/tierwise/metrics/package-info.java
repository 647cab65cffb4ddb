/**
 * Customer indicators (M1 RFM, M2 value, M4 behaviour, M5 loyalty, M6 strategic scores): one
 * definition each in {@link io.tierwise.metrics.Indicator}, computed by the pure {@link
 * io.tierwise.metrics.IndicatorFunction} from a {@link io.tierwise.ingest.CustomerHistory}, an
 * as-of day and the policy's windows, and collected column-wise in an {@link
 * io.tierwise.metrics.IndicatorTable}. {@link io.tierwise.metrics.PercentileScale} is the fitted
 * population distribution of one indicator. Everything here is immutable once built and safe to use
 * from any thread; the function is what Spark executors call.
 */
package io.tierwise.metrics;
