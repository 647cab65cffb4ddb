package io.tierwise.classify;

import io.tierwise.metrics.Indicator;
import io.tierwise.metrics.Indicators;
import io.tierwise.metrics.PercentileScale;
import io.tierwise.policy.PolicyVariables;
import io.tierwise.rules.PositionedVariables;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What policy expressions see for one customer: indicators, their percentile ranks, the labels
 * decided so far, the tier score and the attributes. A resolver, not a map, because CEL reads it
 * millions of times (STACK.md trap 7). Confined to one thread.
 */
final class CustomerVariables implements PositionedVariables {
  private static final List<String> LABELS =
      java.util.stream.Stream.concat(
              PolicyVariables.EARLY_LABELS.stream(), PolicyVariables.LATE_LABELS.stream())
          .toList();
  private static final int PERCENTILE_BASE = Indicator.count();
  private static final int LABEL_BASE = 2 * Indicator.count();
  private static final int TIER_SCORE = LABEL_BASE + LABELS.size();
  private static final int ATTRIBUTES = TIER_SCORE + 1;
  private static final Map<String, Integer> CODES = codes();

  private final Indicators indicators;
  private final PercentileScale[] scales;
  private final Map<String, String> attributes;
  private final String[] labels = new String[LABELS.size()];
  private double tierScore = Double.NaN;

  // Values read so far, boxed once: rules mention the same variables again and again.
  private final Object[] values = new Object[ATTRIBUTES + 1];

  // Percentile ranks computed so far, for the same reason.
  private final double[] ranks = new double[Indicator.count()];
  private final boolean[] ranked = new boolean[Indicator.count()];

  CustomerVariables(
      Indicators indicators, PercentileScale[] scales, Map<String, String> attributes) {
    this.indicators = indicators;
    this.scales = scales;
    this.attributes = attributes;
    java.util.Arrays.fill(labels, "");
  }

  private static Map<String, Integer> codes() {
    Map<String, Integer> codes = new HashMap<>();
    for (int i = 0; i < Indicator.count(); i++) {
      String key = Indicator.ofOrdinal(i).key();
      codes.put(key, i);
      codes.put(key + PolicyVariables.PERCENTILE_SUFFIX, PERCENTILE_BASE + i);
    }
    for (int i = 0; i < LABELS.size(); i++) {
      codes.put(LABELS.get(i), LABEL_BASE + i);
    }
    codes.put(PolicyVariables.TIER_SCORE, TIER_SCORE);
    codes.put(PolicyVariables.ATTRIBUTES, ATTRIBUTES);
    return Map.copyOf(codes);
  }

  void label(String name, String value) {
    int index = LABELS.indexOf(name);
    labels[index] = value;
    values[LABEL_BASE + index] = null;
  }

  void tierScore(double score) {
    tierScore = score;
    values[TIER_SCORE] = null;
  }

  @Override
  public int position(String name) {
    Integer code = CODES.get(name);
    return code == null ? -1 : code;
  }

  @Override
  public Object valueAt(int code) {
    Object value = values[code];
    if (value == null) {
      value = value(code);
      values[code] = value;
    }
    return value;
  }

  @Override
  public double numberAt(int code) {
    if (code < PERCENTILE_BASE) {
      return indicators.value(code);
    }
    if (code < LABEL_BASE) {
      int indicator = code - PERCENTILE_BASE;
      if (!ranked[indicator]) {
        PercentileScale scale = scales[indicator];
        ranks[indicator] = scale == null ? Double.NaN : scale.rank(indicators.value(indicator));
        ranked[indicator] = true;
      }
      return ranks[indicator];
    }
    return code == TIER_SCORE ? tierScore : Double.NaN;
  }

  private Object value(int code) {
    if (code < LABEL_BASE) {
      return numberAt(code);
    }
    if (code < TIER_SCORE) {
      return labels[code - LABEL_BASE];
    }
    if (code == TIER_SCORE) {
      return tierScore;
    }
    return attributes;
  }

  /** "name=value" for the variables an expression mentions, for reasons. */
  String describe(List<String> names) {
    StringBuilder text = new StringBuilder();
    for (String name : names) {
      if (text.length() > 0) {
        text.append(", ");
      }
      Object value = find(name).orElse("");
      text.append(name).append('=');
      if (value instanceof Double number) {
        text.append(Numbers.plain(number));
      } else if (value instanceof String string) {
        text.append('\'').append(string).append('\'');
      } else {
        text.append(value);
      }
    }
    return text.toString();
  }

  static boolean isVariable(String name) {
    return CODES.containsKey(name);
  }
}
