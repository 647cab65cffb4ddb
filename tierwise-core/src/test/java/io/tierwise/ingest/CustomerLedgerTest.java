package io.tierwise.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What ingest keeps per customer: days merged, orders counted, duplicates and cancellations. */
class CustomerLedgerTest {

  @TempDir Path dir;

  private static int day(String date) {
    return (int) LocalDate.parse(date).toEpochDay();
  }

  private IngestResult ingest(String duplicates) throws IOException {
    Files.writeString(
        dir.resolve("o.csv"),
        String.join(
            "\n",
            "invoice,who,when,value,cost,kind,cat",
            "A1,c1,2024-03-05,10,4,sale,x",
            "A1,c1,2024-03-05,5,2,sale,y",
            "A2,c1,2024-03-05,20,8,sale,x",
            "A0,c1,2024-01-02,7,3,sale,z",
            "A0,c1,2024-01-02,7,3,sale,z",
            "A3,c2,2024-02-01,50,10,sale,x",
            "R1,c2,2024-02-03,50,0,refund,x",
            "R2,c1,2024-02-01,99,0,refund,x",
            ""));
    Files.writeString(
        dir.resolve("e.csv"),
        String.join(
            "\n",
            "customer_id,event_time,event_type,feature,duration_minutes",
            "c1,2024-03-01T10:00:00,usage,,30",
            "c1,2024-03-01T11:00:00,usage,,15",
            "c1,2024-02-01,feature_use,reports,",
            "c1,2024-03-01T10:00:00,usage,,30",
            "c1,2024-03-02,feature_use,export,",
            "c1,2024-03-02,feature_use,reports,",
            ""));
    Path mapping = dir.resolve("mapping.yaml");
    Files.writeString(
        mapping,
        String.join(
            "\n",
            "sources:",
            "  orders:",
            "    files: o.csv",
            "    fields: {order_id: invoice, customer_id: who, order_date: when, amount: value,",
            "             cost: cost, category: cat}",
            "    cancellation: kind == 'refund'",
            "    duplicates: " + duplicates,
            "  events:",
            "    files: e.csv",
            "    fields: {customer_id: customer_id, event_time: event_time, event_type: event_type,",
            "             feature: feature, duration_minutes: duration_minutes}",
            "    duplicates: " + duplicates,
            ""));
    return Ingest.run(SourceMapping.load(mapping), dir.resolve("rejects.csv"));
  }

  @Test
  void mergesLinesPerDayCountsOrdersAndKeepsDuplicatesWhenAsked() throws IOException {
    IngestResult result = ingest("keep");
    CustomerHistory c1 = result.customers().history(0);

    assertThat(c1.customerId()).isEqualTo("c1");
    assertThat(c1.purchases().days()).containsExactly(day("2024-01-02"), day("2024-03-05"));
    assertThat(c1.purchases().revenue()).containsExactly(14.0, 35.0);
    assertThat(c1.purchases().cost()).containsExactly(6.0, 14.0);
    assertThat(c1.purchases().orders()).containsExactly(1, 2);
    assertThat(c1.categoryCount()).isEqualTo(3);
    SourceReport orders = result.source(SourceKind.ORDERS).orElseThrow();
    assertThat(orders.duplicates()).isEqualTo(1);
    assertThat(orders.cancellations()).isEqualTo(2);
    assertThat(orders.cancellationsMatched()).isEqualTo(1);
    assertThat(orders.rejectsByReason())
        .containsEntry("cancellation without a matching earlier purchase of the customer", 1L);

    CustomerHistory c2 = result.customers().history(1);
    assertThat(c2.purchases().dayCount()).as("a purchase cancelled whole is gone").isZero();

    CustomerHistory.Interactions events = c1.interactions();
    assertThat(events.count(EventType.USAGE, day("2024-03-01"), day("2024-03-01"))).isEqualTo(3);
    assertThat(events.count(EventType.FEATURE_USE, day("2024-01-01"), day("2024-12-31")))
        .isEqualTo(3);
    assertThat(events.featuresUsed()).isEqualTo(2);
    assertThat(events.minutes()[0] + events.minutes()[1]).isEqualTo(75.0);
    assertThat(result.source(SourceKind.EVENTS).orElseThrow().duplicates()).isEqualTo(1);
  }

