package io.tierwise.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.tierwise.TierwiseException;
import io.tierwise.ingest.Suggestions;
import io.tierwise.metrics.Indicator;
import io.tierwise.metrics.IndicatorSettings;
import io.tierwise.metrics.IndicatorWindows;
import io.tierwise.rules.RuleExpression;
import io.tierwise.rules.RuleExpression.ResultType;
import io.tierwise.rules.RuleExpression.VariableType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads and validates a policy file. A section the file leaves out is taken whole from the default
 * policy. Every error names the file and the key and says what was expected.
 */
final class PolicyReader {
  static final String DEFAULT_RESOURCE = "default-policy.yaml";
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Set<String> TOP_KEYS =
      new LinkedHashSet<>(
          List.of(
              "version",
              "name",
              "policy_version",
              "currency",
              "windows",
              "scores",
              "abc",
              "rfm",
              "value_tier",
              "activity",
              "behaviour",
              "needs",
              "relationship",
              "lifecycle",
              "tiering",
              "tags",
              "churn",
              "clusters",
              "potential_value"));
  private static final List<String> INDICATOR_KEYS =
      Arrays.stream(Indicator.values()).map(Indicator::key).toList();

  final String at;

  private PolicyReader(String origin) {
    this.at = origin + ": ";
  }

  static TieringPolicy defaults() {
    return parse(defaultText(), "default policy");
  }

