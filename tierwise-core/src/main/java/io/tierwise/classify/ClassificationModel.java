package io.tierwise.classify;

import io.tierwise.metrics.Indicator;
import io.tierwise.metrics.Indicators;
import io.tierwise.metrics.PercentileScale;
import io.tierwise.policy.PolicyVariables;
import io.tierwise.policy.RuleTable;
import io.tierwise.policy.TieringPolicy;
import io.tierwise.rules.MemoizedRule;
import io.tierwise.rules.RuleEvaluationException;
import io.tierwise.rules.RuleExpression;
import io.tierwise.tiering.CompositeTierModel;
import io.tierwise.tiering.TierAssignment;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Everything fitted for one run, applied to one customer at a time: immutable, thread-safe and
 * deterministic. Labels are decided in this order: activity, NPS class, ABC, RFM, value tier,
 * behaviour, needs, relationship, lifecycle, composite tier, tags (docs/classification.md).
 */
public final class ClassificationModel {
  private static final String NO_PURCHASE = "no_purchase";

  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private final TieringPolicy policy;
  private final AbcModel abc;
  private final RfmModel rfm;
  private final ValueTierModel valueTier;
  private final CompositeTierModel tiering;
  private final Map<Indicator, PercentileScale> scales;
  private final PercentileScale[] scaleByOrdinal;
  private final Map<RuleExpression, List<String>> mentions;
  // Every rule and tag of the policy, remembering results per combination of the values read.
  private final Map<RuleExpression, MemoizedRule> memoized;

  ClassificationModel(
      TieringPolicy policy, AbcModel abc, RfmModel rfm, Map<Indicator, PercentileScale> scales) {
    this.policy = policy;
    this.abc = abc;
    this.rfm = rfm;
    this.scales = Collections.unmodifiableMap(new LinkedHashMap<>(scales));
    this.scaleByOrdinal = new PercentileScale[Indicator.count()];
    scales.forEach((indicator, scale) -> scaleByOrdinal[indicator.ordinal()] = scale);
    this.valueTier =
        new ValueTierModel(
            policy.valueTier(),
            scales.get(Indicator.REVENUE),
            scales.get(Indicator.POTENTIAL_VALUE),
            scales.get(Indicator.REVENUE_CV));
    this.tiering = CompositeTierModel.of(policy.tiering(), scales, policy.currency());
    Map<RuleExpression, List<String>> found = new IdentityHashMap<>();
    Map<RuleExpression, MemoizedRule> memos = new IdentityHashMap<>();
    for (RuleExpression expression : expressions(policy)) {
      found.put(expression, mentioned(expression.source()));
      memos.put(expression, MemoizedRule.of(expression));
    }
    this.mentions = found;
    this.memoized = memos;
  }

  /** A model from fitted parts (a stored run). */
  public static ClassificationModel of(
      TieringPolicy policy, AbcModel abc, RfmModel rfm, Map<Indicator, PercentileScale> scales) {
    return new ClassificationModel(policy, abc, rfm, scales);
  }

  /** Indicators whose percentile scale the policy needs: rule variables, value tier, tiering. */
  static Set<Indicator> scaledIndicators(TieringPolicy policy) {
    Set<Indicator> needed = new LinkedHashSet<>();
    needed.add(Indicator.REVENUE);
    needed.add(Indicator.POTENTIAL_VALUE);
    needed.add(Indicator.REVENUE_CV);
    policy.tiering().dimensions().forEach(dimension -> needed.add(dimension.indicator()));
    for (RuleExpression expression : expressions(policy)) {
      for (String name : mentioned(expression.source())) {
        if (name.endsWith(PolicyVariables.PERCENTILE_SUFFIX)) {
          Indicator.fromKey(
                  name.substring(0, name.length() - PolicyVariables.PERCENTILE_SUFFIX.length()))
              .ifPresent(needed::add);
        }
      }
    }
    return needed;
  }

  private static List<RuleExpression> expressions(TieringPolicy policy) {
    List<RuleExpression> all = new ArrayList<>();
    for (RuleTable table :
        List.of(policy.behaviour(), policy.needs(), policy.relationship(), policy.lifecycle())) {
      table.rules().forEach(rule -> all.add(rule.when()));
    }
    policy.tags().forEach(tag -> all.add(tag.when()));
    return all;
  }

