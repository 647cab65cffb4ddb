package io.tierwise.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tierwise.TierwiseException;
import io.tierwise.churn.ChurnModelKind;
import io.tierwise.metrics.Indicator;
import org.junit.jupiter.api.Test;

class AnalyticsPolicyTest {

  private static void rejects(String yaml, String... fragments) {
    assertThatThrownBy(() -> TieringPolicy.parse(yaml, "p.yaml"))
        .isInstanceOf(TierwiseException.class)
        .satisfies(
            e ->
                assertThat(((TierwiseException) e).category())
                    .isEqualTo(TierwiseException.Category.INVALID_CONFIG))
        .hasMessageContainingAll(fragments);
  }

  @Test
  void theDefaultPolicyHasChurnAndClusterSections() {
    TieringPolicy policy = TieringPolicy.defaults();
    assertThat(policy.churn().enabled()).isTrue();
    assertThat(policy.churn().model()).isEqualTo(ChurnModelKind.LOGISTIC);
    assertThat(policy.churn().horizonDays()).isEqualTo(180);
    assertThat(policy.churn().riskBands()).hasSize(3);
    assertThat(policy.churn().band(0.7)).isEqualTo("high");
    assertThat(policy.churn().band(0.3)).isEqualTo("medium");
    assertThat(policy.churn().band(0.0)).isEqualTo("low");
    assertThat(policy.churn().valueIndicator()).isEqualTo(Indicator.REVENUE);
    assertThat(policy.clusters().k()).isZero();
    assertThat(policy.clusters().features()).contains(Indicator.ORDERS_PER_MONTH);
  }

  @Test
  void aPolicyMayChooseGbtAFixedKAndAllLeakFreeFeatures() {
    TieringPolicy policy =
        TieringPolicy.parse(
            "churn: { model: gbt, horizon_days: 90, features: [],"
                + " risk_bands: [{name: hot, min_probability: 0.5}, {name: cold, min_probability: 0}] }\n"
                + "clusters: { k: 5, features: [recency_days, monetary] }\n",
            "p.yaml");
    assertThat(policy.churn().model()).isEqualTo(ChurnModelKind.GBT);
    assertThat(policy.churn().features())
        .contains(Indicator.RECENCY_DAYS)
        .doesNotContain(Indicator.LATEST_NPS);
    assertThat(policy.clusters().k()).isEqualTo(5);
  }

  @Test
  void errorsNameTheKey() {
    rejects("churn: { modle: gbt }", "p.yaml: churn.modle: unknown key", "did you mean 'model'");
    rejects("churn: { model: forest }", "churn.model: unknown model 'forest'");
    rejects("churn: { horizon_days: 3 }", "churn.horizon_days: 3 is out of range");
    rejects(
        "churn: { features: [recency_dayz] }",
        "churn.features[0]: unknown indicator 'recency_dayz'");
    rejects(
        "churn: { features: [latest_nps] }",
        "churn.features[0]: 'latest_nps' cannot be computed as of a past date");
    rejects(
        "churn: { risk_bands: [{name: a, min_probability: 0.3}, {name: b, min_probability: 0.5}, {name: c, min_probability: 0}] }",
        "churn.risk_bands[1].min_probability: 0.5 overlaps band 'a'");
    rejects(
        "churn: { risk_bands: [{name: a, min_probability: 0.5}, {name: b, min_probability: 0.1}] }",
        "churn.risk_bands[1].min_probability: the last band must start at 0");
    rejects("churn: { alert_threshold: 1.5 }", "churn.alert_threshold: 1.5 is out of range");
    rejects("churn: { enabled: maybe }", "churn.enabled: expected true or false");
    rejects("clusters: { k: 1 }", "clusters.k: 1 is out of range");
    rejects("clusters: { k_range: [6, 3] }", "clusters.k_range[1]: 3 is below k_range[0] 6");
    rejects(
        "clusters: { features: [monetary, monetary] }",
        "clusters.features[1]: 'monetary' listed twice");
    rejects("clusters: { sead: 1 }", "clusters.sead: unknown key", "did you mean 'seed'");
  }

  @Test
  void anEmptySectionMeansTheShippedDefaults() {
    TieringPolicy empty =
        TieringPolicy.parse("churn: {}\nclusters: {}\npotential_value: {}\n", "empty sections");
    TieringPolicy defaults = TieringPolicy.defaults();
    org.assertj.core.api.Assertions.assertThat(empty.churn()).isEqualTo(defaults.churn());
    org.assertj.core.api.Assertions.assertThat(empty.clusters()).isEqualTo(defaults.clusters());
    org.assertj.core.api.Assertions.assertThat(empty.potentialValue())
        .isEqualTo(defaults.potentialValue());
  }
}