  static String defaultText() {
    try (InputStream in = PolicyReader.class.getResourceAsStream(DEFAULT_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("default policy missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static TieringPolicy load(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw TierwiseException.invalidInput("policy file not found: " + file);
    } catch (IOException e) {
      throw TierwiseException.invalidInput("cannot read policy file " + file + ": " + e);
    }
    return parse(text, file.toString());
  }

  static TieringPolicy parse(String text, String origin) {
    PolicyReader reader = new PolicyReader(origin);
    JsonNode root = reader.tree(text);
    JsonNode defaults = reader.tree(defaultText());
    return reader.policy(text, merge(defaults, root));
  }

  private JsonNode tree(String text) {
    JsonNode root;
    try {
      root = YAML.readTree(text);
    } catch (JsonProcessingException e) {
      throw TierwiseException.invalidConfig(
          at
              + "not valid YAML at line "
              + (e.getLocation() == null ? "?" : e.getLocation().getLineNr())
              + ": "
              + e.getOriginalMessage());
    }
    if (root == null || !root.isObject()) {
      throw TierwiseException.invalidConfig(at + "expected a YAML mapping of policy sections");
    }
    Suggestions.requireKnownKeys(root, TOP_KEYS, at);
    JsonNode version = root.path("version");
    if (!version.isMissingNode() && version.asInt(-1) != 1) {
      throw TierwiseException.invalidConfig(at + "version: expected 1, got " + version);
    }
    return root;
  }

  private static JsonNode merge(JsonNode defaults, JsonNode policy) {
    ObjectNode merged = ((ObjectNode) defaults).deepCopy();
    policy.properties().forEach(entry -> merged.set(entry.getKey(), entry.getValue()));
    return merged;
  }

  private TieringPolicy policy(String text, JsonNode root) {
    IndicatorSettings indicators = indicatorSettings(root);
    TieringPolicy.Abc abc = abc(root.path("abc"));
    TieringPolicy.Rfm rfm = rfm(root.path("rfm"));
    TieringPolicy.ValueTier valueTier = valueTier(root.path("value_tier"));
    TieringPolicy.Activity activity = activity(root.path("activity"));
    Map<String, VariableType> early = PolicyVariables.indicators();
    RuleTable behaviour = ruleTable(root.path("behaviour"), "behaviour", early);
    RuleTable needs = ruleTable(root.path("needs"), "needs", early);
    RuleTable relationship = ruleTable(root.path("relationship"), "relationship", early);
    RuleTable lifecycle =
        ruleTable(root.path("lifecycle"), "lifecycle", PolicyVariables.lifecycle());
    TieringPolicy.Tiering tiering = tiering(root.path("tiering"));
    List<TieringPolicy.Tag> tags = tags(root.path("tags"));
    AnalyticsSections analytics = new AnalyticsSections(this);
    TieringPolicy.Churn churn = analytics.churn(root.path("churn"));
    TieringPolicy.Clusters clusters = analytics.clusters(root.path("clusters"));
    TieringPolicy.PotentialValue potentialValue =
        analytics.potentialValue(root.path("potential_value"));
    return new TieringPolicy(
        text(root.path("name"), "name", "default"),
        text(root.path("policy_version"), "policy_version", "1"),
        text,
        sha256(text),
        text(root.path("currency"), "currency", ""),
        indicators,
        abc,
        rfm,
        valueTier,
        activity,
        behaviour,
        needs,
        relationship,
        lifecycle,
        tiering,
        tags,
        churn,
        clusters,
        potentialValue);
  }

  private IndicatorSettings indicatorSettings(JsonNode root) {
    JsonNode windows = root.path("windows");
    section(
        windows,
        "windows",
        Set.of(
            "rfm_days",
            "value_days",
            "recent_days",
            "trend_days",
            "stability_periods",
            "interaction_days"));
    IndicatorWindows defaults = IndicatorWindows.DEFAULT;
    int valueDays =
        integer(windows.path("value_days"), "windows.value_days", defaults.valueDays(), 1, 36_500);
    IndicatorWindows parsed =
        new IndicatorWindows(
            integer(windows.path("rfm_days"), "windows.rfm_days", defaults.rfmDays(), 0, 36_500),
            valueDays,
            integer(
                windows.path("recent_days"),
                "windows.recent_days",
                defaults.recentDays(),
                1,
                36_500),
            integer(
                windows.path("trend_days"), "windows.trend_days", defaults.trendDays(), 1, 36_500),
            integer(
                windows.path("stability_periods"),
                "windows.stability_periods",
                defaults.stabilityPeriods(),
                2,
                Math.max(2, Math.min(valueDays, 120))),
            integer(
                windows.path("interaction_days"),
                "windows.interaction_days",
                defaults.interactionDays(),
                1,
                36_500));
    JsonNode scores = root.path("scores");
    section(scores, "scores", Set.of("strategic_column", "expert_column"));
    return new IndicatorSettings(
        parsed,
        text(scores.path("strategic_column"), "scores.strategic_column", ""),
        text(scores.path("expert_column"), "scores.expert_column", ""));
  }

  private TieringPolicy.Abc abc(JsonNode node) {
    section(node, "abc", Set.of("basis", "a_share", "b_share"));
    Indicator basis = indicator(node.path("basis"), "abc.basis", Indicator.MONETARY);
    double a = number(node.path("a_share"), "abc.a_share", 0.7, 0.0, 1.0);
    double b = number(node.path("b_share"), "abc.b_share", 0.2, 0.0, 1.0);
    if (a + b > 1.0 + 1e-12) {
      throw TierwiseException.invalidConfig(
          at + "abc.b_share: a_share + b_share is " + (a + b) + "; it must be at most 1");
    }
    return new TieringPolicy.Abc(basis, a, b);
  }

  private TieringPolicy.Rfm rfm(JsonNode node) {
    section(node, "rfm", Set.of("bins", "cut_points", "segments"));
    int bins = integer(node.path("bins"), "rfm.bins", 5, 2, 9);
    JsonNode cuts = node.path("cut_points");
    section(cuts, "rfm.cut_points", Set.of("recency_days", "frequency", "monetary"));
    List<Double> recency =
        cutPoints(cuts.path("recency_days"), "rfm.cut_points.recency_days", bins);
    List<Double> frequency = cutPoints(cuts.path("frequency"), "rfm.cut_points.frequency", bins);
    List<Double> monetary = cutPoints(cuts.path("monetary"), "rfm.cut_points.monetary", bins);
    JsonNode segments = node.path("segments");
    if (!segments.isArray() || segments.isEmpty()) {
      throw TierwiseException.invalidConfig(
          at + "rfm.segments: expected a list of {name, when} covering every score combination");
    }
    List<String> names = new ArrayList<>();
    List<RuleExpression> rules = new ArrayList<>();
    for (int i = 0; i < segments.size(); i++) {
      String key = "rfm.segments[" + i + "]";
      JsonNode segment = segments.get(i);
      section(segment, key, Set.of("name", "when"));
      String name = requiredText(segment.path("name"), key + ".name");
      if (names.contains(name)) {
        throw TierwiseException.invalidConfig(
            at + key + ".name: segment '" + name + "' defined twice");
      }
      names.add(name);
      rules.add(
          expression(
              segment.path("when"),
              key + ".when",
              ResultType.BOOLEAN,
              PolicyVariables.rfmSegments()));
    }
    RfmSegments table = RfmSegments.of(names, rules, bins, at + "rfm.segments");
    return new TieringPolicy.Rfm(bins, recency, frequency, monetary, table);
  }

  private List<Double> cutPoints(JsonNode node, String key, int bins) {
    if (node.isMissingNode() || node.isNull()) {
      return List.of();
    }
    if (!node.isArray() || node.size() != bins - 1) {
      throw TierwiseException.invalidConfig(
          at + key + ": expected a list of " + (bins - 1) + " ascending numbers (bins - 1)");
    }
    List<Double> values = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      double value = number(node.get(i), key + "[" + i + "]", Double.NaN, -1e300, 1e300);
      if (!values.isEmpty() && value <= values.get(values.size() - 1)) {
        throw TierwiseException.invalidConfig(
            at + key + "[" + i + "]: " + value + " is not above the previous cut point");
      }
      values.add(value);
    }
    return values;
  }

  private TieringPolicy.ValueTier valueTier(JsonNode node) {
    section(node, "value_tier", Set.of("weights", "vh_min", "vm_min"));
    JsonNode weights = node.path("weights");
    section(weights, "value_tier.weights", Set.of("current", "potential", "stability"));
    double current = number(weights.path("current"), "value_tier.weights.current", 0.5, 0, 1e6);
    double potential =
        number(weights.path("potential"), "value_tier.weights.potential", 0.3, 0, 1e6);
    double stability =
        number(weights.path("stability"), "value_tier.weights.stability", 0.2, 0, 1e6);
    if (current + potential + stability <= 0) {
      throw TierwiseException.invalidConfig(
          at + "value_tier.weights: at least one weight must be above 0");
    }
    double high = number(node.path("vh_min"), "value_tier.vh_min", 70, 0, 100);
    double medium = number(node.path("vm_min"), "value_tier.vm_min", 40, 0, 100);
    if (medium >= high) {
      throw TierwiseException.invalidConfig(
          at + "value_tier.vm_min: " + medium + " overlaps vh_min " + high + "; it must be lower");
    }
    return new TieringPolicy.ValueTier(current, potential, stability, high, medium);
  }

  private TieringPolicy.Activity activity(JsonNode node) {
    section(node, "activity", Set.of("silent_after_days", "churned_after_days"));
    int silent =
        integer(node.path("silent_after_days"), "activity.silent_after_days", 180, 1, 36_500);
    int churned =
        integer(node.path("churned_after_days"), "activity.churned_after_days", 365, 1, 36_500);
    if (churned <= silent) {
      throw TierwiseException.invalidConfig(
          at
              + "activity.churned_after_days: "
              + churned
              + " must be above silent_after_days ("
              + silent
              + ")");
    }
    return new TieringPolicy.Activity(silent, churned);
  }

  private RuleTable ruleTable(JsonNode node, String key, Map<String, VariableType> variables) {
    section(node, key, Set.of("rules", "default"));
    String defaultLabel = requiredText(node.path("default"), key + ".default");
    JsonNode rules = node.path("rules");
    if (!rules.isMissingNode() && !rules.isArray()) {
      throw TierwiseException.invalidConfig(at + key + ".rules: expected a list of {label, when}");
    }
    List<RuleTable.Rule> parsed = new ArrayList<>();
    for (int i = 0; i < rules.size(); i++) {
      String ruleKey = key + ".rules[" + i + "]";
      JsonNode rule = rules.get(i);
      section(rule, ruleKey, Set.of("label", "when"));
      parsed.add(
          new RuleTable.Rule(
              requiredText(rule.path("label"), ruleKey + ".label"),
              expression(rule.path("when"), ruleKey + ".when", ResultType.BOOLEAN, variables)));
    }
    return new RuleTable(key, parsed, defaultLabel);
  }

  private TieringPolicy.Tiering tiering(JsonNode node) {
    section(node, "tiering", Set.of("dimensions", "tiers"));
    JsonNode dimensions = node.path("dimensions");
    if (!dimensions.isArray() || dimensions.isEmpty()) {
      throw TierwiseException.invalidConfig(
          at + "tiering.dimensions: expected a list of {name, indicator, weight}");
    }
    List<TieringPolicy.Dimension> parsed = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < dimensions.size(); i++) {
      String key = "tiering.dimensions[" + i + "]";
      JsonNode dimension = dimensions.get(i);
      section(dimension, key, Set.of("name", "indicator", "direction", "weight", "phrase"));
      String name = requiredText(dimension.path("name"), key + ".name");
      if (!names.add(name)) {
        throw TierwiseException.invalidConfig(at + key + ".name: dimension '" + name + "' twice");
      }
      Indicator indicator = indicator(dimension.path("indicator"), key + ".indicator", null);
      String direction = text(dimension.path("direction"), key + ".direction", "higher");
      if (!direction.equals("higher") && !direction.equals("lower")) {
        throw TierwiseException.invalidConfig(
            at
                + key
                + ".direction: expected 'higher' or 'lower' (which values are better), got '"
                + direction
                + "'");
      }
      double weight = number(dimension.path("weight"), key + ".weight", Double.NaN, 0, 1e6);
      String phrase = text(dimension.path("phrase"), key + ".phrase", indicator.key());
      parsed.add(
          new TieringPolicy.Dimension(name, indicator, direction.equals("lower"), weight, phrase));
    }
    if (parsed.stream().mapToDouble(TieringPolicy.Dimension::weight).sum() <= 0) {
      throw TierwiseException.invalidConfig(
          at + "tiering.dimensions: at least one weight must be above 0");
    }
    JsonNode tiers = node.path("tiers");
    if (!tiers.isArray() || tiers.size() < 2) {
      throw TierwiseException.invalidConfig(
          at + "tiering.tiers: expected at least two {name, min_score}, best tier first");
    }
    List<TieringPolicy.Tier> tierList = new ArrayList<>();
    for (int i = 0; i < tiers.size(); i++) {
      String key = "tiering.tiers[" + i + "]";
      JsonNode tier = tiers.get(i);
      section(tier, key, Set.of("name", "min_score"));
      String name = requiredText(tier.path("name"), key + ".name");
      double min = number(tier.path("min_score"), key + ".min_score", Double.NaN, 0, 100);
      if (!tierList.isEmpty()) {
        TieringPolicy.Tier previous = tierList.get(tierList.size() - 1);
        if (min >= previous.minScore()) {
          throw TierwiseException.invalidConfig(
              at
                  + key
                  + ".min_score: "
                  + min
                  + " overlaps tier '"
                  + previous.name()
                  + "' (from "
                  + previous.minScore()
                  + "); list tiers best first with strictly falling min_score");
        }
      }
      if (tierList.stream().anyMatch(existing -> existing.name().equals(name))) {
        throw TierwiseException.invalidConfig(at + key + ".name: tier '" + name + "' twice");
      }
      tierList.add(new TieringPolicy.Tier(name, min));
    }
    if (tierList.get(tierList.size() - 1).minScore() != 0) {
      throw TierwiseException.invalidConfig(
          at
              + "tiering.tiers["
              + (tierList.size() - 1)
              + "].min_score: the last tier must start at 0 so every customer has a tier");
    }
    return new TieringPolicy.Tiering(parsed, tierList);
  }

