package io.tierwise.rules;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.ast.CelConstant;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.ast.CelReference;
import io.tierwise.rules.RuleExpression.VariableType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A type-checked CEL expression of the part of the language policies mostly use, as a tree of Java
 * nodes that gives CEL's result without CEL's interpreter (ADR 0002, amendment 2).
 *
 * <p>The part: constants and variables that are numbers ({@code double}), whole numbers ({@code
 * int}), text and true/false; comparisons; arithmetic; {@code !}, {@code &&}, {@code ||}, {@code ?
 * :}; {@code in} over a list of text or whole-number constants; a text map's {@code key in map} and
 * {@code map[key]} (the customer's attributes); and text's {@code startsWith}, {@code endsWith},
 * {@code contains} and {@code size}, and the conversions {@code double(text)}, {@code int(text)}
 * and {@code double(int)} (mappings' row rules and derived columns). Each call is translated by the
 * overload the CEL checker chose for it, with CEL's semantics for that overload: IEEE arithmetic
 * for numbers, {@code ==} that tells 0.0 from -0.0, and number-against-whole comparisons that order
 * NaN above everything and -0.0 below 0, as {@link Double#compare} does. An expression with
 * anything else is not translated and CEL evaluates it.
 *
 * <p>Where CEL would report an error (whole-number overflow or division by zero, a missing map key,
 * a variable of the wrong type), or where its answer depends on more than the values (see {@link
 * #equal}), evaluation throws {@link Fallback} and the caller lets CEL evaluate the expression from
 * the start: CEL has no side effects, so the result is CEL's own, error included. Results are
 * checked against CEL's on generated expressions and values ({@code TranslationPropertyTest}).
 * Immutable and thread-safe.
 */
final class Translation {

  /** CEL must evaluate this expression for these values; never carries a stack trace. */
  static final class Fallback extends Exception {
    private static final long serialVersionUID = 1L;
    static final Fallback INSTANCE = new Fallback();

    private Fallback() {
      super("evaluate with CEL", null, false, false);
    }
  }

  /** A true/false node. */
  @FunctionalInterface
  interface Bool {
    boolean eval(PositionedVariables variables, int[] at) throws Fallback;
  }

  /** A number ({@code double}) node. */
  @FunctionalInterface
  interface Real {
    double eval(PositionedVariables variables, int[] at) throws Fallback;
  }

  /** A whole-number ({@code int}) node. */
  @FunctionalInterface
  interface Whole {
    long eval(PositionedVariables variables, int[] at) throws Fallback;
  }

  /** A text node. */
  @FunctionalInterface
  interface Text {
    String eval(PositionedVariables variables, int[] at) throws Fallback;
  }

  /** A text-to-text map node (a variable such as the customer's attributes). */
  @FunctionalInterface
  interface TextMap {
    Map<?, ?> eval(PositionedVariables variables, int[] at) throws Fallback;
  }

  private final Object root; // a node of any kind; RuleExpression keeps Bool, Real and Whole roots
  private final String[] names; // the variables read; node slot i reads at[i]

  private Translation(Object root, String[] names) {
    this.root = root;
    this.names = names;
  }

  /**
   * The translation of a checked expression, or empty if it uses anything outside the part. The
   * caller keeps only translations whose root gives the expression's result type.
   */
  static Optional<Translation> of(CelAbstractSyntaxTree ast, Map<String, VariableType> declared) {
    Translator translator = new Translator(ast, declared);
    Object root = translator.node(ast.getExpr());
    if (root == null) {
      return Optional.empty();
    }
    return Optional.of(new Translation(root, translator.slots.keySet().toArray(String[]::new)));
  }

  /** The variables read, in slot order. */
  String[] names() {
    return names.clone();
  }

  /** Whether the expression gives true/false. */
  boolean isBoolean() {
    return root instanceof Bool;
  }

  /** Whether the expression gives a number or a whole number. */
  boolean isNumber() {
    return root instanceof Real || root instanceof Whole;
  }

  /**
   * The positions of the variables read in this class of resolver, or null if it lacks one (CEL
   * then reports it).
   */
  int[] positionsIn(PositionedVariables variables) {
    int[] at = new int[names.length];
    for (int i = 0; i < names.length; i++) {
      at[i] = variables.position(names[i]);
      if (at[i] < 0) {
        return null;
      }
    }
    return at;
  }

  /** Positions 0, 1, ... for a resolver that holds the variables in {@link #names()} order. */
  static int[] inOrder(String[] names) {
    int[] at = new int[names.length];
    for (int i = 0; i < at.length; i++) {
      at[i] = i;
    }
    return at;
  }

  /** The result as CEL gives it: a Boolean, Double or Long. */
  Object evalValue(PositionedVariables variables, int[] at) throws Fallback {
    if (root instanceof Bool bool) {
      return bool.eval(variables, at);
    }
    if (root instanceof Whole whole) {
      return whole.eval(variables, at);
    }
    return ((Real) root).eval(variables, at);
  }

  boolean evalBoolean(PositionedVariables variables, int[] at) throws Fallback {
    return ((Bool) root).eval(variables, at);
  }

  double evalNumber(PositionedVariables variables, int[] at) throws Fallback {
    if (root instanceof Whole whole) {
      return whole.eval(variables, at);
    }
    return ((Real) root).eval(variables, at);
  }

  /**
   * CEL's {@code ==} on doubles: 0.0 and -0.0 apart. With a NaN, CEL-Java's answer depends on
   * whether the two values are the same boxed object (a NaN equals itself, not another NaN), which
   * unboxed numbers cannot tell: CEL decides.
   */
  static boolean equal(double a, double b) throws Fallback {
    if (Double.isNaN(a) || Double.isNaN(b)) {
      throw Fallback.INSTANCE;
    }
    return Double.doubleToLongBits(a) == Double.doubleToLongBits(b);
  }

  /** Builds nodes from the checked AST; null where the expression leaves the translated part. */
  private static final class Translator {
    private final CelAbstractSyntaxTree ast;
    private final Map<String, VariableType> declared;
    private final Map<String, Integer> slots = new LinkedHashMap<>();

    Translator(CelAbstractSyntaxTree ast, Map<String, VariableType> declared) {
      this.ast = ast;
      this.declared = declared;
    }

    Object node(CelExpr expr) {
      return switch (expr.getKind()) {
        case CONSTANT -> constant(expr.constant());
        case IDENT -> variable(expr);
        case CALL -> call(expr);
        default -> null;
      };
    }

    private static Object constant(CelConstant constant) {
      return switch (constant.getKind()) {
        case BOOLEAN_VALUE -> {
          boolean value = constant.booleanValue();
          yield (Bool) (v, at) -> value;
        }
        case INT64_VALUE -> {
          long value = constant.int64Value();
          yield (Whole) (v, at) -> value;
        }
        case DOUBLE_VALUE -> {
          double value = constant.doubleValue();
          yield (Real) (v, at) -> value;
        }
        case STRING_VALUE -> {
          String value = constant.stringValue();
          yield (Text) (v, at) -> value;
        }
        default -> null;
      };
    }

    private Object variable(CelExpr expr) {
      String name = expr.ident().name();
      Optional<CelReference> reference = ast.getReference(expr.id());
      VariableType type = declared.get(name);
      if (type == null
          || reference.isEmpty()
          || !reference.get().overloadIds().isEmpty()
          || !reference.get().name().equals(name)) {
        return null;
      }
      int slot = slots.computeIfAbsent(name, key -> slots.size());
      return switch (type) {
        case NUMBER -> (Real) (v, at) -> v.numberAt(at[slot]);
        case INTEGER ->
            (Whole) (v, at) -> v.valueAt(at[slot]) instanceof Long value ? value : fail();
        case TEXT -> (Text) (v, at) -> v.valueAt(at[slot]) instanceof String value ? value : fail();
        case BOOLEAN ->
            (Bool) (v, at) -> v.valueAt(at[slot]) instanceof Boolean value ? value : fail();
        case TEXT_MAP ->
            (TextMap) (v, at) -> v.valueAt(at[slot]) instanceof Map<?, ?> value ? value : fail();
      };
    }

    private static <T> T fail() throws Fallback {
      throw Fallback.INSTANCE;
    }

    private Object call(CelExpr expr) {
      CelExpr.CelCall call = expr.call();
      Optional<CelReference> reference = ast.getReference(expr.id());
      if (reference.isEmpty() || reference.get().overloadIds().size() != 1) {
        return null;
      }
      String overload = reference.get().overloadIds().get(0);
      // a receiver call (s.startsWith(p)) takes its receiver as the first argument
      List<CelExpr> operands = new ArrayList<>();
      call.target().ifPresent(operands::add);
      operands.addAll(call.args());
      List<Object> args = new ArrayList<>();
      for (CelExpr arg : operands) {
        if (overload.equals("in_list") && arg.getKind() == CelExpr.ExprKind.Kind.LIST) {
          args.add(arg); // the list itself is read as constants below
          continue;
        }
        Object node = node(arg);
        if (node == null) {
          return null;
        }
        args.add(node);
      }
      return switch (args.size()) {
        case 1 -> unary(overload, args.get(0));
        case 2 -> binary(overload, args.get(0), args.get(1));
        case 3 -> overload.equals("conditional") ? conditional(args) : null;
        default -> null;
      };
    }

    private static Object unary(String overload, Object a) {
      // conversions: CEL-Java's are Java's parsers (checked with odd inputs: "0x1p3", "1d",
      // " 12", "NaN"); text that does not parse is CEL's error
      if (overload.equals("string_to_double") && a instanceof Text x) {
        return (Real) (v, at) -> parseDouble(x.eval(v, at));
      }
      if (overload.equals("string_to_int64") && a instanceof Text x) {
        return (Whole) (v, at) -> parseLong(x.eval(v, at));
      }
      if (overload.equals("int64_to_double") && a instanceof Whole x) {
        return (Real) (v, at) -> (double) x.eval(v, at);
      }
      if ((overload.equals("size_string") || overload.equals("string_size"))
          && a instanceof Text x) {
        return (Whole) (v, at) -> codePoints(x.eval(v, at)); // CEL counts code points
      }
      if (overload.equals("logical_not") && a instanceof Bool x) {
        return (Bool) (v, at) -> !x.eval(v, at);
      }
      if (overload.equals("negate_double") && a instanceof Real x) {
        return (Real) (v, at) -> -x.eval(v, at);
      }
      if (overload.equals("negate_int64") && a instanceof Whole x) {
        return (Whole) (v, at) -> negateExact(x.eval(v, at));
      }
      return null;
    }

    private static Object conditional(List<Object> args) {
      if (!(args.get(0) instanceof Bool condition)) {
        return null;
      }
      Object yes = args.get(1);
      Object no = args.get(2);
      if (yes instanceof Bool a && no instanceof Bool b) {
        return (Bool) (v, at) -> condition.eval(v, at) ? a.eval(v, at) : b.eval(v, at);
      }
      if (yes instanceof Real a && no instanceof Real b) {
        return (Real) (v, at) -> condition.eval(v, at) ? a.eval(v, at) : b.eval(v, at);
      }
      if (yes instanceof Whole a && no instanceof Whole b) {
        return (Whole) (v, at) -> condition.eval(v, at) ? a.eval(v, at) : b.eval(v, at);
      }
      if (yes instanceof Text a && no instanceof Text b) {
        return (Text) (v, at) -> condition.eval(v, at) ? a.eval(v, at) : b.eval(v, at);
      }
      return null; // branches of different types: a dyn result CEL decides
    }

    private Object binary(String overload, Object a, Object b) {
      return switch (overload) {
        case "logical_and" ->
            a instanceof Bool x && b instanceof Bool y
                ? (Bool) (v, at) -> x.eval(v, at) && y.eval(v, at)
                : null;
        case "logical_or" ->
            a instanceof Bool x && b instanceof Bool y
                ? (Bool) (v, at) -> x.eval(v, at) || y.eval(v, at)
                : null;
        case "equals" -> equality(a, b, false);
        case "not_equals" -> equality(a, b, true);
        case "in_list" -> b instanceof CelExpr list ? inList(a, list) : null;
        case "starts_with_string" ->
            a instanceof Text x && b instanceof Text y
                ? (Bool) (v, at) -> x.eval(v, at).startsWith(y.eval(v, at))
                : null;
        case "ends_with_string" ->
            a instanceof Text x && b instanceof Text y
                ? (Bool) (v, at) -> x.eval(v, at).endsWith(y.eval(v, at))
                : null;
        case "contains_string" ->
            a instanceof Text x && b instanceof Text y
                ? (Bool) (v, at) -> x.eval(v, at).contains(y.eval(v, at))
                : null;
        case "in_map" ->
            a instanceof Text key && b instanceof TextMap map
                ? (Bool) (v, at) -> map.eval(v, at).containsKey(key.eval(v, at))
                : null;
        case "index_map" ->
            a instanceof TextMap map && b instanceof Text key
                ? (Text)
                    (v, at) ->
                        map.eval(v, at).get(key.eval(v, at)) instanceof String value
                            ? value
                            : fail()
                : null;
        default ->
            overload.startsWith("less_") || overload.startsWith("greater_")
                ? ordering(overload, a, b)
                : arithmetic(overload, a, b);
      };
    }

    private static Object equality(Object a, Object b, boolean negate) {
      Bool equal;
      if (a instanceof Real x && b instanceof Real y) {
        equal = (v, at) -> equal(x.eval(v, at), y.eval(v, at));
      } else if (a instanceof Whole x && b instanceof Whole y) {
        equal = (v, at) -> x.eval(v, at) == y.eval(v, at);
      } else if (a instanceof Text x && b instanceof Text y) {
        equal = (v, at) -> x.eval(v, at).equals(y.eval(v, at));
      } else if (a instanceof Bool x && b instanceof Bool y) {
        equal = (v, at) -> x.eval(v, at) == y.eval(v, at);
      } else {
        return null;
      }
      return negate ? (Bool) (v, at) -> !equal.eval(v, at) : equal;
    }

    /** {@code x in [constants]} for text and whole numbers. */
    private static Object inList(Object a, CelExpr list) {
      if (list.getKind() != CelExpr.ExprKind.Kind.LIST
          || !list.list().optionalIndices().isEmpty()) {
        return null;
      }
      Set<Object> members = new HashSet<>();
      for (CelExpr element : list.list().elements()) {
        if (element.getKind() != CelExpr.ExprKind.Kind.CONSTANT) {
          return null;
        }
        CelConstant constant = element.constant();
        if (a instanceof Text && constant.getKind() == CelConstant.Kind.STRING_VALUE) {
          members.add(constant.stringValue());
        } else if (a instanceof Whole && constant.getKind() == CelConstant.Kind.INT64_VALUE) {
          members.add(constant.int64Value());
        } else {
          return null;
        }
      }
      Set<Object> set = Set.copyOf(members);
      if (a instanceof Text x) {
        return (Bool) (v, at) -> set.contains(x.eval(v, at));
      }
      Whole x = (Whole) a;
      return (Bool) (v, at) -> set.contains(x.eval(v, at));
    }

    private static Object ordering(String overload, Object a, Object b) {
      for (Comparison comparison : Comparison.values()) {
        if (!overload.startsWith(comparison.prefix)) {
          continue;
        }
        return switch (overload.substring(comparison.prefix.length())) {
          case "double" ->
              a instanceof Real x && b instanceof Real y
                  ? (Bool) (v, at) -> comparison.plain(x.eval(v, at), y.eval(v, at))
                  : null;
          case "int64" ->
              a instanceof Whole x && b instanceof Whole y
                  ? (Bool) (v, at) -> comparison.holds(Long.compare(x.eval(v, at), y.eval(v, at)))
                  : null;
          case "double_int64" ->
              a instanceof Real x && b instanceof Whole y
                  ? (Bool) (v, at) -> comparison.holds(Double.compare(x.eval(v, at), y.eval(v, at)))
                  : null;
          case "int64_double" ->
              a instanceof Whole x && b instanceof Real y
                  ? (Bool) (v, at) -> comparison.holds(Double.compare(x.eval(v, at), y.eval(v, at)))
                  : null;
          default -> null;
        };
      }
      return null;
    }

    private static Object arithmetic(String overload, Object a, Object b) {
      if (a instanceof Real x && b instanceof Real y) {
        return switch (overload) {
          case "add_double" -> (Real) (v, at) -> x.eval(v, at) + y.eval(v, at);
          case "subtract_double" -> (Real) (v, at) -> x.eval(v, at) - y.eval(v, at);
          case "multiply_double" -> (Real) (v, at) -> x.eval(v, at) * y.eval(v, at);
          case "divide_double" -> (Real) (v, at) -> x.eval(v, at) / y.eval(v, at);
          default -> null;
        };
      }
      if (a instanceof Whole x && b instanceof Whole y) {
        return switch (overload) {
          case "add_int64" -> (Whole) (v, at) -> addExact(x.eval(v, at), y.eval(v, at));
          case "subtract_int64" -> (Whole) (v, at) -> subtractExact(x.eval(v, at), y.eval(v, at));
          case "multiply_int64" -> (Whole) (v, at) -> multiplyExact(x.eval(v, at), y.eval(v, at));
          case "divide_int64" -> (Whole) (v, at) -> divide(x.eval(v, at), y.eval(v, at));
          case "modulo_int64" -> (Whole) (v, at) -> modulo(x.eval(v, at), y.eval(v, at));
          default -> null;
        };
      }
      return null;
    }
  }

  /** The four orderings, by the prefix of their overloads (longest first: it is matched first). */
  private enum Comparison {
    LESS_EQUALS("less_equals_"),
    GREATER_EQUALS("greater_equals_"),
    LESS("less_"),
    GREATER("greater_");

    final String prefix;

    Comparison(String prefix) {
      this.prefix = prefix;
    }

    /** Java's operators on doubles: false whenever a NaN takes part. */
    boolean plain(double a, double b) {
      return switch (this) {
        case LESS -> a < b;
        case LESS_EQUALS -> a <= b;
        case GREATER -> a > b;
        case GREATER_EQUALS -> a >= b;
      };
    }

    /** From a three-way comparison. */
    boolean holds(int compared) {
      return switch (this) {
        case LESS -> compared < 0;
        case LESS_EQUALS -> compared <= 0;
        case GREATER -> compared > 0;
        case GREATER_EQUALS -> compared >= 0;
      };
    }
  }

  private static double parseDouble(String text) throws Fallback {
    try {
      return Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw Fallback.INSTANCE;
    }
  }

  private static long parseLong(String text) throws Fallback {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw Fallback.INSTANCE;
    }
  }

  private static long codePoints(String text) {
    return text.codePointCount(0, text.length());
  }

  private static long addExact(long a, long b) throws Fallback {
    try {
      return Math.addExact(a, b);
    } catch (ArithmeticException overflow) {
      throw Fallback.INSTANCE;
    }
  }

  private static long subtractExact(long a, long b) throws Fallback {
    try {
      return Math.subtractExact(a, b);
    } catch (ArithmeticException overflow) {
      throw Fallback.INSTANCE;
    }
  }

  private static long multiplyExact(long a, long b) throws Fallback {
    try {
      return Math.multiplyExact(a, b);
    } catch (ArithmeticException overflow) {
      throw Fallback.INSTANCE;
    }
  }

  private static long negateExact(long a) throws Fallback {
    if (a == Long.MIN_VALUE) {
      throw Fallback.INSTANCE;
    }
    return -a;
  }

  /** CEL's int division and modulo: errors on zero and on the one overflowing quotient. */
  private static long divide(long a, long b) throws Fallback {
    if (b == 0 || (a == Long.MIN_VALUE && b == -1)) {
      throw Fallback.INSTANCE;
    }
    return a / b;
  }

  private static long modulo(long a, long b) throws Fallback {
    if (b == 0 || (a == Long.MIN_VALUE && b == -1)) {
      throw Fallback.INSTANCE;
    }
    return a % b;
  }
}
