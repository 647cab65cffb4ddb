package io.tierwise.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.NamedCsvRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks a sample of 20,000 customers against the parameters that made it. Tolerances are four
 * standard errors of the sample mean (one failure in ~16,000 runs by chance; the seed is fixed, so
 * a failure means the generator changed, not bad luck).
 */
class SyntheticCompanyGeneratorTest {
  private static final int CUSTOMERS = 20_000;
  private static final GeneratorSettings SETTINGS = GeneratorSettings.of(CUSTOMERS, 7);

  @TempDir static Path directory;
  private static GenerationSummary summary;

  @BeforeAll
  static void generate() {
    summary = new SyntheticCompanyGenerator().generate(SETTINGS, directory);
  }

  @Test
  void latentDrawsMatchTheBgNbdAndGammaGammaPopulationMeans() {
    double[] sums = new double[3];
    read(
        "truth-customers.csv",
        row -> {
          sums[0] += Double.parseDouble(row.getField("lambda"));
          sums[1] += Double.parseDouble(row.getField("p"));
          sums[2] += Double.parseDouble(row.getField("nu"));
        });
    BgNbdParameters bgNbd = SETTINGS.bgNbd();
    GammaGammaParameters gammaGamma = SETTINGS.gammaGamma();
    // Gamma(r, rate alpha) has sd sqrt(r)/alpha = 0.112: SE 0.00079 at n = 20,000.
    assertThat(sums[0] / CUSTOMERS).isCloseTo(bgNbd.meanRate(), within(4 * 0.112 / 141.4));
    // Beta(a, b) has sd 0.210: SE 0.0015.
    assertThat(sums[1] / CUSTOMERS).isCloseTo(bgNbd.meanDropout(), within(4 * 0.210 / 141.4));
    // Gamma(q, rate gamma) has mean q/gamma = 0.242, sd sqrt(q)/gamma = 0.125: SE 0.00089.
    assertThat(sums[2] / CUSTOMERS)
        .isCloseTo(gammaGamma.q() / gammaGamma.gamma(), within(4 * 0.125 / 141.4));
  }

  @Test
  void transactionValuesMatchTheGammaGammaMean() {
    double[] firstOrders = new double[2];
    double[] allOrders = new double[2];
    read(
        "orders.csv",
        row -> {
          double amount = Double.parseDouble(row.getField("amount"));
          allOrders[0] += amount;
          allOrders[1]++;
          if (row.getField("order_id").endsWith("-0001")) {
            firstOrders[0] += amount;
            firstOrders[1]++;
          }
        });
    double expected = SETTINGS.gammaGamma().meanTransactionValue();
    // One first order per customer, independent: z has sd ~32 under CDNOW values, SE 0.23.
    assertThat(firstOrders[1]).isEqualTo(CUSTOMERS);
    assertThat(firstOrders[0] / firstOrders[1]).isCloseTo(expected, within(4 * 32 / 141.4));
    // All orders share their customer's nu, so they are clustered: a wider, 8 % band.
    assertThat(allOrders[0] / allOrders[1]).isCloseTo(expected, within(0.08 * expected));
    assertThat((long) allOrders[1]).isEqualTo(summary.orders());
  }

  @Test
  void shareOfCustomersWithoutRepeatPurchaseMatchesTheModel() {
    Map<String, Integer> orders = new HashMap<>();
    read("orders.csv", row -> orders.merge(row.getField("customer_id"), 1, Integer::sum));
    long withoutRepeat = orders.values().stream().filter(count -> count == 1).count();
    // P(no repeat in t weeks) = (alpha / (alpha + t))^r, averaged over uniform births.
    BgNbdParameters bgNbd = SETTINGS.bgNbd();
    double expected = 0;
    int steps = 1000;
    for (int i = 0; i < steps; i++) {
      double observed = SETTINGS.weeks() - (i + 0.5) / steps * SETTINGS.acquisitionWeeks();
      expected += Math.pow(bgNbd.alpha() / (bgNbd.alpha() + observed), bgNbd.r()) / steps;
    }
    // A proportion near 0.47: SE 0.0035.
    assertThat((double) withoutRepeat / CUSTOMERS).isCloseTo(expected, within(4 * 0.0035));
  }