  private List<TieringPolicy.Tag> tags(JsonNode node) {
    if (node.isMissingNode() || node.isNull()) {
      return List.of();
    }
    if (!node.isArray()) {
      throw TierwiseException.invalidConfig(at + "tags: expected a list of {tag, when}");
    }
    List<TieringPolicy.Tag> tags = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      String key = "tags[" + i + "]";
      section(node.get(i), key, Set.of("tag", "when"));
      String tag = requiredText(node.get(i).path("tag"), key + ".tag");
      if (tag.contains(";")) {
        throw TierwiseException.invalidConfig(
            at + key + ".tag: ';' separates tags; not allowed in a tag");
      }
      tags.add(
          new TieringPolicy.Tag(
              tag,
              expression(
                  node.get(i).path("when"),
                  key + ".when",
                  ResultType.BOOLEAN,
                  PolicyVariables.tags())));
    }
    return tags;
  }

  // ---- typed values; every error names the key

  private RuleExpression expression(
      JsonNode node, String key, ResultType type, Map<String, VariableType> variables) {
    String source = requiredText(node, key);
    return RuleExpression.compile(source, at + key, type, variables);
  }

  Indicator indicator(JsonNode node, String key, Indicator fallback) {
    if (node.isMissingNode() || node.isNull()) {
      if (fallback == null) {
        throw TierwiseException.invalidConfig(at + key + ": missing; expected an indicator name");
      }
      return fallback;
    }
    String name = node.asText();
    return Indicator.fromKey(name)
        .orElseThrow(
            () ->
                TierwiseException.invalidConfig(
                    at
                        + key
                        + ": unknown indicator '"
                        + name
                        + "'"
                        + Suggestions.didYouMean(name, INDICATOR_KEYS)
                        + "; see docs/indicators.md"));
  }

  void section(JsonNode node, String key, Set<String> allowed) {
    if (node.isMissingNode()) {
      return;
    }
    if (!node.isObject()) {
      throw TierwiseException.invalidConfig(
          at + key + ": expected a map with keys " + sorted(allowed));
    }
    Suggestions.requireKnownKeys(node, allowed, at + key + ".");
  }

  private static String sorted(Set<String> keys) {
    return String.join(", ", keys.stream().sorted().toList());
  }

  double number(JsonNode node, String key, double fallback, double min, double max) {
    if (node.isMissingNode() || node.isNull()) {
      if (Double.isNaN(fallback)) {
        throw TierwiseException.invalidConfig(at + key + ": missing; expected a number");
      }
      return fallback;
    }
    double value;
    if (node.isNumber()) {
      value = node.asDouble();
    } else {
      try {
        value = Double.parseDouble(node.asText().strip());
      } catch (NumberFormatException e) {
        throw TierwiseException.invalidConfig(
            at
                + key
                + ": expected a number from "
                + min
                + " to "
                + max
                + ", got '"
                + node.asText()
                + "'");
      }
    }
    if (!(value >= min && value <= max)) {
      throw TierwiseException.invalidConfig(
          at + key + ": " + value + " is out of range; expected " + min + " to " + max);
    }
    return value;
  }

  int integer(JsonNode node, String key, int fallback, int min, int max) {
    if (node.isMissingNode() || node.isNull()) {
      return fallback;
    }
    if (!node.canConvertToInt() || !node.isIntegralNumber()) {
      throw TierwiseException.invalidConfig(
          at
              + key
              + ": expected a whole number from "
              + min
              + " to "
              + max
              + ", got '"
              + node.asText()
              + "'");
    }
    int value = node.asInt();
    if (value < min || value > max) {
      throw TierwiseException.invalidConfig(
          at + key + ": " + value + " is out of range; expected " + min + " to " + max);
    }
    return value;
  }

  String text(JsonNode node, String key, String fallback) {
    if (node.isMissingNode() || node.isNull()) {
      return fallback;
    }
    if (!node.isValueNode()) {
      throw TierwiseException.invalidConfig(at + key + ": expected text");
    }
    return node.asText();
  }

  String requiredText(JsonNode node, String key) {
    String value = text(node, key, "");
    if (value.isBlank()) {
      throw TierwiseException.invalidConfig(at + key + ": missing; expected text");
    }
    return value;
  }

  private static String sha256(String text) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
