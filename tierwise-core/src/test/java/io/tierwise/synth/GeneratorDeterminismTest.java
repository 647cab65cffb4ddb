package io.tierwise.synth;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GeneratorDeterminismTest {
  private static final List<String> FILES =
      List.of(
          "customers.csv",
          "orders.csv",
          "events.csv",
          "surveys.csv",
          "truth-customers.csv",
          "truth.json");

  @TempDir Path directory;

  @Test
  void sameSettingsWriteTheSameBytes() throws IOException {
    GeneratorSettings settings = GeneratorSettings.of(2_000, 42);
    new SyntheticCompanyGenerator().generate(settings, directory.resolve("first"));
    new SyntheticCompanyGenerator().generate(settings, directory.resolve("second"));
    for (String file : FILES) {
      assertThat(Files.readAllBytes(directory.resolve("second").resolve(file)))
          .as(file)
          .isEqualTo(Files.readAllBytes(directory.resolve("first").resolve(file)));
    }
  }

  @Test
  void gzipOutputIsReproducibleAndHoldsTheSameData() throws IOException {
    GeneratorSettings settings = GeneratorSettings.of(500, 42).withGzip(true);
    new SyntheticCompanyGenerator().generate(settings, directory.resolve("first"));
    new SyntheticCompanyGenerator().generate(settings, directory.resolve("second"));
    new SyntheticCompanyGenerator().generate(settings.withGzip(false), directory.resolve("plain"));
    Path gzipped = directory.resolve("first").resolve("orders.csv.gz");
    assertThat(Files.readAllBytes(directory.resolve("second").resolve("orders.csv.gz")))
        .isEqualTo(Files.readAllBytes(gzipped));
    try (var in = new java.util.zip.GZIPInputStream(Files.newInputStream(gzipped))) {
      assertThat(in.readAllBytes())
          .isEqualTo(Files.readAllBytes(directory.resolve("plain").resolve("orders.csv")));
    }
  }

  @Test
  void aCustomerDoesNotDependOnHowManyOthersAreGenerated() throws IOException {
    new SyntheticCompanyGenerator()
        .generate(GeneratorSettings.of(300, 5), directory.resolve("small"));
    new SyntheticCompanyGenerator()
        .generate(GeneratorSettings.of(600, 5), directory.resolve("large"));
    List<String> small = Files.readAllLines(directory.resolve("small").resolve("orders.csv"));
    List<String> large = Files.readAllLines(directory.resolve("large").resolve("orders.csv"));
    assertThat(large.subList(0, small.size())).isEqualTo(small);
  }

  @Test
  void anotherSeedGivesOtherData() throws IOException {
    new SyntheticCompanyGenerator()
        .generate(GeneratorSettings.of(300, 1), directory.resolve("one"));
    new SyntheticCompanyGenerator()
        .generate(GeneratorSettings.of(300, 2), directory.resolve("two"));
    assertThat(Files.readAllBytes(directory.resolve("two").resolve("orders.csv")))
        .isNotEqualTo(Files.readAllBytes(directory.resolve("one").resolve("orders.csv")));
  }
}
