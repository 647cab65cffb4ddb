package io.tierwise.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tierwise.rules.RuleExpression.ResultType;
import io.tierwise.rules.RuleExpression.VariableType;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MemoizedRuleTest {

  private static RuleExpression rule(String source, Map<String, VariableType> variables) {
    return RuleExpression.compile(source, "test", ResultType.BOOLEAN, variables);
  }

  private static boolean plain(RuleExpression rule, Map<String, Object> values)
      throws RuleEvaluationException {
    return rule.evalBoolean(name -> Optional.ofNullable(values.get(name)));
  }

  private static boolean memo(MemoizedRule rule, Map<String, Object> values)
      throws RuleEvaluationException {
    return rule.evalBoolean(name -> Optional.ofNullable(values.get(name)));
  }

  @Test
  void givesCelsResultForEveryCombinationAndRemembersEachOnce() throws Exception {
    RuleExpression expression =
        rule(
            "(tier == 'Gold' || spend >= 2.5 * prior) && visits > 1",
            Map.of(
                "tier", VariableType.TEXT,
                "spend", VariableType.NUMBER,
                "prior", VariableType.NUMBER,
                "visits", VariableType.INTEGER,
                "unused", VariableType.NUMBER));
    MemoizedRule memoized = MemoizedRule.of(expression);
    Random random = new Random(7);
    List<String> tiers = List.of("Gold", "Silver", "");
    double[] amounts = {0.0, 1.0, 2.5, 4.0, Double.NaN};
    Set<List<Object>> combinations = new HashSet<>();
    int trues = 0;
    for (int i = 0; i < 5_000; i++) {
      Map<String, Object> values = new HashMap<>();
      values.put("tier", tiers.get(random.nextInt(tiers.size())));
      values.put("spend", amounts[random.nextInt(amounts.length)]);
      values.put("prior", amounts[random.nextInt(amounts.length)]);
      values.put("visits", (long) random.nextInt(3));
      values.put("unused", random.nextDouble()); // not read: must not split combinations
      boolean expected = plain(expression, values);
      assertThat(memo(memoized, values)).as("values %s", values).isEqualTo(expected);
      trues += expected ? 1 : 0;
      combinations.add(
          List.of(
              values.get("tier"), values.get("spend"), values.get("prior"), values.get("visits")));
    }
    assertThat(trues).isBetween(500, 4_500);
    assertThat(memoized.remembered()).isEqualTo(combinations.size());
  }

  // Read by position, as classification's customer variables are: positions differ from the
  // rule's order of names, and an unread variable sits in between.
  private static final List<String> NAMES = List.of("unused", "tier", "spend");

  private static ArrayVariables positioned(Object... values) {
    return new ArrayVariables(NAMES, values);
  }

  @Test
  void keysARuleOfNumbersOnlyByTheirBitsWithCelsResults() throws Exception {
    // math.least is outside what Translation covers: CEL evaluates it, so it is remembered
    RuleExpression expression =
        rule(
            "1.0 / unused > 0.0 || math.least(spend, 2.0) >= 2.0",
            Map.of("unused", VariableType.NUMBER, "spend", VariableType.NUMBER));
    MemoizedRule memoized = MemoizedRule.of(expression);
    double[] numbers = {0.0, -0.0, 1.0, 2.0, 3.5, Double.NaN, -1.0};
    Set<List<Double>> combinations = new HashSet<>();
    for (double first : numbers) {
      for (double spend : numbers) {
        ArrayVariables variables = positioned(first, "Gold", spend);
        assertThat(memoized.evalBoolean(variables))
            .as("unused=%s spend=%s", first, spend)
            .isEqualTo(expression.evalBoolean(variables));
        assertThat(memoized.evalBoolean(variables)).isEqualTo(expression.evalBoolean(variables));
        combinations.add(List.of(first, spend));
      }
    }
    // 0.0 and -0.0 are two combinations (1.0 / x tells them apart), all NaNs one
    assertThat(memoized.remembered()).isEqualTo(combinations.size()).isEqualTo(49);
  }

  @Test
  void translatedRulesReadByPositionAreEvaluatedNotRemembered() throws Exception {
    RuleExpression expression =
        rule(
            "1.0 / unused > 0.0 || spend >= 2.0",
            Map.of("unused", VariableType.NUMBER, "spend", VariableType.NUMBER));
    assertThat(expression.translated()).isTrue();
    MemoizedRule memoized = MemoizedRule.of(expression);
    double[] numbers = {0.0, -0.0, 1.0, 2.0, 3.5, Double.NaN, -1.0};
    for (double first : numbers) {
      for (double spend : numbers) {
        ArrayVariables variables = positioned(first, "Gold", spend);
        boolean cel = memo(memoized, Map.of("unused", first, "spend", spend));
        assertThat(memoized.evalBoolean(variables))
            .as("unused=%s spend=%s", first, spend)
            .isEqualTo(cel)
            .isEqualTo(1.0 / first > 0.0 || spend >= 2.0);
      }
    }
    // only the lookups by name (CEL) were remembered
    assertThat(memoized.remembered()).isEqualTo(49);
    assertThat(memoized.evalBoolean(positioned(7.0, "Gold", 8.0))).isTrue();
    assertThat(memoized.remembered()).isEqualTo(49);
  }

  @Test
  void readsPositionedVariablesByPositionWithTheSameResults() throws Exception {
    // matches is outside what Translation covers: CEL evaluates it, so it is remembered
    RuleExpression expression =
        rule(
            "spend > 2.0 && !tier.matches('^Gold')",
            Map.of("spend", VariableType.NUMBER, "tier", VariableType.TEXT));
    MemoizedRule memoized = MemoizedRule.of(expression);
    for (Object[] values :
        List.of(
            new Object[] {1.0, "Gold", 3.0},
            new Object[] {2.0, "Silver", 3.0},
            new Object[] {3.0, "Silver", 1.0},
            new Object[] {4.0, "Silver", 3.0})) {
      ArrayVariables variables = positioned(values);
      assertThat(memoized.evalBoolean(variables))
          .isEqualTo(expression.evalBoolean(variables))
          .isEqualTo((double) values[2] > 2.0 && !values[1].equals("Gold"));
    }
    assertThat(memoized.remembered()).isEqualTo(3); // the last is the second again
    // a value that cannot be a key (absent): CEL reports it, nothing is remembered
    assertThatThrownBy(() -> memoized.evalBoolean(positioned(0.0, null, 9.0)))
        .isInstanceOf(RuleEvaluationException.class);
    assertThat(memoized.remembered()).isEqualTo(3);
    // a resolver of another class, read by name, shares what was remembered
    assertThat(memo(memoized, Map.of("spend", 3.0, "tier", "Silver"))).isTrue();
    assertThat(memoized.evalBoolean(positioned(0.0, "Bronze", 9.0))).isTrue();
    assertThat(memoized.remembered()).isEqualTo(4);
  }

  @Test
  void keepsZeroAndNegativeZeroApart() throws Exception {
    MemoizedRule memoized =
        MemoizedRule.of(rule("1.0 / x > 0.0", Map.of("x", VariableType.NUMBER)));
    assertThat(memo(memoized, Map.of("x", 0.0))).isTrue();
    assertThat(memo(memoized, Map.of("x", -0.0))).isFalse();
    assertThat(memo(memoized, Map.of("x", 0.0))).isTrue();
    assertThat(memoized.remembered()).isEqualTo(2);
  }

  @Test
  void remembersAtMostItsCapacityAndStaysCorrectBeyondIt() throws Exception {
    RuleExpression expression = rule("x >= 100.0", Map.of("x", VariableType.NUMBER));
    MemoizedRule memoized = MemoizedRule.of(expression);
    for (int i = 0; i < MemoizedRule.CAPACITY + 500; i++) {
      double x = i % 200;
      x += i / 200 * 1000.0;
      assertThat(memo(memoized, Map.of("x", x))).isEqualTo(x >= 100.0);
    }
    assertThat(memoized.remembered()).isEqualTo(MemoizedRule.CAPACITY);
    assertThat(memo(memoized, Map.of("x", 99.5))).isFalse();
    assertThat(memo(memoized, Map.of("x", 1e12))).isTrue();
  }

  @Test
  void stopsLookingWhenTheValuesHardlyRepeatAndKeepsLookingWhenTheyDo() throws Exception {
    RuleExpression expression = rule("x >= 100.0", Map.of("x", VariableType.NUMBER));
    MemoizedRule continuous = MemoizedRule.of(expression);
    MemoizedRule repeating = MemoizedRule.of(expression);
    for (int i = 0; i < 3 * MemoizedRule.CAPACITY; i++) {
      double unique = i * 0.01; // never seen twice
      assertThat(memo(continuous, Map.of("x", unique))).isEqualTo(unique >= 100.0);
      // fills the table once, then only values already seen
      double seen = i < MemoizedRule.CAPACITY ? i : i % 1000;
      assertThat(memo(repeating, Map.of("x", seen))).isEqualTo(seen >= 100.0);
    }
    assertThat(continuous.bypassed()).isTrue();
    assertThat(repeating.bypassed()).isFalse();
    assertThat(memo(continuous, Map.of("x", 150.0))).isTrue(); // still CEL's answer
  }

  @Test
  void errorsAreNotRememberedAndStayErrors() throws Exception {
    MemoizedRule memoized =
        MemoizedRule.of(
            rule("n / d > 1", Map.of("n", VariableType.INTEGER, "d", VariableType.INTEGER)));
    for (int i = 0; i < 2; i++) {
      assertThatThrownBy(() -> memo(memoized, Map.of("n", 4L, "d", 0L)))
          .isInstanceOf(RuleEvaluationException.class)
          // CEL's text, or its own when the JVM has begun throwing a message-less exception
          .hasMessageMatching(".*(by zero|divide_int64).*");
    }
    assertThat(memoized.remembered()).isZero();
    assertThat(memo(memoized, Map.of("n", 4L, "d", 2L))).isTrue();
    assertThat(memoized.remembered()).isEqualTo(1);
  }

  @Test
  void aRuleReadingAMapIsEvaluatedEveryTime() throws Exception {
    MemoizedRule memoized =
        MemoizedRule.of(
            rule(
                "attributes['region'] == 'north' && x > 1.0",
                Map.of("attributes", VariableType.TEXT_MAP, "x", VariableType.NUMBER)));
    Map<String, Object> north = Map.of("attributes", Map.of("region", "north"), "x", 2.0);
    Map<String, Object> south = Map.of("attributes", Map.of("region", "south"), "x", 2.0);
    assertThat(memo(memoized, north)).isTrue();
    assertThat(memo(memoized, south)).isFalse();
    assertThat(memoized.remembered()).isZero();
  }

  @Test
  void onlyTrueFalseRulesCanBeMemoized() {
    RuleExpression number =
        RuleExpression.compile(
            "x * 2.0", "test", ResultType.NUMBER, Map.of("x", VariableType.NUMBER));
    assertThatThrownBy(() -> MemoizedRule.of(number))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("x * 2.0");
  }
}
