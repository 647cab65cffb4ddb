package io.tierwise.classify;

import java.util.Objects;

/**
 * Why a label was given: the model, the rule that decided (as written in the policy or the model),
 * and the customer's numbers it was applied to.
 *
 * @param model the label's model, e.g. {@code rfm_segment}
 * @param rule the rule, e.g. {@code r >= 4 && fm >= 4.0}
 * @param numbers the values the rule saw, e.g. {@code r=5 (recency_days=3 <= 12)}
 */
public record Reason(String model, String rule, String numbers) {
  public Reason {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(numbers, "numbers");
  }
}
