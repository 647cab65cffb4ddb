package io.tierwise.rules;

import dev.cel.runtime.CelVariableResolver;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A true/false rule that remembers its result for each combination of the values it reads.
 *
 * <p>A CEL expression is a pure function of its variables (no side effects, clock or randomness),
 * so a remembered result is exactly the one CEL would give. Classification evaluates every rule for
 * millions of customers whose values repeat (labels, counts, zero revenue, percentile ranks), and
 * CEL's interpreter costs about half a microsecond an evaluation on Java 17. At most {@link
 * #CAPACITY} combinations are kept per rule, so memory stays bounded; combinations seen after that
 * are evaluated each time, and if fewer than half of the next {@link #CAPACITY} lookups find their
 * combination, the rule stops looking (its values hardly repeat: continuous indicators), so that
 * building keys and missing in a large table no longer come on top of CEL. A rule that reads a map
 * (row, attributes) is always evaluated. Results that are errors are never remembered. A rule that
 * runs as Java ({@link RuleExpression#translated()}) and is read by position is evaluated directly,
 * which costs less than a lookup: memoizing serves the rules outside Translation's part of CEL.
 * Thread-safe.
 */
public final class MemoizedRule {
  /** Combinations remembered per rule (about 2.5 MB for a rule of three variables). */
  public static final int CAPACITY = 1 << 14;

  private final RuleExpression rule;
  // The variables the rule reads; empty when its results cannot be remembered.
  private final String[] names;
  // Whether every variable the rule reads is a number: then a positioned resolver's values are
  // keyed by their bits, without a boxed Double each.
  private final boolean numeric;
  private final boolean translated;
  private final ConcurrentHashMap<Key, Boolean> results = new ConcurrentHashMap<>();

  /** The positions of {@link #names} for one class of {@link PositionedVariables}. */
  private record Positions(Object of, int[] positions) {}

  private volatile Positions positions;

  // Lookups, and how many found their combination, since the table filled up.
  private final AtomicInteger lookupsWhenFull = new AtomicInteger();
  private final AtomicInteger hitsWhenFull = new AtomicInteger();
  private volatile boolean bypass;

  private MemoizedRule(RuleExpression rule, String[] names, boolean numeric) {
    this.rule = rule;
    this.names = names;
    this.numeric = numeric;
    this.translated = rule.translated();
  }

  /**
   * Wraps a BOOLEAN rule.
   *
   * @throws IllegalArgumentException if the rule does not produce true/false
   */
  public static MemoizedRule of(RuleExpression rule) {
    if (rule.resultType() != RuleExpression.ResultType.BOOLEAN) {
      throw new IllegalArgumentException("not a true/false rule: " + rule.source());
    }
    boolean scalar =
        rule.reads().values().stream()
            .noneMatch(type -> type == RuleExpression.VariableType.TEXT_MAP);
    String[] names = scalar ? rule.reads().keySet().toArray(String[]::new) : null;
    boolean numeric =
        !rule.reads().isEmpty()
            && rule.reads().values().stream()
                .allMatch(type -> type == RuleExpression.VariableType.NUMBER);
    return new MemoizedRule(rule, names, numeric);
  }

  public RuleExpression rule() {
    return rule;
  }

  /**
   * As {@link RuleExpression#evalBoolean}, remembering the result for these values; a translated
   * rule read by position is evaluated directly, which costs less than a lookup.
   */
  public boolean evalBoolean(CelVariableResolver variables) throws RuleEvaluationException {
    if (names == null || bypass || (translated && variables instanceof PositionedVariables)) {
      return rule.evalBoolean(variables);
    }
    int[] at = variables instanceof PositionedVariables ? positionsIn(variables) : null;
    Key key = numeric && at != null ? numbersOf((PositionedVariables) variables, at) : null;
    if (key == null) {
      key = valuesOf(variables, at);
      if (key == null) {
        return rule.evalBoolean(variables); // CEL says what is wrong, or reads what we cannot key
      }
    }
    Boolean known = results.get(key);
    boolean full = results.size() >= CAPACITY;
    if (full) {
      judgeWhenFull(known != null);
    }
    if (known != null) {
      return known;
    }
    boolean result = rule.evalBoolean(variables);
    if (!full) {
      results.putIfAbsent(key, result);
    }
    return result;
  }

  /** Counts a lookup in the full table; after {@link #CAPACITY} of them, decides on the bypass. */
  private void judgeWhenFull(boolean hit) {
    if (lookupsWhenFull.get() >= CAPACITY) {
      // decided: counting on would only have the classifying threads take the counters' cache
      // line from each other on every lookup
      return;
    }
    if (hit) {
      hitsWhenFull.incrementAndGet();
    }
    if (lookupsWhenFull.incrementAndGet() == CAPACITY && hitsWhenFull.get() < CAPACITY / 2) {
      bypass = true;
    }
  }

  /** Whether the rule has stopped looking up its results (see the class comment). */
  public boolean bypassed() {
    return bypass;
  }

  /** The key of a rule that reads numbers only; null when a variable is not there. */
  private Key numbersOf(PositionedVariables variables, int[] at) {
    long[] bits = new long[at.length];
    for (int i = 0; i < at.length; i++) {
      if (at[i] < 0) {
        return null;
      }
      // the equality of Double.equals: NaNs alike, 0.0 and -0.0 apart
      bits[i] = Double.doubleToLongBits(variables.numberAt(at[i]));
    }
    return Key.ofNumbers(bits);
  }

  /** The key of the values read; null when one is absent or cannot be a key. */
  private Key valuesOf(CelVariableResolver variables, int[] at) {
    Object[] values = new Object[names.length];
    for (int i = 0; i < names.length; i++) {
      Object value;
      if (at != null) {
        value = at[i] < 0 ? null : ((PositionedVariables) variables).valueAt(at[i]);
      } else {
        value = variables.find(names[i]).orElse(null);
      }
      if (value == null || !isValue(value)) {
        return null;
      }
      values[i] = value;
    }
    return Key.ofValues(values);
  }

  /** The positions of the rule's variables in this class of resolver, looked up once. */
  private int[] positionsIn(CelVariableResolver variables) {
    Positions known = positions;
    if (known == null || known.of() != ((PositionedVariables) variables).layout()) {
      int[] found = new int[names.length];
      for (int i = 0; i < names.length; i++) {
        found[i] = ((PositionedVariables) variables).position(names[i]);
      }
      known = new Positions(((PositionedVariables) variables).layout(), found);
      positions = known;
    }
    return known.positions();
  }

  /** How many combinations are remembered. */
  public int remembered() {
    return results.size();
  }

  /**
   * Immutable types whose {@code equals} means "CEL sees the same value": {@link Double#equals}
   * compares bits, so 0.0 and -0.0 are kept apart and all NaNs are one value.
   */
  private static boolean isValue(Object value) {
    return value instanceof Double
        || value instanceof String
        || value instanceof Long
        || value instanceof Boolean;
  }

  /**
   * A combination of values: numbers by their bits (a rule of numbers only, read by position) or
   * the values themselves; the unused part is empty.
   */
  private static final class Key {
    private static final long[] NO_NUMBERS = {};
    private static final Object[] NO_VALUES = {};

    private final long[] numbers;
    private final Object[] values;
    private final int hash;

    private Key(long[] numbers, Object[] values) {
      this.numbers = numbers;
      this.values = values;
      this.hash = 31 * Arrays.hashCode(numbers) + Arrays.hashCode(values);
    }

    static Key ofNumbers(long[] bits) {
      return new Key(bits, NO_VALUES);
    }

    static Key ofValues(Object[] values) {
      return new Key(NO_NUMBERS, values);
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Key key
          && key.hash == hash
          && Arrays.equals(key.numbers, numbers)
          && Arrays.equals(key.values, values);
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }
}
