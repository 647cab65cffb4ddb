package io.tierwise.rules;

/**
 * An expression failed on one row or customer (e.g. {@code double("abc")}). Checked, because the
 * caller decides: ingest turns it into a reject, policies into a typed error naming the rule.
 */
public final class RuleEvaluationException extends Exception {
  private static final long serialVersionUID = 1L;

  public RuleEvaluationException(String message) {
    super(message);
  }
}
