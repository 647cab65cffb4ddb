package io.tierwise.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ingest gives the same customers, reports and rejects whether the reading thread works out the
 * numbers, dates and id hashes of a batch (as it does when the folding thread is behind) or the
 * folding thread does: both paths, on rows with every kind of flaw.
 */
class WorkSharingTest {

  @TempDir Path dir;

  private static final String[] FLAWED_NUMBERS = {
    "", " 12.5 ", "abc", "-3", "0", "1e3", "7.", "NaN"
  };
  private static final String[] FLAWED_DATES = {
    "", "2024-02-30", "2024-13-01", "20240305", " 2024-03-05", "2024-03-05T10:00:00", "yesterday"
  };
  private static final String[] FLAWED_IDS = {"", " c7 ", "c7", "17.0", "17", "c\u00e97"};

  private void write(Random random) throws IOException {
    List<String> orders = new ArrayList<>(List.of("invoice,who,when,value,cost,qty,cat"));
    List<String> events =
        new ArrayList<>(List.of("customer_id,event_time,event_type,feature,duration_minutes"));
    for (int row = 0; row < 30_000; row++) {
      boolean flawed = random.nextInt(10) == 0;
      String who =
          flawed && random.nextBoolean()
              ? FLAWED_IDS[random.nextInt(FLAWED_IDS.length)]
              : Integer.toString(random.nextInt(3_000)) + (random.nextInt(5) == 0 ? ".0" : "");
      String when =
          flawed && random.nextBoolean()
              ? FLAWED_DATES[random.nextInt(FLAWED_DATES.length)]
              : String.format("2024-%02d-%02d", 1 + random.nextInt(12), 1 + random.nextInt(28));
      String value =
          flawed && random.nextBoolean()
              ? FLAWED_NUMBERS[random.nextInt(FLAWED_NUMBERS.length)]
              : random.nextInt(100_000) / 100.0 + "";
      String invoice = (random.nextInt(20) == 0 ? "C" : "A") + random.nextInt(40_000);
      orders.add(
          String.join(
              ",",
              invoice,
              who,
              when,
              value,
              random.nextInt(50) + ".5",
              flawed ? FLAWED_NUMBERS[random.nextInt(FLAWED_NUMBERS.length)] : "1",
              "cat" + random.nextInt(7)));
      if (random.nextInt(50) == 0) {
        orders.add(orders.get(orders.size() - 1)); // an exact duplicate
      }
      String time =
          flawed
              ? FLAWED_DATES[random.nextInt(FLAWED_DATES.length)]
              : String.format(
                  "2024-%02d-%02dT%02d:%02d:%02d",
                  1 + random.nextInt(12),
                  1 + random.nextInt(28),
                  random.nextInt(24),
                  random.nextInt(60),
                  random.nextInt(60));
      events.add(
          String.join(
              ",",
              Integer.toString(random.nextInt(3_000)),
              time,
              flawed ? "Feature-Use" : random.nextBoolean() ? "usage" : "feature_use",
              random.nextBoolean() ? "f" + random.nextInt(4) : "",
              flawed ? FLAWED_NUMBERS[random.nextInt(FLAWED_NUMBERS.length)] : "15"));
    }
    Files.write(dir.resolve("o.csv"), orders);
    Files.write(dir.resolve("e.csv"), events);
    Files.writeString(
        dir.resolve("mapping.yaml"),
        String.join(
            "\n",
            "sources:",
            "  orders:",
            "    files: o.csv",
            "    fields: {order_id: invoice, customer_id: {column: who, id_format: integer},",
            "             order_date: when, amount: value, cost: cost, quantity: qty,",
            "             category: cat}",
            "    cancellation: invoice.startsWith('C')",
            "  events:",
            "    files: e.csv",
            "    fields: {customer_id: customer_id, event_time: event_time, event_type: event_type,",
            "             feature: feature, duration_minutes: duration_minutes}",
            ""));
  }

  private String ingested(PrefetchingRowSource.Sharing sharing) throws IOException {
    Path rejects = dir.resolve("rejects-" + sharing + ".csv");
    IngestResult result;
    try (RejectsWriter writer = RejectsWriter.to(rejects)) {
      result =
          Ingest.run(
              SourceMapping.load(dir.resolve("mapping.yaml")),
              Ingest.Options.rejectsTo(writer),
              sharing);
    }
    StringBuilder text = new StringBuilder();
    text.append(result.sources()).append('\n').append(result.rejectsWritten()).append('\n');
    CustomerBase customers = result.customers();
    for (int i = 0; i < customers.size(); i++) {
      CustomerHistory history = customers.history(i);
      CustomerHistory.Purchases purchases = history.purchases();
      CustomerHistory.Interactions interactions = history.interactions();
      text.append(history.customerId())
          .append(Arrays.toString(purchases.days()))
          .append(Arrays.toString(purchases.revenue()))
          .append(Arrays.toString(purchases.cost()))
          .append(Arrays.toString(purchases.orders()))
          .append(purchases.quantity())
          .append(history.categoryCount())
          .append(Arrays.toString(interactions.days()))
          .append(Arrays.toString(interactions.types()))
          .append(Arrays.toString(interactions.counts()))
          .append(Arrays.toString(interactions.minutes()))
          .append(interactions.featuresUsed())
          .append('\n');
    }
    text.append(Files.readString(rejects));
    return text.toString();
  }

  @Test
  void theReadingThreadsPreparedValuesChangeNothing() throws IOException {
    write(new Random(11));
    String byFolding = ingested(PrefetchingRowSource.Sharing.NEVER);
    String byReading = ingested(PrefetchingRowSource.Sharing.ALWAYS);
    String adaptive = ingested(PrefetchingRowSource.Sharing.WHEN_AHEAD);
    assertThat(byFolding).contains("not a number").contains("invalid date");
    assertThat(byReading).isEqualTo(byFolding);
    assertThat(adaptive).isEqualTo(byFolding);
  }
}
