package io.tierwise.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tierwise.TierwiseException;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class GeneratorSettingsTest {

  @Test
  void parsesParameterLists() {
    assertThat(BgNbdParameters.parse("0.243, 4.414,0.793,2.426")).isEqualTo(BgNbdParameters.CDNOW);
    assertThat(GammaGammaParameters.parse("6.25,3.74,15.44")).isEqualTo(GammaGammaParameters.CDNOW);
  }

  @Test
  void rejectsMalformedParameterListsNamingTheOption() {
    assertThatThrownBy(() -> BgNbdParameters.parse("1,2,3"))
        .isInstanceOf(TierwiseException.class)
        .hasMessageContaining("--bgnbd expects 4");
    assertThatThrownBy(() -> GammaGammaParameters.parse("1,x,3"))
        .hasMessageContaining("--gamma-gamma")
        .hasMessageContaining("'x'");
    assertThatThrownBy(() -> BgNbdParameters.parse("0.2,-4,0.7,2"))
        .hasMessageContaining("--bgnbd alpha must be a positive");
  }

  @Test
  void rejectsImpossibleSettings() {
    assertThatThrownBy(() -> GeneratorSettings.of(-5, 1))
        .isInstanceOfSatisfying(
            TierwiseException.class,
            error ->
                assertThat(error.category()).isEqualTo(TierwiseException.Category.INVALID_INPUT))
        .hasMessageContaining("--customers");
    GeneratorSettings settings = GeneratorSettings.of(10, 1);
    assertThatThrownBy(
            () -> settings.withPeriod(LocalDate.of(2024, 1, 1), LocalDate.of(2023, 1, 1)))
        .hasMessageContaining("--end");
    assertThatThrownBy(
            () -> settings.withPeriod(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 2, 1)))
        .hasMessageContaining("--acquisition-weeks");
  }

  @Test
  void gammaGammaMeanIsInfiniteWithoutAFiniteMean() {
    assertThat(GammaGammaParameters.CDNOW.meanTransactionValue())
        .isEqualTo(6.25 * 15.44 / 2.74, org.assertj.core.api.Assertions.within(1e-9));
    assertThat(new GammaGammaParameters(1, 0.5, 1).meanTransactionValue()).isInfinite();
  }
}
