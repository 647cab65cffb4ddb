/**
 * The data quality report (brief D3): per source and field, coverage (share present), accuracy
 * (share valid), timeliness (age of the newest record at the as-of date), duplicates and rejects by
 * reason, checked against thresholds that can fail a run.
 */
package io.tierwise.quality;
