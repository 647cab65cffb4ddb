package io.tierwise.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tierwise.TierwiseException;
import io.tierwise.classify.ClassificationModel;
import io.tierwise.classify.ClassificationTrainer;
import io.tierwise.classify.CustomerResult;
import io.tierwise.classify.Reasons;
import io.tierwise.ingest.CustomerBase;
import io.tierwise.metrics.Indicator;
import io.tierwise.metrics.IndicatorFunction;
import io.tierwise.metrics.IndicatorTable;
import io.tierwise.metrics.Indicators;
import io.tierwise.policy.TieringPolicy;
import io.tierwise.tiering.TierAssignment;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * One classification run: indicators for every customer (parallel), fit, then classify in chunks
 * (parallel within a chunk, written in customer order), and write the outputs. Memory: the ingest
 * ledger, one indicator table (a {@code double} per customer and indicator) and one chunk of rows.
 */
public final class ClassificationRun {
  /**
   * A line's characters, reused per classifying thread: a new builder per customer (and its growth
   * past 512 characters) was a third of the stage's allocation.
   */
  private static final ThreadLocal<StringBuilder> LINE =
      ThreadLocal.withInitial(() -> new StringBuilder(1024));

  /** Customers classified and formatted per parallel chunk. */
  private static final int CHUNK = 16_384;

  static final String CUSTOMERS = "customers.csv";
  static final String SUMMARY = "summary.json";
  static final String POLICY = "policy.yaml";
  static final String ALERTS = "alerts.csv";
  static final String CHURN_MODEL = "churn-model.json";
  static final String CLUSTER_MODEL = "cluster-model.json";

  private ClassificationRun() {}

  /**
   * What a run produced.
   *
   * @param alerts churn alerts written to alerts.csv
   * @param notes parts of the run that were skipped, and why (e.g. too little history for churn)
   * @param phases wall seconds of each stage, in the order they ran (for {@code run --timings})
   */
  public record Outcome(
      RunProvenance provenance,
      Path directory,
      long customers,
      ClassificationModel model,
      long alerts,
      List<String> notes,
      Map<String, Double> phases) {
    public Outcome {
      notes = List.copyOf(notes);
      phases = Collections.unmodifiableMap(new LinkedHashMap<>(phases));
    }
  }

  /** Wall seconds per stage, in the order the stages ran. */
  private static final class Phases {
    private final Map<String, Double> seconds = new LinkedHashMap<>();
    private long since = System.nanoTime();

    /** Ends the stage {@code name}, which began where the previous one ended. */
    void end(String name) {
      long now = System.nanoTime();
      seconds.put(name, (now - since) / 1e9);
      since = now;
    }
  }

  /**
   * Runs classification over ingested customers and writes {@code customers.csv}, {@code
   * summary.json}, {@code model.json} and {@code policy.yaml} into {@code out}.
   */
  public static Outcome execute(
      CustomerBase customers, TieringPolicy policy, RunProvenance provenance, Path out) {
    return execute(customers, policy, provenance, out, ChurnSource.train(), Clock.systemUTC());
  }

  /**
   * Runs classification, clustering and churn scoring, and writes {@code customers.csv}, {@code
   * summary.json}, {@code model.json}, {@code policy.yaml}, {@code alerts.csv}, {@code
   * churn-model.json} and {@code cluster-model.json} into {@code out}.
   *
   * @param churnSource train the churn model on the data's history, or reuse a saved one
   * @param clock stamps the churn model's training time
   */
  public static Outcome execute(
      CustomerBase customers,
      TieringPolicy policy,
      RunProvenance provenance,
      Path out,
      ChurnSource churnSource,
      Clock clock) {
    return execute(customers, policy, provenance, out, churnSource, clock, Histories.KEEP);
  }

  /** What a run does with the customers' histories once it no longer needs them. */
  public enum Histories {
    /** Leave the customer base intact (it can be run again). */
    KEEP,
    /**
     * Release each customer's purchases and events once its last indicators are computed, so the
     * ingest ledger and the indicator table never coexist in full (the CLI's single run).
     */
    RELEASE
  }

