package io.tierwise.synth;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tierwise.TierwiseException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongConsumer;

/**
 * Writes a synthetic company whose truth is known: customers.csv, orders.csv, events.csv,
 * surveys.csv (in the format of docs/data-format.md), truth-customers.csv with every customer's
 * latent labels and draws, and truth.json with the settings and counts.
 *
 * <p>Customers are simulated one after the other in index order, each from random streams derived
 * from (seed, index); nothing is kept per customer after its rows are written, so memory is
 * constant and equal settings give byte-identical files. Stateless and thread-safe: each call has
 * its own state.
 */
public final class SyntheticCompanyGenerator {
  /** Name of the truth summary written next to the data. */
  public static final String TRUTH_FILE = "truth.json";

  /** The truth summary format; raise it when fields change meaning. */
  public static final int TRUTH_FORMAT_VERSION = 1;

  private static final long PROGRESS_STEP = 100_000;

  /** Generates into {@code directory}, creating it if needed and replacing existing files. */
  public GenerationSummary generate(GeneratorSettings settings, Path directory) {
    return generate(settings, directory, done -> {});
  }

  /**
   * Generates into {@code directory}; {@code progress} hears the number of customers written every
   * 100,000 customers and at the end.
   */
  public GenerationSummary generate(
      GeneratorSettings settings, Path directory, LongConsumer progress) {
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(directory, "directory");
    Objects.requireNonNull(progress, "progress");
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw TierwiseException.storage(
          "cannot create output directory " + directory + ": " + e.getMessage(), e);
    }
    GenerationCounts counts = new GenerationCounts();
    try (DataFiles files = DataFiles.open(directory, settings.gzip())) {
      CustomerSimulator simulator = new CustomerSimulator(settings, files, counts);
      for (long index = 0; index < settings.customers(); index++) {
        simulator.simulate(index);
        if ((index + 1) % PROGRESS_STEP == 0) {
          progress.accept(index + 1);
        }
      }
    } catch (IOException | UncheckedIOException e) {
      throw TierwiseException.storage(
          "cannot write generated data to " + directory + ": " + e.getMessage(), e);
    }
    progress.accept(counts.customers);
    writeTruth(settings, directory, counts);
    return summary(directory, counts);
  }

  private static void writeTruth(
      GeneratorSettings settings, Path directory, GenerationCounts counts) {
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = mapper.createObjectNode();
    root.put("format", "tierwise-synthetic-truth");
    root.put("format_version", TRUTH_FORMAT_VERSION);
    root.put("seed", settings.seed());
    root.put("start", settings.start().toString());
    root.put("end", settings.end().toString());
    root.put("days", settings.days());
    root.put("time_unit", "week");
    root.put("acquisition_weeks", settings.acquisitionWeeks());
    root.put("survey_share", settings.surveyShare());

    ObjectNode bgNbd = root.putObject("bgnbd");
    bgNbd.put("r", settings.bgNbd().r());
    bgNbd.put("alpha", settings.bgNbd().alpha());
    bgNbd.put("a", settings.bgNbd().a());
    bgNbd.put("b", settings.bgNbd().b());
    ObjectNode gammaGamma = root.putObject("gamma_gamma");
    gammaGamma.put("p", settings.gammaGamma().p());
    gammaGamma.put("q", settings.gammaGamma().q());
    gammaGamma.put("gamma", settings.gammaGamma().gamma());
    ObjectNode expected = root.putObject("population_means");
    expected.put("lambda", settings.bgNbd().meanRate());
    expected.put("p", settings.bgNbd().meanDropout());
    expected.put("transaction_value", settings.gammaGamma().meanTransactionValue());

    root.put(
        "order_layout",
        "one row per order (no order lines); orders.csv is grouped by customer in customer order"
            + " and sorted by date within a customer, not sorted by date overall; several orders"
            + " of one customer may share a date");
    ObjectNode files = root.putObject("files");
    for (String source : new String[] {"customers", "orders", "events", "surveys"}) {
      files.put(source, DataFiles.fileName(source, settings.gzip()));
    }

    ObjectNode written = root.putObject("counts");
    written.put("customers", counts.customers);
    written.put("orders", counts.orders);
    written.put("repeat_orders", counts.orders - counts.customers);
    written.put("events", counts.events);
    written.put("surveys", counts.surveys);
    written.put("churned", counts.churned);
    written.put("alive_at_end", counts.customers - counts.churned);
    written.put("revenue", BigDecimal.valueOf(counts.revenueCents, 2));
    putCounts(written.putObject("behaviour_groups"), groupCounts(counts));
    putCounts(written.putObject("needs_types"), needsCounts(counts));

    ObjectNode customerTruth = root.putObject("customer_truth");
    customerTruth.put("file", DataFiles.fileName("truth-customers", settings.gzip()));
    ArrayNode columns = customerTruth.putArray("columns");
    for (String column : DataFiles.TRUTH_COLUMNS) {
      columns.add(column);
    }
    customerTruth.put(
        "behaviour_group_rule",
        "lambda above the 75th percentile of Gamma(r, alpha): power_user with probability 0.4,"
            + " else high_frequency; otherwise nu below the 25th percentile of Gamma(q, gamma):"
            + " low_frequency_high_ticket, else occasional");
    customerTruth.put(
        "dropout_rule",
        "after each repeat purchase the customer drops out with probability p; dropout_date is"
            + " the date of that purchase; alive_at_end is true when no dropout happened by end");
    try {
      mapper.writeValue(directory.resolve(TRUTH_FILE).toFile(), root);
    } catch (IOException e) {
      throw TierwiseException.storage(
          "cannot write " + directory.resolve(TRUTH_FILE) + ": " + e.getMessage(), e);
    }
  }

  private static void putCounts(ObjectNode node, Map<String, Long> counts) {
    counts.forEach(node::put);
  }

  private static Map<String, Long> groupCounts(GenerationCounts counts) {
    Map<String, Long> groups = new LinkedHashMap<>();
    for (BehaviourGroup group : BehaviourGroup.values()) {
      groups.put(group.label(), counts.groups[group.ordinal()]);
    }
    return groups;
  }

  private static Map<String, Long> needsCounts(GenerationCounts counts) {
    Map<String, Long> needs = new LinkedHashMap<>();
    for (NeedsType type : NeedsType.values()) {
      needs.put(type.label(), counts.needs[type.ordinal()]);
    }
    return needs;
  }

  private static GenerationSummary summary(Path directory, GenerationCounts counts) {
    return new GenerationSummary(
        directory,
        counts.customers,
        counts.orders,
        counts.events,
        counts.surveys,
        counts.churned,
        groupCounts(counts),
        needsCounts(counts));
  }
}