  @Test
  void rejectsDuplicatesWhenTheMappingSaysSo() throws IOException {
    IngestResult result = ingest("reject");
    CustomerHistory c1 = result.customers().history(0);

    assertThat(c1.purchases().revenue()).containsExactly(7.0, 35.0);
    assertThat(c1.interactions().count(EventType.USAGE, day("2024-03-01"), day("2024-03-01")))
        .isEqualTo(2);
    assertThat(result.source(SourceKind.ORDERS).orElseThrow().rejectsByReason())
        .containsEntry("exact duplicate of an earlier row", 1L);
    assertThat(Files.readAllLines(dir.resolve("rejects.csv")))
        .anyMatch(
            line ->
                line.contains("o.csv,6,,") && line.endsWith("exact duplicate of an earlier row"));
  }

  /**
   * Category names that share the ledger's cache slot (same length, same last and middle character)
   * are still told apart, and each customer counts its distinct ones.
   */
  @Test
  void categoriesSharingACacheSlotAreStillDistinct() {
    CustomerLedger ledger = new CustomerLedger(Ingest.Keep.EVERYTHING);
    int first = ledger.intern("c1");
    int second = ledger.intern("c2");
    String[] rows = {"xa-z", "ya-z", "xa-z", "za-z", "ya-z", "other"};
    for (String category : rows) {
      ledger.category(
          first, new CharSlice().set(("," + category).toCharArray(), 1, category.length()));
    }
    ledger.category(second, "za-z");
    ledger.category(second, "za-z");
    CustomerBase base = ledger.freeze();
    assertThat(base.history(first).categoryCount()).isEqualTo(4);
    assertThat(base.history(second).categoryCount()).isEqualTo(1);
  }

  /** Attribute values are stripped, interned once, and the latest non-blank value wins. */
  @Test
  void attributeValuesAreStrippedSharedAndLatestWins() {
    CustomerLedger ledger = new CustomerLedger(Ingest.Keep.EVERYTHING);
    int first = ledger.intern("c1");
    int second = ledger.intern("c2");
    ledger.attribute(first, "region", new CharSlice().set(",north,".toCharArray(), 1, 5));
    ledger.attribute(second, "region", " north\t");
    ledger.attribute(second, "size", "small");
    ledger.attribute(second, "size", "  ");
    ledger.attribute(first, "size", "large");
    ledger.attribute(first, "size", "very large");
    CustomerBase base = ledger.freeze();

    AttributeColumn region = base.attributeColumn("region");
    assertThat(region.get(first)).isEqualTo("north").isSameAs(region.get(second));
    assertThat(base.history(second).attributes()).containsEntry("size", "small");
    assertThat(base.history(first).attributes())
        .containsOnly(Map.entry("region", "north"), Map.entry("size", "very large"));
    assertThat(base.attributeColumn("missing").get(first)).isEmpty();
  }

  /**
   * A row is a duplicate only of an identical row of the same customer and day: rows whose text is
   * the same run of characters split differently into fields are not, the third and later rows of a
   * day are checked too, and another customer's identical-looking rows are its own.
   */
  @Test
  void duplicatesAreFoundPerCustomerDayAndFieldBoundariesCount() throws IOException {
    Files.writeString(
        dir.resolve("orders.csv"),
        String.join(
            "\n",
            "order_id,customer_id,order_date,amount",
            "A1,c1,2024-03-05,15",
            "A11,c1,2024-03-05,5",
            "A2,c1,2024-03-05,1",
            "A11,c1,2024-03-05,5",
            "A2,c1,2024-03-05,1",
            "A1,c2,2024-03-05,15",
            "A11,c2,2024-03-05,5",
            "A11,c1,2024-03-06,5",
            ""));
    IngestResult result = Ingest.run(SourceMapping.ownFormat(dir), dir.resolve("rejects.csv"));

    assertThat(result.source(SourceKind.ORDERS).orElseThrow().duplicates()).isEqualTo(2);
    CustomerHistory c1 = result.customers().history(0);
    assertThat(c1.purchases().revenue())
        .as("duplicates are kept by default")
        .containsExactly(27.0, 5.0);
    assertThat(c1.purchases().orders()).containsExactly(5, 1);
    assertThat(result.customers().history(1).purchases().revenue()).containsExactly(20.0);
  }