  /** As above, choosing whether the customer base is released as it is read. */
  public static Outcome execute(
      CustomerBase customers,
      TieringPolicy policy,
      RunProvenance provenance,
      Path out,
      ChurnSource churnSource,
      Clock clock,
      Histories histories) {
    Phases phases = new Phases();
    int asOfDay = (int) provenance.asOf().toEpochDay();
    IndicatorFunction function =
        new IndicatorFunction(asOfDay, policy.indicators(), customers.featureCount());
    // Everything that reads histories runs first; the main indicator table then takes each
    // customer's history and releases it, so the ledger and the table never coexist in full.
    ChurnStage.Training churnTraining =
        ChurnStage.train(customers, policy, provenance.asOf(), churnSource, clock);
    phases.end("churn training");
    ClvStage.Fit clvFit = ClvStage.fit(customers, policy.potentialValue(), provenance.asOf());
    phases.end("clv fit");
    ClvStage clv =
        clvFit.apply(
            histories == Histories.RELEASE
                ? IndicatorTable.computeAndRelease(customers, function)
                : IndicatorTable.compute(customers, function));
    IndicatorTable table = clv.table();
    phases.end("indicators");
    ClassificationModel model = ClassificationTrainer.fit(table, policy);
    phases.end("classification fit");
    ClusterStage clusters = ClusterStage.run(table, policy.clusters());
    phases.end("clusters");
    ChurnStage churn = ChurnStage.run(churnTraining, policy, table, clusters.model());
    phases.end("churn scoring");
    Alerts alerts = new Alerts();
    try {
      Files.createDirectories(out);
      Files.deleteIfExists(out.resolve(CHURN_MODEL));
      Files.deleteIfExists(out.resolve(CLUSTER_MODEL));
      RunSummary summary = new RunSummary(model);
      writeCustomers(table, model, summary, churn, clusters, alerts, out.resolve(CUSTOMERS));
      phases.end("classify and write customers");
      alerts.write(out.resolve(ALERTS));
      ObjectNode json = summary.toJson(provenance, table);
      churn.toJson(json.putObject("churn"), alerts);
      clusters.toJson(json.putObject("clusters"), table);
      clv.toJson(json.putObject("potential_value"));
      Files.writeString(out.resolve(SUMMARY), ModelFile.MAPPER.writeValueAsString(json) + "\n");
      ModelFile.write(model, out.resolve(ModelFile.NAME));
      Files.writeString(out.resolve(POLICY), policy.text(), StandardCharsets.UTF_8);
      churn.model().ifPresent(found -> found.save(out.resolve(CHURN_MODEL)));
      clusters.model().ifPresent(found -> found.save(out.resolve(CLUSTER_MODEL)));
      phases.end("summary and models");
    } catch (IOException e) {
      throw TierwiseException.storage("cannot write results to " + out + ": " + e.getMessage(), e);
    }
    List<String> notes = new ArrayList<>();
    if (!clv.used() && policy.potentialValue().clv()) {
      notes.add("potential value by run rate: " + clv.status());
    }
    if (!churn.active() && policy.churn().enabled()) {
      notes.add("churn scoring skipped: " + churn.skipped());
    }
    clusters
        .model()
        .ifPresentOrElse(
            found -> {},
            () -> {
              if (policy.clusters().enabled()) {
                notes.add("clustering skipped");
              }
            });
    return new Outcome(provenance, out, table.size(), model, alerts.size(), notes, phases.seconds);
  }

