package io.tierwise.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CustomersCsvTest {

  @Test
  void anAttributeNamedLikeOneOfOurColumnsIsPrefixedAndReadBackUnderItsOwnName() {
    List<String> header = CustomersCsv.header(List.of("region", "tier", "strategic_score"));

    assertThat(header).endsWith("region", "attribute_tier", "attribute_strategic_score");
    assertThat(CustomersCsv.attributeName("attribute_tier")).isEqualTo("tier");
    assertThat(CustomersCsv.attributeName("attribute_strategic_score"))
        .isEqualTo("strategic_score");
    assertThat(CustomersCsv.attributeName("region")).isEqualTo("region");
    assertThat(CustomersCsv.attributeName("attribute_colour")).isEqualTo("attribute_colour");
  }
}
