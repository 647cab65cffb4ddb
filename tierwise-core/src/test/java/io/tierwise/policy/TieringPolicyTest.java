package io.tierwise.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tierwise.TierwiseException;
import io.tierwise.metrics.Indicator;
import java.util.List;
import org.junit.jupiter.api.Test;

class TieringPolicyTest {

  private static TierwiseException failure(String yaml) {
    try {
      TieringPolicy.parse(yaml, "test.yaml");
    } catch (TierwiseException e) {
      assertThat(e.category()).isEqualTo(TierwiseException.Category.INVALID_CONFIG);
      return e;
    }
    throw new AssertionError("policy was accepted:\n" + yaml);
  }

  @Test
  void defaultPolicyLoadsWithElevenSegmentsCoveringAllScores() {
    TieringPolicy policy = TieringPolicy.defaults();
    assertThat(policy.rfm().segments().names()).hasSize(11).contains("champions", "lost");
    assertThat(policy.rfm().segments().combinationCounts().stream().mapToInt(i -> i).sum())
        .isEqualTo(125);
    assertThat(policy.abc().basis()).isEqualTo(Indicator.MONETARY);
    assertThat(policy.tiering().tiers())
        .extracting(TieringPolicy.Tier::name)
        .containsExactly("Diamond", "Gold", "Silver", "Bronze");
    assertThat(policy.sha256()).hasSize(64);
  }

  @Test
  void aPartialPolicyTakesOtherSectionsFromTheDefault() {
    TieringPolicy policy =
        TieringPolicy.parse("abc: { basis: revenue, a_share: 0.8, b_share: 0.15 }", "p");
    assertThat(policy.abc().basis()).isEqualTo(Indicator.REVENUE);
    assertThat(policy.rfm().bins()).isEqualTo(5);
  }

  @Test
  void unknownIndicatorIsNamedWithItsKey() {
    assertThat(
            failure(
                    "tiering:\n  dimensions:\n    - { name: t, indicator: monetry, weight: 1 }\n"
                        + "  tiers: [{name: A, min_score: 50}, {name: B, min_score: 0}]")
                .getMessage())
        .contains("tiering.dimensions[0].indicator", "unknown indicator 'monetry'", "monetary");
  }

  @Test
  void weightThatDoesNotParseIsNamed() {
    assertThat(
            failure(
                    "tiering:\n  dimensions:\n    - { name: t, indicator: monetary, weight: heavy }\n"
                        + "  tiers: [{name: A, min_score: 50}, {name: B, min_score: 0}]")
                .getMessage())
        .contains("tiering.dimensions[0].weight", "'heavy'");
  }

  @Test
  void overlappingTierBoundsAreNamed() {
    assertThat(
            failure(
                    "tiering:\n  dimensions:\n    - { name: t, indicator: monetary, weight: 1 }\n"
                        + "  tiers: [{name: A, min_score: 50}, {name: B, min_score: 60},"
                        + " {name: C, min_score: 0}]")
                .getMessage())
        .contains("tiering.tiers[1].min_score", "overlaps tier 'A'");
  }

  @Test
  void expressionThatDoesNotCompileIsNamed() {
    assertThat(
            failure(
                    "needs:\n  rules:\n    - { label: x, when: \"consultation_shar > 0.1\" }\n  default: y")
                .getMessage())
        .contains("needs.rules[0].when", "does not compile");
  }

  @Test
  void overlappingSegmentsAreRejectedWithTheScores() {
    assertThat(
            failure(
                    "rfm:\n  segments:\n    - { name: all, when: \"r >= 1\" }\n"
                        + "    - { name: top, when: \"r == 5 && f == 5 && m == 5\" }")
                .getMessage())
        .contains("rfm.segments", "'all' and 'top' overlap at r=5 f=5 m=5");
  }

  @Test
  void uncoveredScoreCombinationsAreRejected() {
    assertThat(failure("rfm:\n  segments:\n    - { name: top, when: \"r >= 3\" }").getMessage())
        .contains("rfm.segments", "no segment covers r=1 f=1 m=1");
  }

  @Test
  void unknownKeysGetASuggestion() {
    assertThat(failure("activty: {}").getMessage()).contains("activty", "did you mean 'activity'");
    assertThat(failure("activity: { silent_after_days: 400 }").getMessage())
        .contains("activity.churned_after_days");
  }

  @Test
  void everyExamplePolicyLoads() throws java.io.IOException {
    try (var files =
        java.nio.file.Files.list(
            io.tierwise.testing.SharedData.repository().resolve("examples/policies"))) {
      files.forEach(file -> assertThat(TieringPolicy.load(file).name()).isNotBlank());
    }
  }

  /**
   * Classification evaluates every rule for every customer: the shipped policies' rules must all be
   * in the part of CEL that runs as Java (ADR 0002), or a million customers pay CEL's interpreter
   * again.
   */
  @Test
  void everyRuleOfTheShippedPoliciesIsTranslated() throws java.io.IOException {
    List<TieringPolicy> policies = new java.util.ArrayList<>();
    policies.add(TieringPolicy.defaults());
    try (var files =
        java.nio.file.Files.list(
            io.tierwise.testing.SharedData.repository().resolve("examples/policies"))) {
      files.forEach(file -> policies.add(TieringPolicy.load(file)));
    }
    for (TieringPolicy policy : policies) {
      List<io.tierwise.rules.RuleExpression> rules = new java.util.ArrayList<>();
      for (RuleTable table :
          List.of(policy.behaviour(), policy.needs(), policy.relationship(), policy.lifecycle())) {
        table.rules().forEach(rule -> rules.add(rule.when()));
      }
      policy.tags().forEach(tag -> rules.add(tag.when()));
      assertThat(rules).hasSizeGreaterThan(10);
      assertThat(rules)
          .as(policy.name())
          .allSatisfy(rule -> assertThat(rule.translated()).as(rule.source()).isTrue());
    }
  }

  @Test
  void missingPolicyFileIsInvalidInput() {
    assertThatThrownBy(() -> TieringPolicy.load(java.nio.file.Path.of("/no/such/policy.yaml")))
        .isInstanceOf(TierwiseException.class)
        .hasMessageContaining("policy file not found");
  }
}
