package io.tierwise.run;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tierwise.classify.ClassificationModel;
import io.tierwise.classify.CustomerResult;
import io.tierwise.classify.RfmModel;
import io.tierwise.ingest.InputFingerprint;
import io.tierwise.metrics.Indicator;
import io.tierwise.metrics.IndicatorTable;
import io.tierwise.policy.TieringPolicy;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds {@code summary.json}: counts and value (sum of monetary) per class, segment and tier, RFM
 * cut points and effective bins with warnings, the concentration curve and Gini of the ABC basis,
 * the policy and its hash, input fingerprints and the as-of date. Fed one customer at a time, in
 * customer order, from one thread.
 */
final class RunSummary {
  private final ClassificationModel model;
  private final Map<String, Map<String, double[]>> groups = new LinkedHashMap<>();
  private final long[][] scoreCounts;
  private long customers;
  private long buyers;
  private long ruleFailures;

  RunSummary(ClassificationModel model) {
    this.model = model;
    TieringPolicy policy = model.policy();
    this.scoreCounts = new long[3][policy.rfm().bins() + 1];
    seed("abc_class", List.of("A", "B", "C"));
    seed("rfm_segment", model.rfm().segments().names());
    seed("value_tier", List.of("VH", "VM", "VL"));
    seed("behaviour_group", policy.behaviour().labels());
    seed("needs_type", policy.needs().labels());
    seed("relationship", policy.relationship().labels());
    seed("activity_status", List.of("active", "silent", "churned", "prospect"));
    seed("lifecycle_stage", policy.lifecycle().labels());
    seed("nps_class", List.of("promoter", "passive", "detractor", "no_answer"));
    seed("tier", policy.tiering().tiers().stream().map(TieringPolicy.Tier::name).toList());
    seed("tags", policy.tags().stream().map(TieringPolicy.Tag::tag).toList());
  }

  private void seed(String group, List<String> labels) {
    Map<String, double[]> counts = new LinkedHashMap<>();
    labels.forEach(label -> counts.put(label, new double[2]));
    groups.put(group, counts);
  }

  void add(double monetary, CustomerResult result) {
    customers++;
    double value = Double.isNaN(monetary) ? 0 : monetary;
    if (result.r() > 0) {
      buyers++;
      scoreCounts[0][result.r()]++;
      scoreCounts[1][result.f()]++;
      scoreCounts[2][result.m()]++;
    }
    count("abc_class", result.abcClass(), value);
    count("rfm_segment", result.rfmSegment(), value);
    count("value_tier", result.valueTier(), value);
    count("behaviour_group", result.behaviourGroup(), value);
    count("needs_type", result.needsType(), value);
    count("relationship", result.relationship(), value);
    count("activity_status", result.activity(), value);
    count("lifecycle_stage", result.lifecycleStage(), value);
    count("nps_class", result.npsClass(), value);
    count("tier", result.tier().tier(), value);
    for (String tag : result.tags()) {
      count("tags", tag, value);
    }
    ruleFailures += result.ruleFailures();
  }

  private void count(String group, String label, double value) {
    double[] cell = groups.get(group).computeIfAbsent(label, key -> new double[2]);
    cell[0]++;
    cell[1] += value;
  }

  ObjectNode toJson(RunProvenance provenance, IndicatorTable table) {
    ObjectNode root = ModelFile.MAPPER.createObjectNode();
    root.put("format_version", 1);
    root.put("run_id", provenance.runId());
    root.put("as_of", provenance.asOf().toString());
    root.put("tool_version", provenance.toolVersion());
    ObjectNode policy = root.putObject("policy");
    policy.put("name", provenance.policyName());
    policy.put("version", provenance.policyVersion());
    policy.put("sha256", provenance.policySha256());
    policy.put("file", "policy.yaml");
    ArrayNode inputs = root.putArray("inputs");
    for (InputFingerprint input : provenance.inputs()) {
      inputs
          .addObject()
          .put("file", input.file())
          .put("bytes", input.bytes())
          .put("sha256", input.sha256());
    }
    root.put("customers", customers);
    root.put("customers_with_purchases", buyers);
    root.put("rule_evaluation_failures", ruleFailures);
    abc(root.putObject("abc"), table);
    rfm(root.putObject("rfm"));
    groups.forEach(
        (group, counts) -> {
          if (!group.equals("abc_class") && !group.equals("rfm_segment")) {
            writeGroup(root.putObject(group), counts);
          }
        });
    return root;
  }