  @Test
  void behaviourGroupsHaveTheirDocumentedShares() {
    Map<String, Long> groups = summary.behaviourGroups();
    assertThat(groups.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(CUSTOMERS);
    // Proportions: SE at most 0.0035.
    assertThat(share(groups, "power_user")).isCloseTo(0.10, within(0.014));
    assertThat(share(groups, "high_frequency")).isCloseTo(0.15, within(0.014));
    assertThat(share(groups, "low_frequency_high_ticket")).isCloseTo(0.1875, within(0.014));
    assertThat(share(groups, "occasional")).isCloseTo(0.5625, within(0.014));
  }

  @Test
  void latentLabelsLeaveClearTracesInTheEvents() {
    Map<String, String> needs = new HashMap<>();
    Map<String, String> groups = new HashMap<>();
    read(
        "truth-customers.csv",
        row -> {
          needs.put(row.getField("customer_id"), row.getField("needs_type"));
          groups.put(row.getField("customer_id"), row.getField("behaviour_group"));
        });
    Map<String, long[]> byNeeds = new HashMap<>();
    Map<String, Set<String>> featuresByCustomer = new HashMap<>();
    read(
        "events.csv",
        row -> {
          String customer = row.getField("customer_id");
          long[] tally = byNeeds.computeIfAbsent(needs.get(customer), key -> new long[2]);
          tally[0]++;
          if (row.getField("event_type").equals("custom_request")) {
            tally[1]++;
          }
          if (row.getField("event_type").equals("feature_use")) {
            featuresByCustomer
                .computeIfAbsent(customer, key -> new java.util.HashSet<>())
                .add(row.getField("feature"));
          }
        });
    double customised = (double) byNeeds.get("customised")[1] / byNeeds.get("customised")[0];
    double standardised = (double) byNeeds.get("standardised")[1] / byNeeds.get("standardised")[0];
    assertThat(customised).isGreaterThan(5 * standardised);

    double[] powerFeatures = new double[2];
    double[] occasionalFeatures = new double[2];
    groups.forEach(
        (customer, group) -> {
          int used = featuresByCustomer.getOrDefault(customer, Set.of()).size();
          double[] target =
              group.equals("power_user")
                  ? powerFeatures
                  : group.equals("occasional") ? occasionalFeatures : null;
          if (target != null) {
            target[0] += used;
            target[1]++;
          }
        });
    assertThat(powerFeatures[0] / powerFeatures[1])
        .isGreaterThan(4 * occasionalFeatures[0] / occasionalFeatures[1]);
  }

  @Test
  void churnedCustomersAnswerSurveysMoreNegatively() {
    Map<String, Boolean> alive = new HashMap<>();
    read(
        "truth-customers.csv",
        row -> {
          boolean isAlive = Boolean.parseBoolean(row.getField("alive_at_end"));
          alive.put(row.getField("customer_id"), isAlive);
          assertThat(row.getField("dropout_date").isEmpty()).isEqualTo(isAlive);
        });
    double[] churnedNps = new double[2];
    double[] aliveNps = new double[2];
    read(
        "surveys.csv",
        row -> {
          if (!row.getField("nps").isEmpty()) {
            double[] target = alive.get(row.getField("customer_id")) ? aliveNps : churnedNps;
            target[0] += Integer.parseInt(row.getField("nps"));
            target[1]++;
          }
        });
    assertThat(churnedNps[0] / churnedNps[1]).isLessThan(aliveNps[0] / aliveNps[1] - 1.5);
  }

  @Test
  void filesHaveTheDocumentedHeadersAndValidValues() {
    assertThat(header("customers.csv")).containsExactly(DataFiles.CUSTOMER_COLUMNS);
    assertThat(header("orders.csv")).containsExactly(DataFiles.ORDER_COLUMNS);
    assertThat(header("events.csv")).containsExactly(DataFiles.EVENT_COLUMNS);
    assertThat(header("surveys.csv")).containsExactly(DataFiles.SURVEY_COLUMNS);
    assertThat(header("truth-customers.csv")).containsExactly(DataFiles.TRUTH_COLUMNS);

    Set<String> eventTypes =
        Set.of(
            "login",
            "usage",
            "feature_use",
            "support_ticket",
            "consultation",
            "custom_request",
            "self_service",
            "referral",
            "complaint",
            "purchase_inquiry");
    LocalDateTime first = SETTINGS.start().atStartOfDay();
    LocalDateTime last = SETTINGS.end().plusDays(1).atStartOfDay();
    read(
        "events.csv",
        row -> {
          assertThat(eventTypes).contains(row.getField("event_type"));
          assertThat(LocalDateTime.parse(row.getField("event_time"))).isBetween(first, last);
        });
    read(
        "orders.csv",
        row -> {
          assertThat(LocalDate.parse(row.getField("order_date")))
              .isBetween(SETTINGS.start(), SETTINGS.end());
          assertThat(Double.parseDouble(row.getField("amount"))).isPositive();
          assertThat(Double.parseDouble(row.getField("cost"))).isNotNegative();
        });
    read(
        "surveys.csv",
        row -> {
          assertThat(row.getField("csat").isEmpty() && row.getField("nps").isEmpty()).isFalse();
          if (!row.getField("csat").isEmpty()) {
            assertThat(Integer.parseInt(row.getField("csat"))).isBetween(1, 5);
          }
          if (!row.getField("nps").isEmpty()) {
            assertThat(Integer.parseInt(row.getField("nps"))).isBetween(0, 10);
          }
        });
    long[] customers = new long[1];
    read(
        "customers.csv",
        row -> {
          customers[0]++;
          LocalDate.parse(row.getField("signup_date"));
          assertThat(Integer.parseInt(row.getField("strategic_score"))).isBetween(0, 100);
          assertThat(Integer.parseInt(row.getField("expert_score"))).isBetween(0, 100);
        });
    assertThat(customers[0]).isEqualTo(CUSTOMERS);
  }

  @Test
  void truthSummaryRecordsSettingsAndCounts() throws IOException {
    JsonNode truth = new ObjectMapper().readTree(directory.resolve("truth.json").toFile());
    assertThat(truth.path("seed").asLong()).isEqualTo(7);
    assertThat(truth.path("bgnbd").path("r").asDouble()).isEqualTo(0.243);
    assertThat(truth.path("gamma_gamma").path("gamma").asDouble()).isEqualTo(15.44);
    assertThat(truth.path("counts").path("orders").asLong()).isEqualTo(summary.orders());
    assertThat(truth.path("counts").path("events").asLong()).isEqualTo(summary.events());
    assertThat(truth.path("customer_truth").path("file").asText()).isEqualTo("truth-customers.csv");
  }

  private static double share(Map<String, Long> counts, String key) {
    return (double) counts.get(key) / CUSTOMERS;
  }

  private static List<String> header(String file) {
    try (CsvReader<NamedCsvRecord> reader =
        CsvReader.builder().ofNamedCsvRecord(directory.resolve(file))) {
      return reader.iterator().next().getHeader();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void read(String file, Consumer<NamedCsvRecord> action) {
    try (CsvReader<NamedCsvRecord> reader =
        CsvReader.builder().ofNamedCsvRecord(directory.resolve(file))) {
      reader.forEach(action);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
