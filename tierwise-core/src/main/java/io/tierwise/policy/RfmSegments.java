package io.tierwise.policy;

import io.tierwise.TierwiseException;
import io.tierwise.rules.RuleEvaluationException;
import io.tierwise.rules.RuleExpression;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Named RFM segments, checked when the policy is loaded to cover every (r, f, m) score combination
 * exactly once: no overlaps, no customer left unnamed. Because the check evaluates every
 * combination, the result is kept as a lookup table and customers are never run through CEL.
 */
public final class RfmSegments {
  private final List<String> names;
  private final List<RuleExpression> rules;
  private final int bins;
  private final byte[] segmentByScores;

  private RfmSegments(
      List<String> names, List<RuleExpression> rules, int bins, byte[] segmentByScores) {
    this.names = List.copyOf(names);
    this.rules = List.copyOf(rules);
    this.bins = bins;
    this.segmentByScores = segmentByScores;
  }

  /**
   * Checks coverage of all {@code bins³} combinations.
   *
   * @throws TierwiseException (INVALID_CONFIG) naming {@code key}, the segments and the scores when
   *     two segments overlap or a combination has none
   */
  public static RfmSegments of(
      List<String> names, List<RuleExpression> rules, int bins, String key) {
    if (names.size() != rules.size() || names.isEmpty() || names.size() > 127) {
      throw TierwiseException.invalidConfig(key + ": expected 1 to 127 segments");
    }
    byte[] table = new byte[bins * bins * bins];
    for (int r = 1; r <= bins; r++) {
      for (int f = 1; f <= bins; f++) {
        for (int m = 1; m <= bins; m++) {
          Map<String, Object> scores =
              Map.of("r", (long) r, "f", (long) f, "m", (long) m, "fm", (f + m) / 2.0);
          int found = -1;
          for (int segment = 0; segment < rules.size(); segment++) {
            if (holds(rules.get(segment), scores)) {
              if (found >= 0) {
                throw TierwiseException.invalidConfig(
                    key
                        + ": segments '"
                        + names.get(found)
                        + "' and '"
                        + names.get(segment)
                        + "' overlap at r="
                        + r
                        + " f="
                        + f
                        + " m="
                        + m
                        + "; every score combination must belong to exactly one segment");
              }
              found = segment;
            }
          }
          if (found < 0) {
            throw TierwiseException.invalidConfig(
                key
                    + ": no segment covers r="
                    + r
                    + " f="
                    + f
                    + " m="
                    + m
                    + "; add a segment or widen one so every combination is named");
          }
          table[index(bins, r, f, m)] = (byte) found;
        }
      }
    }
    return new RfmSegments(names, rules, bins, table);
  }

  private static boolean holds(RuleExpression rule, Map<String, Object> scores) {
    try {
      Object value = rule.eval(scores);
      return Boolean.TRUE.equals(value);
    } catch (RuleEvaluationException e) {
      throw TierwiseException.invalidConfig(
          rule.configKey() + ": cannot be evaluated for " + scores + ": " + e.getMessage());
    }
  }

  private static int index(int bins, int r, int f, int m) {
    return ((r - 1) * bins + (f - 1)) * bins + (m - 1);
  }

  /** The segment index of scores each in 1..bins. */
  public int segmentOf(int r, int f, int m) {
    return segmentByScores[index(bins, r, f, m)];
  }

  public String name(int segment) {
    return names.get(segment);
  }

  public RuleExpression rule(int segment) {
    return rules.get(segment);
  }

  public List<String> names() {
    return names;
  }

  public int bins() {
    return bins;
  }

  /** How many of the {@code bins³} combinations each segment holds. */
  public List<Integer> combinationCounts() {
    List<Integer> counts = new ArrayList<>();
    names.forEach(name -> counts.add(0));
    for (byte segment : segmentByScores) {
      counts.set(segment, counts.get(segment) + 1);
    }
    return counts;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof RfmSegments that
        && names.equals(that.names)
        && bins == that.bins
        && java.util.Arrays.equals(segmentByScores, that.segmentByScores);
  }

  @Override
  public int hashCode() {
    return Objects.hash(names, bins);
  }
}
