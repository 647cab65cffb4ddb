package io.tierwise.rules;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.CelValidationResult;
import dev.cel.common.ast.CelReference;
import dev.cel.common.types.CelType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerBuilder;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.extensions.CelExtensions;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import dev.cel.runtime.CelVariableResolver;
import io.tierwise.TierwiseException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A compiled CEL expression with a known result type. Immutable and thread-safe: compile once when
 * configuration is loaded, evaluate from any thread.
 */
public final class RuleExpression {

  /** The type an expression must produce. */
  public enum ResultType {
    BOOLEAN(SimpleType.BOOL),
    NUMBER(SimpleType.DYN),
    TEXT(SimpleType.STRING);

    private final CelType celType;

    ResultType(CelType celType) {
      this.celType = celType;
    }
  }

  /** The type of a variable an expression may read. */
  public enum VariableType {
    TEXT(SimpleType.STRING),
    NUMBER(SimpleType.DOUBLE),
    /** A whole number (CEL int); bind a {@code Long}. */
    INTEGER(SimpleType.INT),
    BOOLEAN(SimpleType.BOOL),
    TEXT_MAP(MapType.create(SimpleType.STRING, SimpleType.STRING));

    private final CelType celType;

    VariableType(CelType celType) {
      this.celType = celType;
    }

    /** Whether {@code value} is of the Java type a variable of this type is bound to. */
    boolean holds(Object value) {
      return switch (this) {
        case TEXT -> value instanceof String;
        case NUMBER -> value instanceof Double;
        case INTEGER -> value instanceof Long;
        case BOOLEAN -> value instanceof Boolean;
        case TEXT_MAP -> value instanceof Map<?, ?>;
      };
    }
  }

  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  /** The language options, shared by compiler and runtime. */
  private static final class Options {
    // Heterogeneous comparisons let policy authors write `monetary > 5000` for a double variable.
    static final CelOptions OPTIONS =
        CelOptions.current().enableHeterogeneousNumericComparisons(true).build();
  }

  /**
   * The CEL runtime, built when the first expression needs it: building it loads much of CEL and
   * spins a class per standard function (half a second), which neither an input without expressions
   * nor a policy whose rules are all translated should wait for.
   */
  private static final class Cel {
    static final CelRuntime RUNTIME =
        CelRuntimeFactory.standardCelRuntimeBuilder()
            .setOptions(Options.OPTIONS)
            .addLibraries(CelExtensions.strings(), CelExtensions.math(Options.OPTIONS))
            .build();
  }

  private final String source;
  private final String configKey;
  private final ResultType resultType;
  private final CelAbstractSyntaxTree ast;
  // CEL's program; for a translated expression, built on its first fallback.
  private volatile CelRuntime.Program program;
  private final Map<String, VariableType> reads;
  // The expression as Java nodes, or null when it uses more than Translation covers.
  private final Translation translation;
  // The positions of the translation's variables in the last layout of resolver seen.
  private volatile Positions positions;

  private record Positions(Object of, int[] at) {}

  private RuleExpression(
      String source,
      String configKey,
      ResultType resultType,
      CelAbstractSyntaxTree ast,
      CelRuntime.Program program,
      Map<String, VariableType> reads,
      Translation translation) {
    this.source = source;
    this.configKey = configKey;
    this.resultType = resultType;
    this.ast = ast;
    this.program = program;
    this.reads = reads;
    this.translation = translation;
  }

  /**
   * Compilers (immutable, thread-safe) by result type and declared variables: building one sets up
   * CEL's whole standard environment, and a policy compiles a few dozen rules against a handful of
   * variable sets.
   */
  private static final Map<Map.Entry<ResultType, Map<String, VariableType>>, CelCompiler>
      COMPILERS = new java.util.concurrent.ConcurrentHashMap<>();

