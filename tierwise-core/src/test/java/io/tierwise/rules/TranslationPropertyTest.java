package io.tierwise.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tierwise.rules.RuleExpression.ResultType;
import io.tierwise.rules.RuleExpression.VariableType;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/**
 * The Java translation of an expression gives CEL's result, on generated expressions of every
 * construct it covers and on values chosen to find the corners: NaN, -0.0, infinities, whole
 * numbers beyond 2^53, overflow, division by zero. Where CEL reports an error, the translation must
 * not give a value (it falls back to CEL).
 */
class TranslationPropertyTest {

  private static final Map<String, VariableType> VARIABLES = variables();
  private static final List<String> NAMES = List.copyOf(VARIABLES.keySet());

  private static Map<String, VariableType> variables() {
    Map<String, VariableType> variables = new LinkedHashMap<>();
    variables.put("x", VariableType.NUMBER);
    variables.put("y", VariableType.NUMBER);
    variables.put("i", VariableType.INTEGER);
    variables.put("j", VariableType.INTEGER);
    variables.put("s", VariableType.TEXT);
    variables.put("t", VariableType.TEXT);
    variables.put("b", VariableType.BOOLEAN);
    variables.put("row", VariableType.TEXT_MAP);
    return variables;
  }

  private static final double[] NUMBERS = {
    Double.NaN,
    0.0,
    -0.0,
    1.0,
    -1.0,
    2.5,
    3.0,
    Double.POSITIVE_INFINITY,
    Double.NEGATIVE_INFINITY,
    9007199254740992.0,
    1e308,
    Double.MIN_VALUE
  };
  private static final long[] WHOLES = {
    0, 1, -1, 2, 3, 7, Long.MAX_VALUE, Long.MIN_VALUE, 9007199254740993L, 4_000_000_000L
  };
  private static final String[] TEXTS = {
    "a",
    "b",
    "",
    "Gold",
    "k",
    "n",
    "Go",
    "\uD834\uDD1Ea",
    "1.5",
    "12",
    " 12",
    "-0",
    "NaN",
    "1e3",
    "0x1p3"
  };

  private static final List<String> ORDER = List.of("row", "t", "b", "j", "x", "s", "i", "y");

  /** Random values, read by position in an order unlike the declaration's. */
  private static ArrayVariables randomValues(Random random) {
    Object[] values = new Object[ORDER.size()];
    for (int p = 0; p < values.length; p++) {
      values[p] =
          switch (VARIABLES.get(ORDER.get(p))) {
            case NUMBER ->
                random.nextInt(4) == 0
                    ? random.nextGaussian() * 10
                    : NUMBERS[random.nextInt(NUMBERS.length)];
            case INTEGER ->
                random.nextInt(4) == 0
                    ? (long) random.nextInt(21) - 10
                    : WHOLES[random.nextInt(WHOLES.length)];
            case TEXT -> TEXTS[random.nextInt(TEXTS.length)];
            case BOOLEAN -> random.nextBoolean();
            case TEXT_MAP ->
                List.<Map<String, String>>of(
                        Map.of("k", "v"), Map.of(), Map.of("k", "a", "n", "Gold"))
                    .get(random.nextInt(3));
          };
    }
    return new ArrayVariables(ORDER, values);
  }

  private static Map<String, Object> byName(ArrayVariables values) {
    Map<String, Object> byName = new HashMap<>();
    for (int p = 0; p < values.values().length; p++) {
      byName.put(ORDER.get(p), values.values()[p]);
    }
    return byName;
  }

  /** Random well-typed expressions of the covered constructs. */
  private static final class Generator {
    private final Random random;

    Generator(Random random) {
      this.random = random;
    }