  private static List<String> mentioned(String source) {
    Set<String> names = new LinkedHashSet<>();
    Matcher matcher = IDENTIFIER.matcher(source.replaceAll("'[^']*'|\"[^\"]*\"", "''"));
    while (matcher.find()) {
      if (CustomerVariables.isVariable(matcher.group())) {
        names.add(matcher.group());
      }
    }
    return List.copyOf(names);
  }

  public TieringPolicy policy() {
    return policy;
  }

  public AbcModel abc() {
    return abc;
  }

  public RfmModel rfm() {
    return rfm;
  }

  public CompositeTierModel tiering() {
    return tiering;
  }

  /** The fitted percentile scales by indicator. */
  public Map<Indicator, PercentileScale> scales() {
    return scales;
  }

  /**
   * The RFM segment {@link #classify} gives a customer, alone: for analyses that need no other
   * label (churn causes), without evaluating the policy's rules.
   */
  public String rfmSegment(Indicators indicators) {
    if (!indicators.hasPurchases()) {
      return NO_PURCHASE;
    }
    int r = rfm.recencyScore(indicators.value(Indicator.RECENCY_DAYS));
    int f = rfm.frequencyScore(indicators.value(Indicator.FREQUENCY));
    int m = rfm.monetaryScore(indicators.value(Indicator.MONETARY));
    return rfm.segments().name(rfm.segments().segmentOf(r, f, m));
  }

  /** The composite tier {@link #classify} gives a customer, alone (see {@link #rfmSegment}). */
  public String tier(Indicators indicators) {
    return tiering.assign(indicators).tier();
  }

  /** Classifies one customer; {@code reasons} receives why, when it collects. */
  public CustomerResult classify(
      Indicators indicators, Map<String, String> attributes, Reasons reasons) {
    CustomerVariables variables = new CustomerVariables(indicators, scaleByOrdinal, attributes);
    int[] failures = {0};
    String activity = activity(indicators, reasons);
    variables.label("activity", activity);
    String nps = npsClass(indicators, reasons);
    variables.label("nps_class", nps);
    String abcClass = abc.classify(indicators.value(abc.basis()), reasons);
    variables.label("abc_class", abcClass);
    int r = 0;
    int f = 0;
    int m = 0;
    String segment;
    if (indicators.hasPurchases()) {
      double recency = indicators.value(Indicator.RECENCY_DAYS);
      double frequency = indicators.value(Indicator.FREQUENCY);
      double monetary = indicators.value(Indicator.MONETARY);
      r = rfm.recencyScore(recency);
      f = rfm.frequencyScore(frequency);
      m = rfm.monetaryScore(monetary);
      rfm.explainScores(recency, frequency, monetary, r, f, m, reasons);
      int index = rfm.segments().segmentOf(r, f, m);
      segment = rfm.segments().name(index);
      int rr = r;
      int ff = f;
      int mm = m;
      reasons.add(
          "rfm_segment",
          () -> rfm.segments().rule(index).source(),
          () -> "r=" + rr + ", f=" + ff + ", m=" + mm + ", fm=" + Numbers.plain((ff + mm) / 2.0));
    } else {
      segment = NO_PURCHASE;
      reasons.add(
          "rfm_segment", () -> "no purchase up to the as-of date", () -> "recency_days=none");
    }
    variables.label("rfm_segment", segment);
    double valueScore = valueTier.score(indicators);
    String value = valueTier.classify(indicators, reasons);
    variables.label("value_tier", value);
    String behaviour = apply(policy.behaviour(), "behaviour_group", variables, reasons, failures);
    variables.label("behaviour_group", behaviour);
    String needs = apply(policy.needs(), "needs_type", variables, reasons, failures);
    variables.label("needs_type", needs);
    String relationship =
        apply(policy.relationship(), "relationship", variables, reasons, failures);
    variables.label("relationship", relationship);
    String lifecycle = apply(policy.lifecycle(), "lifecycle_stage", variables, reasons, failures);
    variables.label("lifecycle_stage", lifecycle);
    TierAssignment tier = tiering.assign(indicators);
    explainTier(indicators, tier, reasons);
    variables.label("tier", tier.tier());
    variables.tierScore(tier.score());
    List<String> tags = new ArrayList<>();
    for (TieringPolicy.Tag tag : policy.tags()) {
      if (holds(tag.when(), variables, failures, "tags", reasons)) {
        tags.add(tag.tag());
        reasons.add(
            "tags",
            () -> tag.tag() + ": " + tag.when().source(),
            () -> variables.describe(mentions.get(tag.when())));
      }
    }
    return new CustomerResult(
        activity,
        nps,
        abcClass,
        r,
        f,
        m,
        segment,
        valueScore,
        value,
        behaviour,
        needs,
        relationship,
        lifecycle,
        tier,
        tags,
        failures[0]);
  }

