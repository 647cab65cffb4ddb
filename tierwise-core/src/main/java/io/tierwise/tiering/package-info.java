/**
 * Weighted composite tiers (C6): each policy dimension scores 0–100 as the customer's percentile
 * rank of one indicator, the composite score is their weighted mean, and the tier is the first
 * (best) tier whose minimum the score reaches. {@link io.tierwise.tiering.CompositeTierModel} also
 * states the gap to the next tier in the data's units: how much one dimension's indicator would
 * have to rise (or fall, for lower-is-better indicators) for the score to reach the next tier.
 */
package io.tierwise.tiering;