  private void abc(ObjectNode node, IndicatorTable table) {
    Indicator basis = model.abc().basis();
    node.put("basis", basis.key());
    node.put("a_share", model.abc().aShare());
    node.put("b_share", model.abc().bShare());
    node.put("a_min", round(model.abc().aMin()));
    node.put("b_min", round(model.abc().bMin()));
    writeGroup(node.putObject("classes"), groups.get("abc_class"));
    double[] values = table.column(basis);
    for (int i = 0; i < values.length; i++) {
      values[i] = Double.isNaN(values[i]) ? 0 : Math.max(0, values[i]);
    }
    Arrays.parallelSort(values);
    double total = 0;
    for (double value : values) {
      total += value;
    }
    ArrayNode curve = node.putArray("concentration_curve");
    int n = values.length;
    double cumulative = 0;
    int next = 0;
    int points = 20;
    double area = 0;
    double ascending = 0;
    for (int i = 0; i < n; i++) {
      ascending += values[i];
      area += ascending;
    }
    for (int rank = 0; rank <= n && next <= points; rank++) {
      while (next <= points && rank == Math.round(next * (double) n / points)) {
        curve
            .addArray()
            .add(round4(next / (double) points))
            .add(round4(total > 0 ? cumulative / total : 0));
        next++;
      }
      if (rank < n) {
        cumulative += values[n - 1 - rank];
      }
    }
    double gini = total > 0 && n > 0 ? 1 - 2 * (area / (n * total)) + 1.0 / n : 0;
    node.put("gini", round4(gini));
    node.put(
        "curve_note",
        "points are (share of customers, largest first; share of " + basis.key() + ")");
  }

  private void rfm(ObjectNode node) {
    RfmModel rfm = model.rfm();
    node.put("bins", rfm.bins());
    node.put("method", "quantile cut points, ties kept in one score (docs/classification.md)");
    ObjectNode dims = node.putObject("dimensions");
    String[] letters = {"r", "f", "m"};
    RfmModel.Dimension[] dimensions = {rfm.recency(), rfm.frequency(), rfm.monetary()};
    for (int d = 0; d < 3; d++) {
      ObjectNode dim = dims.putObject(dimensions[d].indicator().key());
      ArrayNode cuts = dim.putArray("cut_points");
      for (double cut : dimensions[d].cutPoints()) {
        cuts.add(cut);
      }
      dim.put("fixed", dimensions[d].fixed());
      dim.put("effective_bins", dimensions[d].effectiveBins());
      ObjectNode counts = dim.putObject("customers_per_score");
      for (int score = 1; score <= rfm.bins(); score++) {
        counts.put(letters[d] + "=" + score, scoreCounts[d][score]);
      }
    }
    ArrayNode warnings = node.putArray("warnings");
    rfm.warnings().forEach(warnings::add);
    writeGroup(node.putObject("segments"), groups.get("rfm_segment"));
  }

  private void writeGroup(ObjectNode node, Map<String, double[]> counts) {
    counts.forEach(
        (label, cell) -> {
          ObjectNode entry = node.putObject(label);
          entry.put("customers", (long) cell[0]);
          entry.put("monetary", round(cell[1]));
        });
  }

  private static double round(double value) {
    return Double.isFinite(value) ? Math.round(value * 100) / 100.0 : -1;
  }

  private static double round4(double value) {
    return Math.round(value * 10000) / 10000.0;
  }
}
