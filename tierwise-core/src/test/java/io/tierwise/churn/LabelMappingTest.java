package io.tierwise.churn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tierwise.TierwiseException;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LabelMappingTest {

  @Test
  void recognisesTheUsualPositiveValues() {
    assertThat(LabelMapping.infer("c", Set.of("No", "Yes"), 2, ""))
        .isEqualTo(new LabelMapping("Yes", "No"));
    assertThat(LabelMapping.infer("c", Set.of("false", "true"), 2, "").positive())
        .isEqualTo("true");
    assertThat(LabelMapping.infer("c", Set.of("0", "1"), 2, "").positive()).isEqualTo("1");
    assertThat(LabelMapping.infer("c", Set.of("active", "churned"), 2, "").positive())
        .isEqualTo("churned");
  }

  @Test
  void usesTheConfiguredPositiveValueCaseInsensitively() {
    LabelMapping mapping = LabelMapping.infer("c", Set.of("gone", "stayed"), 2, "GONE");
    assertThat(mapping).isEqualTo(new LabelMapping("gone", "stayed"));
    assertThat(mapping.encode(" Gone ")).isEqualTo(1);
    assertThat(mapping.encode("stayed")).isZero();
  }

  @Test
  void refusesALabelWithOneClass() {
    assertThatThrownBy(() -> LabelMapping.infer("Churn", Set.of("No"), 5, ""))
        .isInstanceOf(TierwiseException.class)
        .hasMessageContaining("single value 'No'");
  }

  @Test
  void asksForThePositiveValueWhenItCannotTell() {
    assertThatThrownBy(() -> LabelMapping.infer("status", Set.of("gone", "stayed"), 2, ""))
        .isInstanceOf(TierwiseException.class)
        .hasMessageContaining("--positive");
  }
}
