package io.tierwise.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tierwise.TierwiseException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of broken input gives a clear message or a reject with its reason; nothing is lost.
 */
class MalformedInputTest {

  @TempDir Path dir;

  private IngestResult ingest(String orders) throws IOException {
    Files.writeString(dir.resolve("orders.csv"), orders);
    return Ingest.run(SourceMapping.ownFormat(dir), dir.resolve("rejects.csv"));
  }

  private List<String> rejects() throws IOException {
    return Files.readAllLines(dir.resolve("rejects.csv"));
  }

  @Test
  void truncatedRowsAreRejectedWithTheirLine() throws IOException {
    IngestResult result =
        ingest("order_id,customer_id,order_date,amount\n1,c1,2024-01-02,10\n2,c2,2024-01\n");

    SourceReport orders = result.source(SourceKind.ORDERS).orElseThrow();
    assertThat(orders.accepted()).isEqualTo(1);
    assertThat(orders.rejected()).isEqualTo(1);
    assertThat(rejects())
        .contains(
            "orders,"
                + dir.resolve("orders.csv")
                + ",3,,\"2,c2,2024-01\",\"row has 3 fields,"
                + " expected 4 (truncated row?)\"");
  }

  @Test
  void badDatesAreRejectedNamingTheColumnAndExpectedFormat() throws IOException {
    IngestResult result =
        ingest(
            "order_id,customer_id,order_date,amount\n"
                + "1,c1,2024-02-30,10\n"
                + "2,c1,yesterday,10\n"
                + "3,c1,1850-01-01,10\n"
                + "4,c1,2024-03-01T10:00:00+02:00,10\n");

    SourceReport orders = result.source(SourceKind.ORDERS).orElseThrow();
    assertThat(orders.accepted()).isEqualTo(1);
    assertThat(OnlineRetailIngestTest.field(orders, "order_date").invalid()).isEqualTo(3);
    assertThat(rejects().get(1))
        .endsWith(
            ",2,order_date,2024-02-30,\"invalid date (expected yyyy-MM-dd or an ISO timestamp,"
                + " between 1900 and 2199)\"");
  }

  @Test
  void textInNumericColumnsIsRejected() throws IOException {
    IngestResult result =
        ingest(
            "order_id,customer_id,order_date,amount\n1,c1,2024-01-02,ten\n2,c1,2024-01-02,1e3\n");

    assertThat(result.source(SourceKind.ORDERS).orElseThrow().accepted()).isEqualTo(1);
    assertThat(rejects().get(1)).endsWith(",2,amount,ten,not a number");
    assertThat(result.customers().history(0).purchases().totalRevenue()).isEqualTo(1000.0);
  }

  @Test
  void missingColumnNamesTheColumnAndWhatTheFileHas() {
    assertThatThrownBy(() -> ingest("order_id,customer,order_date,amount\n1,c1,2024-01-02,1\n"))
        .isInstanceOf(TierwiseException.class)
        .hasMessage(
            "sources.orders.fields.customer_id: column 'customer_id' not found (did you mean"
                + " 'customer'?); the source has columns [order_id, customer, order_date, amount]");
  }

  @Test
  void unknownColumnInAMappingNamesTheKey() throws IOException {
    Files.writeString(dir.resolve("o.csv"), "id,who,when,value\n1,a,2024-01-01,5\n");
    Path mapping = dir.resolve("mapping.yaml");
    Files.writeString(
        mapping,
        "sources:\n  orders:\n    files: o.csv\n    fields:\n      customer_id: who\n"
            + "      order_date: when\n      amount: valeu\n");

    assertThatThrownBy(() -> Ingest.run(SourceMapping.load(mapping), dir.resolve("rejects.csv")))
        .isInstanceOf(TierwiseException.class)
        .hasMessageStartingWith(
            "sources.orders.fields.amount: column 'valeu' not found (did you mean 'value'?)");
  }

  @Test
  void unknownKeysAndFieldsInAMappingAreNamed() throws IOException {
    Path mapping = dir.resolve("mapping.yaml");
    Files.writeString(mapping, "sources:\n  orders:\n    fils: o.csv\n");
    assertThatThrownBy(() -> SourceMapping.load(mapping))
        .hasMessageContaining("sources.orders.fils: unknown key (did you mean 'files'?)");

    Files.writeString(
        mapping, "sources:\n  orders:\n    files: o.csv\n    fields:\n      amout: x\n");
    assertThatThrownBy(() -> SourceMapping.load(mapping))
        .hasMessageContaining(
            "sources.orders.fields.amout: unknown field for orders (did you mean 'amount'?)");

    Files.writeString(
        mapping,
        "sources:\n  orders:\n    files: o.csv\n    fields:\n"
            + "      customer_id: customer_id\n      order_date: order_date\n"
            + "      amount: { expression: \"double(Qty) *\" }\n");
    Files.writeString(dir.resolve("o.csv"), "Qty,customer_id,order_date\n1,a,2024-01-01\n");
    assertThatThrownBy(() -> Ingest.run(SourceMapping.load(mapping), dir.resolve("r.csv")))
        .hasMessageStartingWith(
            "sources.orders.fields.amount: expression 'double(Qty) *' does not compile");
  }

  @Test
  void emptyFileSaysItIsEmpty() {
    assertThatThrownBy(() -> ingest(""))
        .isInstanceOf(TierwiseException.class)
        .hasMessageEndingWith(
            "orders.csv: the file is empty; expected a header line with the column names");
  }

