/** Benchmarks and peer comparisons, run by the scripts in {@code bench/}; never a test gate. */
package io.tierwise.bench;
