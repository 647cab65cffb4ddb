package io.tierwise;

import static org.assertj.core.api.Assertions.assertThat;

import io.tierwise.ingest.SourceKind;
import io.tierwise.ingest.SourceMapping;
import io.tierwise.policy.TieringPolicy;
import io.tierwise.quality.QualityThresholds;
import io.tierwise.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every example the repository ships loads: mappings, their quality blocks, and policies. */
class ExamplesTest {

  private static List<Path> files(String glob) throws IOException {
    Path examples = SharedData.repository().resolve("examples");
    try (Stream<Path> paths = Files.walk(examples)) {
      return paths
          .filter(path -> path.getFileSystem().getPathMatcher("glob:" + glob).matches(path))
          .sorted()
          .toList();
    }
  }

  @Test
  void everyExampleMappingLoads() throws IOException {
    List<Path> mappings = files("**/mapping.yaml");
    assertThat(mappings).hasSizeGreaterThanOrEqualTo(3);
    for (Path mapping : mappings) {
      SourceMapping loaded = SourceMapping.load(mapping);
      assertThat(loaded.source(SourceKind.ORDERS)).as(mapping.toString()).isPresent();
      QualityThresholds.fromMappingFile(mapping);
    }
  }

  @Test
  void everyExamplePolicyLoads() throws IOException {
    List<Path> policies = files("**/policies/*.yaml");
    assertThat(policies).isNotEmpty();
    for (Path policy : policies) {
      assertThat(TieringPolicy.load(policy).name()).as(policy.toString()).isNotBlank();
    }
  }
}