  private static CelCompiler compiler(ResultType resultType, Map<String, VariableType> variables) {
    Map<String, VariableType> key = Map.copyOf(variables);
    if (COMPILERS.size() >= 64) {
      COMPILERS.clear(); // a long-lived process meeting many variable sets stays bounded
    }
    return COMPILERS.computeIfAbsent(
        Map.entry(resultType, key),
        unused -> {
          CelCompilerBuilder builder =
              CelCompilerFactory.standardCelCompilerBuilder()
                  .setOptions(Options.OPTIONS)
                  .addLibraries(CelExtensions.strings(), CelExtensions.math(Options.OPTIONS))
                  .setResultType(resultType.celType);
          key.forEach((name, type) -> builder.addVar(name, type.celType));
          return builder.build();
        });
  }

  /** True if {@code name} can be used as a variable in an expression. */
  public static boolean isIdentifier(String name) {
    return IDENTIFIER.matcher(name).matches();
  }

  /**
   * Compiles {@code source}, type-checking it against {@code variables}.
   *
   * @param configKey where the expression came from (e.g. {@code sources.orders.fields.amount}),
   *     named in every error
   * @throws TierwiseException (INVALID_CONFIG) if the expression does not compile or has the wrong
   *     result type
   */
  public static RuleExpression compile(
      String source, String configKey, ResultType resultType, Map<String, VariableType> variables) {
    Objects.requireNonNull(source, "source");
    CelValidationResult result = compiler(resultType, variables).compile(source);
    if (result.hasError()) {
      throw TierwiseException.invalidConfig(
          configKey
              + ": expression '"
              + source
              + "' does not compile: "
              + firstLine(result.getErrorString()));
    }
    try {
      CelAbstractSyntaxTree ast = result.getAst();
      Translation translation =
          Translation.of(ast, variables)
              .filter(
                  found ->
                      switch (resultType) {
                        case BOOLEAN -> found.isBoolean();
                        case NUMBER -> found.isNumber();
                        case TEXT -> false;
                      })
              .orElse(null);
      return new RuleExpression(
          source,
          configKey,
          resultType,
          ast,
          translation == null ? Cel.RUNTIME.createProgram(ast) : null,
          reads(ast, variables),
          translation);
    } catch (CelValidationException | CelEvaluationException e) {
      throw TierwiseException.invalidConfig(
          configKey + ": expression '" + source + "' is not valid: " + firstLine(e.getMessage()));
    }
  }

  /**
   * The declared variables the checked expression refers to, by name: the checker records a
   * reference for every identifier and call it resolves, and those without function overloads that
   * name a declared variable are the variables read.
   */
  private static Map<String, VariableType> reads(
      CelAbstractSyntaxTree ast, Map<String, VariableType> declared) {
    Map<String, VariableType> reads = new TreeMap<>();
    for (CelReference reference : ast.getReferenceMap().values()) {
      VariableType type = declared.get(reference.name());
      if (reference.overloadIds().isEmpty() && type != null) {
        reads.put(reference.name(), type);
      }
    }
    return Collections.unmodifiableMap(reads);
  }

  /** Variables named like the columns, for columns whose names are identifiers. */
  public static Map<String, VariableType> textColumns(Iterable<String> columns) {
    Map<String, VariableType> variables = new LinkedHashMap<>();
    for (String column : columns) {
      if (isIdentifier(column) && !column.equals("row")) {
        variables.put(column, VariableType.TEXT);
      }
    }
    variables.put("row", VariableType.TEXT_MAP);
    return variables;
  }

  public String source() {
    return source;
  }

  public String configKey() {
    return configKey;
  }

  /**
   * The declared variables this expression reads, by name in alphabetical order. Its result is a
   * function of their values alone: CEL has no side effects, clock or randomness.
   */
  public Map<String, VariableType> reads() {
    return reads;
  }

  /**
   * Whether the expression is evaluated by its Java translation when read from a {@link
   * PositionedVariables} (ADR 0002): then it costs nanoseconds instead of CEL's half microsecond.
   */
  public boolean translated() {
    return translation != null;
  }

  /** The translation, for tests of this package; null when not translated. */
  Translation translation() {
    return translation;
  }