  private String activity(Indicators indicators, Reasons reasons) {
    double recency = indicators.value(Indicator.RECENCY_DAYS);
    TieringPolicy.Activity thresholds = policy.activity();
    String status;
    if (Double.isNaN(recency)) {
      status = "prospect";
    } else if (recency > thresholds.churnedAfterDays()) {
      status = "churned";
    } else if (recency > thresholds.silentAfterDays()) {
      status = "silent";
    } else {
      status = "active";
    }
    reasons.add(
        "activity",
        () ->
            "no purchase: prospect; recency_days > "
                + thresholds.churnedAfterDays()
                + ": churned; > "
                + thresholds.silentAfterDays()
                + ": silent; else active",
        () -> "recency_days=" + Numbers.plain(recency));
    return status;
  }

  private static String npsClass(Indicators indicators, Reasons reasons) {
    double nps = indicators.value(Indicator.LATEST_NPS);
    String label =
        Double.isNaN(nps)
            ? "no_answer"
            : nps >= 9 ? "promoter" : nps >= 7 ? "passive" : "detractor";
    reasons.add(
        "nps_class",
        () -> "latest_nps 9-10 promoter, 7-8 passive, 0-6 detractor",
        () -> "latest_nps=" + Numbers.plain(nps));
    return label;
  }

  private String apply(
      RuleTable table, String model, CustomerVariables variables, Reasons reasons, int[] failures) {
    List<RuleTable.Rule> rules = table.rules();
    for (int i = 0; i < rules.size(); i++) { // indexed: an iterator per table and customer was
      RuleTable.Rule rule = rules.get(i); // 120 MB of garbage in a million-customer run
      if (holds(rule.when(), variables, failures, model, reasons)) {
        reasons.add(
            model,
            () -> rule.label() + ": " + rule.when().source(),
            () -> variables.describe(mentions.get(rule.when())));
        return rule.label();
      }
      reasons.add(
          model,
          () -> "not " + rule.label() + ": " + rule.when().source() + " does not hold",
          () -> variables.describe(mentions.get(rule.when())));
    }
    reasons.add(model, () -> table.defaultLabel() + ": no rule holds (default)", () -> "");
    return table.defaultLabel();
  }

  private boolean holds(
      RuleExpression rule,
      CustomerVariables variables,
      int[] failures,
      String model,
      Reasons reasons) {
    try {
      return memoized.get(rule).evalBoolean(variables);
    } catch (RuleEvaluationException e) {
      failures[0]++;
      reasons.add(model, () -> rule.source() + " could not be evaluated", e::getMessage);
      return false;
    }
  }

  private void explainTier(Indicators indicators, TierAssignment tier, Reasons reasons) {
    reasons.add(
        "tier",
        () ->
            "score = weighted mean of dimension percentile ranks; first tier whose min_score it reaches",
        () -> {
          StringBuilder text = new StringBuilder();
          List<TieringPolicy.Dimension> dimensions = policy.tiering().dimensions();
          for (int i = 0; i < dimensions.size(); i++) {
            TieringPolicy.Dimension dimension = dimensions.get(i);
            double value = indicators.value(dimension.indicator());
            text.append(dimension.name())
                .append(": ")
                .append(dimension.indicator().key())
                .append('=')
                .append(Numbers.plain(value))
                .append(" -> ")
                .append(Numbers.plain(tiering.dimensionScore(i, value)))
                .append(" x weight ")
                .append(Numbers.plain(dimension.weight()))
                .append("; ");
          }
          text.append("score ")
              .append(Numbers.plain(tier.score()))
              .append(" -> ")
              .append(tier.tier());
          return text.toString();
        });
  }
}
