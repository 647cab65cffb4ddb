package io.tierwise.classify;

import io.tierwise.tiering.TierAssignment;
import java.util.List;
import java.util.Objects;

/**
 * Every label of one customer.
 *
 * @param activity active / silent / churned / prospect
 * @param npsClass promoter / passive / detractor / no_answer
 * @param abcClass A / B / C
 * @param r recency score (0 without purchases)
 * @param f frequency score (0 without purchases)
 * @param m monetary score (0 without purchases)
 * @param rfmSegment named segment, or {@code no_purchase}
 * @param valueScore value score 0–100
 * @param valueTier VH / VM / VL
 * @param behaviourGroup behaviour group
 * @param needsType needs type
 * @param relationship relationship class
 * @param lifecycleStage lifecycle stage
 * @param tier composite tier and score
 * @param tags tags whose rule holds, in policy order
 * @param ruleFailures rules that could not be evaluated for this customer (counted as not holding)
 */
public record CustomerResult(
    String activity,
    String npsClass,
    String abcClass,
    int r,
    int f,
    int m,
    String rfmSegment,
    double valueScore,
    String valueTier,
    String behaviourGroup,
    String needsType,
    String relationship,
    String lifecycleStage,
    TierAssignment tier,
    List<String> tags,
    int ruleFailures) {

  public CustomerResult {
    Objects.requireNonNull(tier, "tier");
    tags = List.copyOf(tags);
  }

  /** The RFM score as three digits, e.g. {@code 545}; empty without purchases. */
  public String rfmScore() {
    return r == 0 ? "" : "" + r + f + m;
  }
}
