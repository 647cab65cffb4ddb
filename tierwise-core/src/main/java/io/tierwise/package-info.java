/**
 * Tierwise core: the pure domain and analytics. Capabilities live in sub-packages ({@code ingest},
 * {@code synth}, {@code metrics}, {@code clv}, {@code classify}, {@code churn}, ...); this package
 * holds only the error root shared by all of them.
 */
package io.tierwise;
