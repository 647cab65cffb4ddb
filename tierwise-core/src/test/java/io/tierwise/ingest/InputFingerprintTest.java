package io.tierwise.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ingest fingerprints the input files of a mapping as it reads them, and the fingerprints are the
 * same as those of a separate read of each file: plain and gzip files, a glob of several, bytes
 * after a gzip stream, and the mapping's order of files rather than the reading order.
 */
class InputFingerprintTest {

  @TempDir Path dir;

  private static byte[] gzip(String text) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OutputStream out = new GZIPOutputStream(bytes)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return bytes.toByteArray();
  }

  private SourceMapping mapping() throws IOException {
    Files.createDirectories(dir.resolve("orders"));
    StringBuilder first = new StringBuilder("invoice,who,when,value\n");
    for (int row = 0; row < 20_000; row++) { // several batches and buffer fills
      first.append("A").append(row).append(",c").append(row % 700).append(",2024-03-0");
      first.append(1 + row % 9).append(',').append(row % 97).append(".5\n");
    }
    Files.writeString(dir.resolve("orders/day-1.csv"), first);
    byte[] second = gzip("invoice,who,when,value\nB1,c1,2024-04-01,3.0\nB2,c2,2024-04-02,4.0\n");
    byte[] trailing = new byte[second.length + 3]; // zeros after the gzip stream, as some tools pad
    System.arraycopy(second, 0, trailing, 0, second.length);
    Files.write(dir.resolve("orders/day-2.csv.gz"), trailing);
    Files.writeString(
        dir.resolve("people.csv"), "customer_id,signup_date\nc1,2023-01-05\nc2,2023-02-06\n");
    // customers are read before orders, but listed after them: the mapping's order counts
    Files.writeString(
        dir.resolve("mapping.yaml"),
        "version: 1\n"
            + "sources:\n"
            + "  orders:\n"
            + "    files: orders/day-*\n"
            + "    fields: { order_id: invoice, customer_id: who, order_date: when, amount: value }\n"
            + "  customers:\n"
            + "    files: people.csv\n"
            + "    fields: { customer_id: customer_id, signup_date: signup_date }\n");
    return SourceMapping.load(dir.resolve("mapping.yaml"));
  }

  @Test
  void fingerprintsTakenWhileReadingEqualThoseOfASeparateRead() throws IOException {
    SourceMapping mapping = mapping();
    List<Path> files = mapping.inputFiles();
    assertThat(files)
        .extracting(path -> path.getFileName().toString())
        .containsExactly("day-1.csv", "day-2.csv.gz", "people.csv");

    List<FileRowSource> opened = new ArrayList<>();
    IngestResult result =
        Ingest.run(
            mapping,
            Ingest.Options.rejectsTo(RejectsWriter.discarding())
                .withOpener(
                    spec -> {
                      FileRowSource source = (FileRowSource) Ingest.openFiles(spec);
                      opened.add(source);
                      return source;
                    })
                .fingerprinting());

    assertThat(result.inputs()).isEqualTo(InputFingerprint.of(files));
    // taken by the reading sources themselves, not by a separate read of the files
    Map<Path, InputFingerprint> taken = new HashMap<>();
    opened.forEach(source -> taken.putAll(source.fingerprints()));
    assertThat(files).allSatisfy(file -> assertThat(taken).containsKey(file));
    assertThat(files.stream().map(taken::get).toList()).isEqualTo(result.inputs());
    assertThat(result.inputs().get(1).bytes()).isEqualTo(Files.size(files.get(1)));
    assertThat(result.sources()).extracting(SourceReport::rows).containsExactly(2L, 20_002L);
  }

  @Test
  void theReaderHashesEveryByteItReads() throws IOException {
    StringBuilder rows = new StringBuilder("a,b\n");
    for (int row = 0; row < 50_000; row++) {
      rows.append(row).append(",x").append(row % 13).append('\n');
    }
    byte[] stream = gzip(rows.toString());
    // 1 MB of zeros after the gzip stream: the decompressor stops at the stream's end and leaves
    // them unread, but they are part of the file
    byte[] file = new byte[stream.length + 1_000_000];
    System.arraycopy(stream, 0, file, 0, stream.length);
    Files.write(dir.resolve("padded.csv.gz"), file);
    Files.writeString(dir.resolve("plain.csv"), "a,b\n1,y\n");

    FileRowSource source =
        FileRowSource.open(
            new SourceLocation.Files(dir, List.of("padded.csv.gz", "plain.csv")),
            CsvFormat.DEFAULT);
    source.fingerprint();
    long read = 0;
    while (source.next()) {
      read++;
    }
    source.close();

    assertThat(read).isEqualTo(50_001);
    assertThat(List.copyOf(source.fingerprints().values()))
        .isEqualTo(
            InputFingerprint.of(List.of(dir.resolve("padded.csv.gz"), dir.resolve("plain.csv"))));
    assertThat(source.fingerprints().get(dir.resolve("padded.csv.gz")).bytes())
        .isEqualTo(file.length);
  }

  @Test
  void noFingerprintsUnlessAsked() throws IOException {
    IngestResult result =
        Ingest.run(mapping(), Ingest.Options.rejectsTo(RejectsWriter.discarding()));

    assertThat(result.inputs()).isEmpty();
  }
}