  /** Evaluates a BOOLEAN expression. */
  public boolean evalBoolean(CelVariableResolver variables) throws RuleEvaluationException {
    int[] at = translatedPositions(variables);
    if (at != null) {
      try {
        return translation.evalBoolean((PositionedVariables) variables, at);
      } catch (Translation.Fallback fallback) {
        // CEL decides below, error included
      }
    }
    Object value = eval(variables);
    if (value instanceof Boolean bool) {
      return bool;
    }
    throw new RuleEvaluationException("expected true/false, got " + value);
  }

  /** Evaluates a NUMBER expression; integers and unsigned values widen to double. */
  public double evalNumber(CelVariableResolver variables) throws RuleEvaluationException {
    int[] at = translatedPositions(variables);
    if (at != null) {
      try {
        return translation.evalNumber((PositionedVariables) variables, at);
      } catch (Translation.Fallback fallback) {
        // CEL decides below, error included
      }
    }
    Object value = eval(variables);
    if (value instanceof Number number) {
      return number.doubleValue();
    }
    if (value instanceof com.google.common.primitives.UnsignedLong unsigned) {
      return unsigned.doubleValue();
    }
    throw new RuleEvaluationException("expected a number, got " + value);
  }

  /** Evaluates a TEXT expression. */
  public String evalText(CelVariableResolver variables) throws RuleEvaluationException {
    return String.valueOf(eval(variables));
  }

  /**
   * Evaluates with variables from a map, e.g. in tests and one-off checks (a policy's RFM segments
   * over every score combination): by the translation when each variable read holds a value of its
   * declared type, else by CEL.
   */
  public Object eval(Map<String, ?> variables) throws RuleEvaluationException {
    if (translation != null) {
      String[] names = translation.names();
      Object[] values = new Object[names.length];
      boolean typed = true;
      for (int i = 0; i < names.length && typed; i++) {
        values[i] = variables.get(names[i]);
        typed = reads.get(names[i]).holds(values[i]);
      }
      if (typed) {
        try {
          return translation.evalValue(
              new ArrayVariables(List.of(names), values), Translation.inOrder(names));
        } catch (Translation.Fallback fallback) {
          // CEL decides below, error included
        }
      }
    }
    return eval(name -> Optional.ofNullable(variables.get(name)));
  }

  /**
   * Where the translation reads its variables in this resolver; null when the expression is not
   * translated, the resolver cannot be read by position, or lacks a variable (CEL reports it).
   */
  private int[] translatedPositions(CelVariableResolver variables) {
    if (translation == null || !(variables instanceof PositionedVariables positioned)) {
      return null;
    }
    Positions known = positions;
    if (known == null || known.of() != positioned.layout()) {
      known = new Positions(positioned.layout(), translation.positionsIn(positioned));
      positions = known;
    }
    return known.at();
  }

  /** Evaluates with CEL alone, translated or not: what tests hold the translation to. */
  Object evalWithCel(CelVariableResolver variables) throws RuleEvaluationException {
    return eval(variables);
  }

  private Object eval(CelVariableResolver variables) throws RuleEvaluationException {
    try {
      return program().eval(variables);
    } catch (CelEvaluationException e) {
      throw new RuleEvaluationException(firstLine(e.getMessage()));
    }
  }

  /** CEL's program, built on first use for a translated expression. */
  private CelRuntime.Program program() throws CelEvaluationException {
    CelRuntime.Program built = program;
    if (built == null) {
      synchronized (this) {
        built = program;
        if (built == null) {
          built = Cel.RUNTIME.createProgram(ast);
          program = built;
        }
      }
    }
    return built;
  }

  public ResultType resultType() {
    return resultType;
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unknown error";
    }
    String trimmed = message.strip();
    int newline = trimmed.indexOf('\n');
    String line = newline < 0 ? trimmed : trimmed.substring(0, newline);
    return line.replaceFirst("^ERROR: <input>:", "at ");
  }

  @Override
  public String toString() {
    return source;
  }
}
