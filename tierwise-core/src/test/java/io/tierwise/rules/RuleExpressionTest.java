package io.tierwise.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.tierwise.rules.RuleExpression.ResultType;
import io.tierwise.rules.RuleExpression.VariableType;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuleExpressionTest {

  @Test
  void readsNamesTheDeclaredVariablesUsedAndNothingElse() {
    RuleExpression expression =
        RuleExpression.compile(
            "b > 1.0 && [1.0, 2.0][0] < a && name.startsWith('x') && 'b' != name",
            "test",
            ResultType.BOOLEAN,
            Map.of(
                "a", VariableType.NUMBER,
                "b", VariableType.NUMBER,
                "name", VariableType.TEXT,
                "unused", VariableType.NUMBER));
    assertThat(expression.reads())
        .containsExactly(
            Map.entry("a", VariableType.NUMBER),
            Map.entry("b", VariableType.NUMBER),
            Map.entry("name", VariableType.TEXT));
  }

  @Test
  void aConstantExpressionReadsNothing() {
    RuleExpression expression =
        RuleExpression.compile(
            "1.0 < 2.0", "test", ResultType.BOOLEAN, Map.of("a", VariableType.NUMBER));
    assertThat(expression.reads()).isEmpty();
  }
}