  private static void writeCustomers(
      IndicatorTable table,
      ClassificationModel model,
      RunSummary summary,
      ChurnStage churn,
      ClusterStage clusters,
      Alerts alerts,
      Path file)
      throws IOException {
    Indicator valueIndicator = model.policy().churn().valueIndicator();
    List<String> attributeNames = table.attributeNames();
    // Rows arrive encoded (UTF-8 bytes, made on the classifying threads) and leave in 1 MB writes:
    // a Writer encoded 400 MB on the writing thread and wrote it 8 KB a system call at a time.
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
      StringBuilder header = new StringBuilder();
      List<String> columns = CustomersCsv.header(attributeNames);
      for (int i = 0; i < columns.size(); i++) {
        if (i > 0) {
          header.append(',');
        }
        CustomersCsv.text(header, columns.get(i));
      }
      out.write(header.append('\n').toString().getBytes(StandardCharsets.UTF_8));
      // Chunks are classified (and their lines encoded) on all cores while the previous one is
      // written, in order, by one thread, so that writing leaves no core idle.
      ExecutorService output =
          Executors.newSingleThreadExecutor(
              task -> {
                Thread thread = new Thread(task, "tierwise-customers-writer");
                thread.setDaemon(true);
                return thread;
              });
      try {
        Future<?> written = null;
        for (int start = 0; start < table.size(); start += CHUNK) {
          int end = Math.min(table.size(), start + CHUNK);
          Row[] rows =
              classified(
                  start, end, row -> classify(table, model, churn, clusters, row, attributeNames));
          await(written); // at most one chunk waits to be written
          int first = start;
          written =
              output.submit(
                  () -> {
                    write(rows, first, out, table, valueIndicator, summary, churn, alerts);
                    return null;
                  });
        }
        await(written);
      } finally {
        output.shutdownNow();
      }
    }
  }

  /** Customers a classifying thread takes at a time from a chunk. */
  private static final int BLOCK = 256;

  /**
   * Rows {@code start..end} classified on every core: the calling thread and the common pool's
   * workers take blocks of {@link #BLOCK} customers until none is left, so that none waits long for
   * another at the chunk's end. A parallel stream split each chunk into four fixed parts, and while
   * the writing thread took a core the calling thread waited for the part it had not been given: 2
   * of its 4.9 s in the stage (a wall-clock profile, 2026-12-01).
   */
  private static Row[] classified(int start, int end, IntFunction<Row> classify) {
    Row[] rows = new Row[end - start];
    AtomicInteger next = new AtomicInteger(start);
    Runnable work =
        () -> {
          int from;
          while ((from = next.getAndAdd(BLOCK)) < end) {
            int to = Math.min(end, from + BLOCK);
            for (int row = from; row < to; row++) {
              rows[row - start] = classify.apply(row);
            }
          }
        };
    ForkJoinPool pool = ForkJoinPool.commonPool();
    List<ForkJoinTask<?>> helpers = new ArrayList<>();
    for (int i = 0; i < pool.getParallelism(); i++) {
      helpers.add(pool.submit(work));
    }
    work.run();
    helpers.forEach(ForkJoinTask::join);
    return rows;
  }

  private static void write(
      Row[] rows,
      int start,
      OutputStream out,
      IndicatorTable table,
      Indicator valueIndicator,
      RunSummary summary,
      ChurnStage churn,
      Alerts alerts)
      throws IOException {
    for (int i = 0; i < rows.length; i++) {
      Row row = rows[i];
      summary.add(row.monetary, row.result);
      out.write(row.line);
      int customer = start + i;
      if (churn.alerted(customer)) {
        double value = table.value(valueIndicator, customer);
        alerts.add(
            new Alerts.Alert(
                table.customerId(customer),
                row.result.tier().tier(),
                Double.isNaN(value) ? 0 : value,
                churn.probability(customer),
                churn.band(customer),
                churn.signals(customer)));
      }
    }
  }

  /** Waits for a chunk's writing, passing on its failure as thrown there. */
  private static void await(Future<?> written) throws IOException {
    if (written == null) {
      return;
    }
    try {
      written.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while writing customers", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  /** A classified customer: its customers.csv line as UTF-8 bytes, and what the summary counts. */
  private record Row(byte[] line, double monetary, CustomerResult result) {}

  /**
   * A customer's non-empty attributes as a read-only map, without building one: most policies never
   * read {@code attributes}, and a million rows would each have filled a hash map for nothing.
   */
  private static final class RowAttributes extends AbstractMap<String, String> {
    private final List<String> names;
    private final List<String> values; // "" where the customer has no value
    private Set<Map.Entry<String, String>> entries;

    RowAttributes(List<String> names, List<String> values) {
      this.names = names;
      this.values = values;
    }

    @Override
    public String get(Object key) {
      int index = names.indexOf(key);
      return index < 0 || values.get(index).isEmpty() ? null : values.get(index);
    }

    @Override
    public boolean containsKey(Object key) {
      return get(key) != null;
    }

    @Override
    public Set<Map.Entry<String, String>> entrySet() {
      if (entries == null) {
        Map<String, String> present = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
          if (!values.get(i).isEmpty()) {
            present.put(names.get(i), values.get(i));
          }
        }
        entries = Collections.unmodifiableMap(present).entrySet();
      }
      return entries;
    }
  }

  private static Row classify(
      IndicatorTable table,
      ClassificationModel model,
      ChurnStage churn,
      ClusterStage clusters,
      int row,
      List<String> attributeNames) {
    Indicators indicators = table.row(row);
    List<String> attributes = new ArrayList<>(attributeNames.size());
    for (int i = 0; i < attributeNames.size(); i++) {
      attributes.add(table.attribute(i, row));
    }
    CustomerResult result =
        model.classify(indicators, new RowAttributes(attributeNames, attributes), Reasons.NONE);
    TierAssignment tier = result.tier();
    String nextTier =
        model.policy().tierAbove(tier.tierIndex()).map(TieringPolicy.Tier::name).orElse("");
    String gap = String.join("; or ", model.tiering().gap(indicators, tier));
    StringBuilder line = LINE.get();
    line.setLength(0);
    CustomersCsv.row(
        line,
        indicators,
        result,
        nextTier,
        gap,
        churn.probability(row),
        churn.band(row),
        clusters.cluster(row),
        clusters.name(row),
        attributes);
    return new Row(
        line.toString().getBytes(StandardCharsets.UTF_8),
        indicators.value(Indicator.MONETARY),
        result);
  }
}