  @Test
  void missingFileIsNamed() {
    assertThatThrownBy(() -> Ingest.run(SourceMapping.ownFormat(dir), dir.resolve("r.csv")))
        .hasMessageStartingWith("no orders.csv or orders.csv.gz in " + dir);
  }

  @Test
  void aFileThatIsNotCsvIsRecognised() throws IOException {
    byte[] png = {
      (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'
    };
    Files.write(dir.resolve("orders.csv"), png);

    assertThatThrownBy(() -> Ingest.run(SourceMapping.ownFormat(dir), dir.resolve("r.csv")))
        .isInstanceOf(TierwiseException.class)
        .hasMessageContaining("does not look like a CSV text file");
  }

  @Test
  void aGzipFileIsReadWhateverItsName() throws IOException {
    try (GZIPOutputStream out =
        new GZIPOutputStream(Files.newOutputStream(dir.resolve("orders.csv")))) {
      out.write(
          "customer_id,order_date,amount\nc1,2024-01-02,10\n".getBytes(StandardCharsets.UTF_8));
    }
    IngestResult result = Ingest.run(SourceMapping.ownFormat(dir), dir.resolve("r.csv"));
    assertThat(result.customers().size()).isEqualTo(1);
  }

  @Test
  void aFiveGigabyteLineStopsWithAMessageInsteadOfFillingMemory() {
    InputStream endless = new EndlessLine("customer_id,order_date,amount\nc1,2024-01-01,");
    CsvFormat format = CsvFormat.DEFAULT;
    RowSource source = FileRowSource.open(endless, "huge.csv", format);

    assertThatThrownBy(
            () -> {
              while (source.next()) {
                // reading; the line never ends
              }
            })
        .isInstanceOf(TierwiseException.class)
        .hasMessageContaining("huge.csv: cannot be read as CSV near line")
        .hasMessageContaining("longer than 16 M characters");
  }

  @Test
  void aFiveGigabyteLineInAWhitespaceFileStopsToo() {
    InputStream endless = new EndlessLine("customer_id order_date amount\nc1 20240101 ");
    CsvFormat format =
        new CsvFormat(CsvFormat.WHITESPACE, '"', StandardCharsets.UTF_8, true, List.of());
    RowSource source = FileRowSource.open(endless, "huge.txt", format);

    assertThatThrownBy(
            () -> {
              while (source.next()) {
                // reading
              }
            })
        .isInstanceOf(TierwiseException.class)
        .hasMessage(
            "huge.txt: line 2 is longer than 16 M characters; this is not a usable text file");
  }

  @Test
  void unknownEventTypesAndOutOfRangeSurveyAnswersAreRejected() throws IOException {
    Files.writeString(
        dir.resolve("orders.csv"), "customer_id,order_date,amount\nc1,2024-01-02,10\n");
    Files.writeString(
        dir.resolve("events.csv"),
        "customer_id,event_time,event_type\nc1,2024-01-02T10:00:00,login\nc1,2024-01-02,dance\n");
    Files.writeString(
        dir.resolve("surveys.csv"),
        "customer_id,survey_date,csat,nps\nc1,2024-01-03,4,9\nc1,2024-01-04,7,\nc1,2024-01-05,,\n");
    IngestResult result = Ingest.run(SourceMapping.ownFormat(dir), dir.resolve("rejects.csv"));

    assertThat(result.source(SourceKind.EVENTS).orElseThrow().rejected()).isEqualTo(1);
    assertThat(result.source(SourceKind.SURVEYS).orElseThrow().rejectsByReason())
        .containsEntry("csat outside 1..5", 1L)
        .containsEntry("survey row without a csat or nps answer", 1L);
    CustomerHistory history = result.customers().history(0);
    assertThat(history.surveys().latestCsat()).isEqualTo(4);
    assertThat(history.surveys().latestNps()).isEqualTo(9);
  }

  @Test
  void aRepeatedCustomerRowIsRejectedNamingTheFirst() throws IOException {
    Files.writeString(
        dir.resolve("orders.csv"), "customer_id,order_date,amount\nc1,2024-01-02,10\n");
    Files.writeString(
        dir.resolve("customers.csv"),
        "customer_id,signup_date,region\nc1,2023-01-01,north\nc2,2023-02-01,south\n"
            + " c1 ,2023-03-01,east\n");
    IngestResult result = Ingest.run(SourceMapping.ownFormat(dir), dir.resolve("rejects.csv"));

    assertThat(result.source(SourceKind.CUSTOMERS).orElseThrow().rejectsByReason())
        .containsExactly(java.util.Map.entry("customer_id repeated (first at line 2)", 1L));
    assertThat(Files.readString(dir.resolve("rejects.csv"))).contains("c1");
    CustomerHistory first = result.customers().history(0);
    assertThat(first.customerId()).isEqualTo("c1");
    assertThat(first.attributes()).containsEntry("region", "north"); // the first row is kept
  }

  /** A stream of one line that never ends: 5 GB and more, generated lazily. */
  private static final class EndlessLine extends InputStream {
    private final byte[] prefix;
    private long position;

    EndlessLine(String prefix) {
      this.prefix = prefix.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public int read() {
      long at = position++;
      return at < prefix.length ? prefix[(int) at] : 'x';
    }

    @Override
    public int read(byte[] bytes, int offset, int length) {
      for (int i = 0; i < length; i++) {
        bytes[offset + i] = (byte) read();
      }
      return length;
    }
  }
}