    String bool(int depth) {
      int choice = random.nextInt(depth <= 0 ? 3 : 19);
      return switch (choice) {
        case 0 -> "b";
        case 1 -> random.nextBoolean() ? "true" : "false";
        case 2 -> "(" + real(0) + " " + ordering() + " " + real(0) + ")";
        case 3 -> "(" + real(depth - 1) + " " + ordering() + " " + real(depth - 1) + ")";
        case 4 -> "(" + whole(depth - 1) + " " + ordering() + " " + whole(depth - 1) + ")";
        case 5 -> "(" + real(depth - 1) + " " + ordering() + " " + whole(depth - 1) + ")";
        case 6 -> "(" + whole(depth - 1) + " " + ordering() + " " + real(depth - 1) + ")";
        case 7 -> "(" + real(depth - 1) + " " + equality() + " " + real(depth - 1) + ")";
        case 8 -> "(" + whole(depth - 1) + " " + equality() + " " + whole(depth - 1) + ")";
        case 9 -> "(" + text(depth - 1) + " " + equality() + " " + text(depth - 1) + ")";
        case 10 -> "(" + bool(depth - 1) + " " + equality() + " " + bool(depth - 1) + ")";
        case 11 -> "!" + bool(depth - 1);
        case 12 -> "(" + bool(depth - 1) + " && " + bool(depth - 1) + ")";
        case 13 -> "(" + bool(depth - 1) + " || " + bool(depth - 1) + ")";
        case 14 -> "(" + bool(depth - 1) + " ? " + bool(depth - 1) + " : " + bool(depth - 1) + ")";
        case 15 -> "(" + text(depth - 1) + " in row)";
        case 16 ->
            text(depth - 1)
                + List.of(".startsWith(", ".endsWith(", ".contains(").get(random.nextInt(3))
                + text(depth - 1)
                + ")";
        default ->
            random.nextBoolean()
                ? "(" + text(depth - 1) + " in ['a', 'Gold', 'c'])"
                : "(" + whole(depth - 1) + " in [1, 3, -10])";
      };
    }

    String real(int depth) {
      int choice = random.nextInt(depth <= 0 ? 2 : 6);
      return switch (choice) {
        case 0 -> random.nextBoolean() ? "x" : "y";
        case 4 ->
            random.nextBoolean()
                ? "double(" + text(depth - 1) + ")"
                : "double(" + whole(depth - 1) + ")";
        case 1 -> List.of("0.0", "1.0", "2.5", "0.5", "1e300", "3.0").get(random.nextInt(6));
        case 2 -> "(" + real(depth - 1) + " " + arithmetic() + " " + real(depth - 1) + ")";
        case 3 -> "-" + real(depth - 1);
        default -> "(" + bool(depth - 1) + " ? " + real(depth - 1) + " : " + real(depth - 1) + ")";
      };
    }

    String whole(int depth) {
      int choice = random.nextInt(depth <= 0 ? 2 : 7);
      return switch (choice) {
        case 0 -> random.nextBoolean() ? "i" : "j";
        case 1 ->
            List.of("0", "1", "2", "3", "9223372036854775807", "4000000000").get(random.nextInt(6));
        case 2 ->
            "("
                + whole(depth - 1)
                + " "
                + List.of("+", "-", "*", "/", "%").get(random.nextInt(5))
                + " "
                + whole(depth - 1)
                + ")";
        case 3 -> "-" + whole(depth - 1);
        case 4 ->
            random.nextBoolean() ? "size(" + text(depth - 1) + ")" : text(depth - 1) + ".size()";
        case 5 -> "int(" + text(depth - 1) + ")";
        default ->
            "(" + bool(depth - 1) + " ? " + whole(depth - 1) + " : " + whole(depth - 1) + ")";
      };
    }

    String text(int depth) {
      int choice = random.nextInt(depth <= 0 ? 2 : 4);
      return switch (choice) {
        case 0 -> random.nextBoolean() ? "s" : "t";
        case 1 -> "'" + TEXTS[random.nextInt(TEXTS.length)] + "'";
        case 2 -> "row[" + text(depth - 1) + "]";
        default -> "(" + bool(depth - 1) + " ? " + text(depth - 1) + " : " + text(depth - 1) + ")";
      };
    }

    private String ordering() {
      return List.of("<", "<=", ">", ">=").get(random.nextInt(4));
    }

    private String equality() {
      return random.nextBoolean() ? "==" : "!=";
    }

    private String arithmetic() {
      return List.of("+", "-", "*", "/").get(random.nextInt(4));
    }
  }

  @Property(tries = 400)
  void trueFalseExpressionsGiveCelsResult(@ForAll long seed) throws Exception {
    Random random = new Random(seed);
    String source = new Generator(random).bool(1 + random.nextInt(3));
    RuleExpression rule = RuleExpression.compile(source, "test", ResultType.BOOLEAN, VARIABLES);
    assertThat(rule.translated()).as(source).isTrue();
    for (int k = 0; k < 40; k++) {
      ArrayVariables values = randomValues(random);
      Object cel = celResult(rule, values);
      Optional<Object> translated = translatedResult(rule, values);
      if (cel instanceof RuleEvaluationException) {
        assertThat(translated).as("%s with %s: CEL says %s", source, byName(values), cel).isEmpty();
      } else if (translated.isPresent()) {
        assertThat(translated.get()).as("%s with %s", source, byName(values)).isEqualTo(cel);
      }
      // whichever path it takes, the public evaluation is CEL's, by position and by name
      assertThat(publicResult(rule, values, true)).as(source).isEqualTo(describe(cel));
      assertThat(describe(mapResult(rule, values))).as(source).isEqualTo(describe(cel));
    }
  }

