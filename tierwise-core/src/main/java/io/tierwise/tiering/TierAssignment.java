package io.tierwise.tiering;

import java.util.Objects;

/**
 * A customer's tier.
 *
 * @param tierIndex position in the policy's tier list (0 = best)
 * @param tier tier name
 * @param score composite score 0–100, rounded to 2 decimals
 */
public record TierAssignment(int tierIndex, String tier, double score) {
  public TierAssignment {
    Objects.requireNonNull(tier, "tier");
  }
}
