package io.tierwise.policy;

import io.tierwise.rules.RuleExpression;
import java.util.List;
import java.util.Objects;

/**
 * An ordered rule table: the first rule whose condition holds gives the label; when none holds the
 * customer gets {@link #defaultLabel()}. So every customer gets exactly one named label.
 *
 * @param key the policy key of the table (e.g. {@code needs})
 * @param rules rules in order
 * @param defaultLabel label when no rule holds
 */
public record RuleTable(String key, List<Rule> rules, String defaultLabel) {

  public RuleTable {
    Objects.requireNonNull(key, "key");
    rules = List.copyOf(rules);
    Objects.requireNonNull(defaultLabel, "defaultLabel");
  }

  /** Every label the table can give, rules first, the default last (distinct). */
  public List<String> labels() {
    return java.util.stream.Stream.concat(
            rules.stream().map(Rule::label), java.util.stream.Stream.of(defaultLabel))
        .distinct()
        .toList();
  }

  /**
   * One rule.
   *
   * @param label the label it gives
   * @param when its condition
   */
  public record Rule(String label, RuleExpression when) {
    public Rule {
      Objects.requireNonNull(label, "label");
      Objects.requireNonNull(when, "when");
    }
  }
}