  @Property(tries = 200)
  void numberExpressionsGiveCelsResult(@ForAll long seed) throws Exception {
    Random random = new Random(seed);
    Generator generator = new Generator(random);
    String source = random.nextBoolean() ? generator.real(3) : generator.whole(3);
    RuleExpression rule = RuleExpression.compile(source, "test", ResultType.NUMBER, VARIABLES);
    assertThat(rule.translated()).as(source).isTrue();
    for (int k = 0; k < 40; k++) {
      ArrayVariables values = randomValues(random);
      Object cel = celResult(rule, values);
      if (cel instanceof Long whole) {
        cel = (double) whole;
      }
      Optional<Object> translated = translatedResult(rule, values);
      if (cel instanceof RuleEvaluationException) {
        assertThat(translated).as("%s with %s: CEL says %s", source, byName(values), cel).isEmpty();
      } else if (translated.isPresent()) {
        // Double.equals: NaN equals NaN, 0.0 and -0.0 apart
        assertThat(translated.get()).as("%s with %s", source, byName(values)).isEqualTo(cel);
      }
      assertThat(publicResult(rule, values, false)).as(source).isEqualTo(describe(cel));
    }
  }

  @Test
  void expressionsOutsideThePartAreLeftToCel() {
    for (String source :
        List.of(
            "row == row",
            "s.matches('G.*')",
            "s.lowerAscii() == 'g'",
            "math.least(x, y) > 1.0",
            "s < t",
            "x in [1.0, 2.0]",
            "uint(i) > 1u",
            "int(x) > i")) {
      assertThat(RuleExpression.compile(source, "test", ResultType.BOOLEAN, VARIABLES).translated())
          .as(source)
          .isFalse();
    }
  }

  @Test
  void theFallbackGivesCelsErrorAndItsAbsorption() throws Exception {
    RuleExpression overflow =
        RuleExpression.compile("i * 2 > 0 && b", "test", ResultType.BOOLEAN, VARIABLES);
    ArrayVariables big = valuesWith(Long.MAX_VALUE, false);
    // CEL's && gives false when either side is false, even if the other is an error
    assertThat(overflow.evalBoolean(big)).isFalse();
    ArrayVariables bigTrue = valuesWith(Long.MAX_VALUE, true);
    assertThatThrownBy(() -> overflow.evalBoolean(bigTrue))
        .isInstanceOf(RuleEvaluationException.class)
        .hasMessageContaining("overflow");
    assertThat(overflow.evalBoolean(valuesWith(3, true))).isTrue();
  }

  private static ArrayVariables valuesWith(long i, boolean b) {
    Object[] values = {Map.of(), "a", b, 0L, 1.0, "a", i, 2.0};
    return new ArrayVariables(ORDER, values);
  }

  private static Object celResult(RuleExpression rule, ArrayVariables values) {
    try {
      Map<String, Object> byName = byName(values);
      return rule.evalWithCel(name -> Optional.ofNullable(byName.get(name)));
    } catch (RuleEvaluationException e) {
      return e;
    }
  }

  private static Object mapResult(RuleExpression rule, ArrayVariables values) {
    try {
      return rule.eval(byName(values));
    } catch (RuleEvaluationException e) {
      return e;
    }
  }

  private static Optional<Object> translatedResult(RuleExpression rule, ArrayVariables values) {
    Translation translation = rule.translation();
    int[] at = translation.positionsIn(values);
    try {
      return Optional.of(
          translation.isBoolean()
              ? (Object) translation.evalBoolean(values, at)
              : (Object) translation.evalNumber(values, at));
    } catch (Translation.Fallback fallback) {
      return Optional.empty();
    }
  }

  /**
   * What the public API gives through the positioned path, any error as "error": the text of CEL's
   * own messages can differ between two evaluations once the JVM throws its preallocated
   * ArithmeticException without a message (OmitStackTraceInFastThrow).
   */
  private static String publicResult(RuleExpression rule, ArrayVariables values, boolean bool) {
    try {
      return String.valueOf(bool ? rule.evalBoolean(values) : rule.evalNumber(values));
    } catch (RuleEvaluationException e) {
      return "error";
    }
  }

  private static String describe(Object cel) {
    return cel instanceof RuleEvaluationException ? "error" : cel.toString();
  }
}