  @Test
  void surveyAnswersAreKeptPerCustomerInOneTable() {
    CustomerLedger ledger = new CustomerLedger(Ingest.Keep.EVERYTHING);
    int customers = 5_000; // more than the table's first size and the ledger's first capacity
    for (int customer = 0; customer < customers; customer++) {
      assertThat(ledger.intern("c" + customer)).isEqualTo(customer);
    }
    java.util.Random random = new java.util.Random(11);
    int[][] expected = new int[customers][];
    for (int answer = 0; answer < 20_000; answer++) {
      int customer = random.nextInt(customers) % (customers - 7); // some never answer
      int day = 19_000 + random.nextInt(400);
      int csat = random.nextInt(4) == 0 ? -1 : 1 + random.nextInt(5);
      int nps = random.nextInt(3) == 0 ? -1 : random.nextInt(11);
      ledger.survey(customer, day, csat, nps);
      int[] state = expected[customer];
      if (state == null) {
        state = new int[] {0, -1, CustomerHistory.NO_DAY, -1, CustomerHistory.NO_DAY, 0, 0};
        expected[customer] = state;
      }
      state[0]++;
      if (csat >= 0) {
        if (day >= state[2]) {
          state[1] = csat;
          state[2] = day;
        }
        state[5] += csat;
        state[6]++;
      }
      if (nps >= 0 && day >= state[4]) {
        state[3] = nps;
        state[4] = day;
      }
    }
    CustomerBase base = ledger.freeze();
    for (int customer = 0; customer < customers; customer++) {
      int[] state = expected[customer];
      CustomerHistory.Surveys surveys = base.history(customer).surveys();
      if (state == null) {
        assertThat(surveys).isEqualTo(CustomerHistory.Surveys.NONE);
      } else {
        assertThat(surveys)
            .as("customer %d", customer)
            .isEqualTo(
                new CustomerHistory.Surveys(
                    state[0],
                    state[1],
                    state[2],
                    state[3],
                    state[4],
                    state[6] == 0 ? Double.NaN : (double) state[5] / state[6]));
      }
    }
  }

  @Test
  void attributesAreReadInPlaceAsAnUnmodifiableMap() {
    CustomerLedger ledger = new CustomerLedger(Ingest.Keep.EVERYTHING);
    int first = ledger.intern("c1");
    int second = ledger.intern("c2");
    ledger.attribute(first, "region", "north");
    ledger.attribute(first, "size", " small ");
    ledger.attribute(second, "size", "large");
    ledger.attribute(first, "region", "south"); // the latest value wins
    CustomerBase base = ledger.freeze();

    Map<String, String> attributes = base.history(first).attributes();
    assertThat(attributes).isEqualTo(Map.of("region", "south", "size", "small"));
    assertThat(attributes.hashCode())
        .isEqualTo(Map.of("region", "south", "size", "small").hashCode());
    assertThat(attributes.get("size")).isEqualTo("small");
    assertThat(attributes.get("industry")).isNull();
    assertThat(attributes).containsOnlyKeys("region", "size");
    assertThat(base.history(second).attributes()).isEqualTo(Map.of("size", "large"));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> attributes.put("region", "east"))
        .isInstanceOf(UnsupportedOperationException.class);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> attributes.entrySet().clear())
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
