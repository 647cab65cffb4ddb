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
  }

  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  /**
   * The CEL runtime, built on first compile: building it loads much of CEL (half a second), which
   * an input without expressions should not wait for.
   */
  private static final class Cel {
    // Heterogeneous comparisons let policy authors write `monetary > 5000` for a double variable.
    static final CelOptions OPTIONS =
        CelOptions.current().enableHeterogeneousNumericComparisons(true).build();
    static final CelRuntime RUNTIME =
        CelRuntimeFactory.standardCelRuntimeBuilder()
            .setOptions(OPTIONS)
            .addLibraries(CelExtensions.strings(), CelExtensions.math(OPTIONS))
            .build();
  }

  private final String source;
  private final String configKey;
  private final ResultType resultType;
  private final CelRuntime.Program program;
  private final Map<String, VariableType> reads;

  private RuleExpression(
      String source,
      String configKey,
      ResultType resultType,
      CelRuntime.Program program,
      Map<String, VariableType> reads) {
    this.source = source;
    this.configKey = configKey;
    this.resultType = resultType;
    this.program = program;
    this.reads = reads;
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
    CelCompilerBuilder builder =
        CelCompilerFactory.standardCelCompilerBuilder()
            .setOptions(Cel.OPTIONS)
            .addLibraries(CelExtensions.strings(), CelExtensions.math(Cel.OPTIONS))
            .setResultType(resultType.celType);
    variables.forEach((name, type) -> builder.addVar(name, type.celType));
    CelCompiler compiler = builder.build();
    CelValidationResult result = compiler.compile(source);
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
      return new RuleExpression(
          source, configKey, resultType, Cel.RUNTIME.createProgram(ast), reads(ast, variables));
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

  /** Evaluates a BOOLEAN expression. */
  public boolean evalBoolean(CelVariableResolver variables) throws RuleEvaluationException {
    Object value = eval(variables);
    if (value instanceof Boolean bool) {
      return bool;
    }
    throw new RuleEvaluationException("expected true/false, got " + value);
  }

  /** Evaluates a NUMBER expression; integers and unsigned values widen to double. */
  public double evalNumber(CelVariableResolver variables) throws RuleEvaluationException {
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

  /** Evaluates with variables from a map, e.g. in tests and one-off checks. */
  public Object eval(Map<String, ?> variables) throws RuleEvaluationException {
    return eval(name -> Optional.ofNullable(variables.get(name)));
  }

  private Object eval(CelVariableResolver variables) throws RuleEvaluationException {
    try {
      return program.eval(variables);
    } catch (CelEvaluationException e) {
      throw new RuleEvaluationException(firstLine(e.getMessage()));
    }
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
