package io.tierwise.ingest;

import io.tierwise.TierwiseException;
import io.tierwise.rules.RuleEvaluationException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads every source of a mapping, validates each row, writes unusable rows to the rejects file and
 * folds the rest into a {@link CustomerBase}. Sources are read in the order customers, orders,
 * events, surveys; each is streamed once.
 *
 * <pre>{@code
 * IngestResult result = Ingest.run(SourceMapping.load(path), Ingest.Options.rejectsTo(rejects));
 * }</pre>
 */
public final class Ingest {

  /**
   * How to run ingest.
   *
   * @param rejects where rejected rows go
   * @param progress progress callbacks
   * @param opener opens a source's rows; the default reads files and refuses JDBC sources (the CLI
   *     plugs in the database reader from tierwise-store)
   * @param keep what the customer base keeps of the rows
   * @param fingerprints whether to take the {@link InputFingerprint} of every input file as it is
   *     read ({@link IngestResult#inputs})
   */
  public record Options(
      RejectsWriter rejects,
      IngestProgress progress,
      Function<SourceSpec, RowSource> opener,
      Keep keep,
      boolean fingerprints) {
    public Options {
      Objects.requireNonNull(rejects, "rejects");
      Objects.requireNonNull(progress, "progress");
      Objects.requireNonNull(opener, "opener");
      Objects.requireNonNull(keep, "keep");
    }

    public static Options rejectsTo(RejectsWriter rejects) {
      return new Options(rejects, IngestProgress.NONE, Ingest::openFiles, Keep.EVERYTHING, false);
    }

    public Options withProgress(IngestProgress newProgress) {
      return new Options(rejects, newProgress, opener, keep, fingerprints);
    }

    public Options withOpener(Function<SourceSpec, RowSource> newOpener) {
      return new Options(rejects, progress, newOpener, keep, fingerprints);
    }

    public Options keeping(Keep newKeep) {
      return new Options(rejects, progress, opener, newKeep, fingerprints);
    }

    /** These options, taking the input files' fingerprints as they are read. */
    public Options fingerprinting() {
      return new Options(rejects, progress, opener, keep, true);
    }
  }

  /**
   * What the customer base keeps. Every row is read, validated and counted the same way either way;
   * only what is stored per customer differs.
   */
  public enum Keep {
    /** Everything the indicators and models of {@code run} read. */
    EVERYTHING,
    /**
     * Of purchases only the days with revenue and order count — all that the CLV models read: no
     * cost, quantity, categories, attributes, surveys or signup dates (events are kept, so that
     * their duplicates are still found). About a third less memory per customer with purchases, for
     * fitting on tens of millions of customers.
     */
    PURCHASE_VALUES
  }

  private Ingest() {}

  /** Opens file sources; database sources need an opener from tierwise-store. */
  public static RowSource openFiles(SourceSpec spec) {
    if (spec.location() instanceof SourceLocation.Files files) {
      return FileRowSource.open(files, spec.format());
    }
    throw TierwiseException.invalidConfig(
        "sources." + spec.name() + ".jdbc: database sources are not available here");
  }

  /** Convenience: ingest a mapping, writing rejects to {@code rejectsFile}. */
  public static IngestResult run(SourceMapping mapping, Path rejectsFile) {
    try (RejectsWriter rejects = RejectsWriter.to(rejectsFile)) {
      return run(mapping, Options.rejectsTo(rejects));
    }
  }

  public static IngestResult run(SourceMapping mapping, Options options) {
    return run(mapping, options, PrefetchingRowSource.Sharing.WHEN_AHEAD);
  }

  /** As above, with the reading thread's share of the work chosen (tests take both paths). */
  static IngestResult run(
      SourceMapping mapping, Options options, PrefetchingRowSource.Sharing sharing) {
    CustomerLedger ledger = new CustomerLedger(options.keep());
    List<SourceReport> reports = new ArrayList<>();
    Map<Path, InputFingerprint> fingerprints = new HashMap<>();
    long rejectsBefore = options.rejects().written();
    for (SourceKind kind : SourceKind.values()) {
      Optional<SourceSpec> spec = mapping.source(kind);
      if (spec.isPresent()) {
        SourceRun run = new SourceRun(spec.get(), ledger, options, sharing);
        reports.add(run.read());
        fingerprints.putAll(run.inputFingerprints);
      }
    }
    List<InputFingerprint> inputs =
        options.fingerprints()
            ? mapping.inputFiles().stream()
                .map(file -> fingerprints.computeIfAbsent(file, InputFingerprint::of))
                .toList()
            : List.of();
    return new IngestResult(
        ledger.freeze(), reports, options.rejects().written() - rejectsBefore, inputs);
  }

  /** Reads one source. */
  private static final class SourceRun {
    private final SourceSpec spec;
    private final CustomerLedger ledger;
    private final Options options;
    private final PrefetchingRowSource.Sharing sharing;
    private final Map<String, Long> reasons = new HashMap<>();
    private final RowFingerprints fingerprints = new RowFingerprints();
    private final java.util.BitSet customersSeen = new java.util.BitSet();
    private final List<PendingCancellation> cancellations = new ArrayList<>();
    // Per customer, 1 + the line of its row in this source (customers have one row each), 0 for
    // none yet: numbers, not a boxed map entry per customer.
    private long[] customerRowLine = new long[0];
    private PrefetchingRowSource source;
    // The fingerprints of the source's files, when Options.fingerprints.
    private Map<Path, InputFingerprint> inputFingerprints = Map.of();
    private RowBinder binder;
    private int idColumn = -1;
    private boolean idHashed; // whether the reading thread may hash the customer ids
    private final CharSlice idAhead = new CharSlice();
    private final CharSlice idBefore = new CharSlice();
    private long touched; // keeps the reads of touchIdsOfBatch; its value means nothing
    private int files;
    private String lastOrigin;
    private long rows;
    private long accepted;
    private long rejected;
    private long duplicates;
    private long cancellationRows;
    private long cancellationsMatched;
    private boolean cancellation;
    private int oldest = Integer.MAX_VALUE;
    private int newest = Integer.MIN_VALUE;

    SourceRun(
        SourceSpec spec,
        CustomerLedger ledger,
        Options options,
        PrefetchingRowSource.Sharing sharing) {
      this.spec = spec;
      this.ledger = ledger;
      this.options = options;
      this.sharing = sharing;
    }

    SourceReport read() {
      RowSource raw = options.opener().apply(spec);
      FileRowSource fileSource =
          options.fingerprints() && raw instanceof FileRowSource f ? f : null;
      if (fileSource != null) {
        fileSource.fingerprint(); // of the bytes read, on the reading thread (no second read)
      }
      source = new PrefetchingRowSource(raw, sharing);
      try {
        binder = new RowBinder(spec, source);
        idColumn = binder.columnIndexOf(customerIdField(spec.kind()));
        idHashed = binder.preparesHash(customerIdField(spec.kind()));
        options.progress().start(spec.name(), source.total());
        int columns = source.columns().size();
        while (source.next()) {
          if (idColumn >= 0 && source.firstOfBatch()) {
            touchIdsOfBatch();
          }
          rows++;
          if ((rows & 0xffff) == 0) {
            options.progress().advance(source.progress(), rows);
          }
          if (!source.origin().equals(lastOrigin)) {
            lastOrigin = source.origin();
            files++;
          }
          if (source.fieldCount() != columns) {
            reject(
                "",
                rowText(),
                source.fieldCount() < columns
                    ? "row has "
                        + source.fieldCount()
                        + " fields, expected "
                        + columns
                        + " (truncated row?)"
                    : "row has " + source.fieldCount() + " fields, expected " + columns);
            continue;
          }
          foldRow();
        }
        options.progress().advance(source.progress(), rows);
        options.progress().finish();
      } finally {
        source.close();
      }
      if (fileSource != null) {
        inputFingerprints = fileSource.fingerprints();
      }
      settleCancellations();
      List<SourceReport.FieldReport> fields = new ArrayList<>();
      for (FieldStats stats : binder.allStats()) {
        fields.add(
            new SourceReport.FieldReport(
                stats.field,
                stats.valid + stats.invalid,
                stats.missing,
                stats.valid,
                stats.invalid,
                stats.nonPositive));
      }
      Map<String, Long> sortedReasons = new LinkedHashMap<>();
      reasons.entrySet().stream()
          .sorted(
              Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                  .thenComparing(Map.Entry.comparingByKey()))
          .forEach(entry -> sortedReasons.put(entry.getKey(), entry.getValue()));
      return new SourceReport(
          spec.name(),
          files,
          rows,
          accepted,
          rejected,
          sortedReasons,
          duplicates,
          cancellationRows,
          cancellationsMatched,
          customersSeen.cardinality(),
          fields,
          oldest == Integer.MAX_VALUE
              ? Optional.empty()
              : Optional.of(LocalDate.ofEpochDay(oldest)),
          newest == Integer.MIN_VALUE
              ? Optional.empty()
              : Optional.of(LocalDate.ofEpochDay(newest)));
    }

    /**
     * Looks up where each distinct customer id of the new batch sits in the id table before its
     * rows are folded, so that the cache misses of new customers overlap (see {@link
     * TextIds#touch}).
     */
    private void touchIdsOfBatch() {
      int rowsAhead = source.rowsInBatch();
      int sum = 0;
      if (idHashed && source.batchPrepared()) {
        // the ids' hashes are worked out already: consecutive equal hashes are (almost always)
        // the same customer, and a touch skipped or made in vain changes nothing but timing
        long previousHash = 0;
        for (int ahead = 0; ahead < rowsAhead; ahead++) {
          long hash = source.preparedAhead(ahead, idColumn);
          if (ahead == 0 || hash != previousHash) {
            sum += ledger.touchHashed((int) hash);
          }
          previousHash = hash;
        }
        touched += sum;
        return;
      }
      CharSlice previous = null;
      for (int ahead = 0; ahead < rowsAhead; ahead++) {
        CharSlice id = source.ahead(ahead, idColumn, (ahead & 1) == 0 ? idAhead : idBefore);
        if (previous == null || !CharSlice.same(previous, id)) {
          sum += ledger.touch(id);
        }
        previous = id;
      }
      touched += sum;
    }

    /** The customer of an id, with the hash the reading thread worked out when it did. */
    private int intern(CharSequence id, Field field) {
      return binder.hashed(field) ? ledger.intern(id, (int) binder.hash(field)) : ledger.intern(id);
    }

    private static Field customerIdField(SourceKind kind) {
      return switch (kind) {
        case CUSTOMERS -> Field.CUSTOMER_ID_OF_CUSTOMER;
        case ORDERS -> Field.CUSTOMER_ID_OF_ORDER;
        case EVENTS -> Field.CUSTOMER_ID_OF_EVENT;
        case SURVEYS -> Field.CUSTOMER_ID_OF_SURVEY;
      };
    }

    private void foldRow() {
      long print = source.fingerprint();
      binder.bind();
      cancellation = false;
      if (spec.kind() == SourceKind.ORDERS) {
        try {
          cancellation = binder.cancellation();
        } catch (RuleEvaluationException e) {
          seenElsewhere(print);
          reject("", rowText(), "cancellation rule failed: " + e.getMessage());
          return;
        }
        if (cancellation) {
          cancellationRows++;
        }
      }
      try {
        if (binder.excluded()) {
          seenElsewhere(print);
          reject("", rowText(), "excluded by rule: " + binder.excludeRuleSource());
          return;
        }
      } catch (RuleEvaluationException e) {
        reject("", rowText(), "exclude rule failed: " + e.getMessage());
        return;
      }
      if (binder.firstInvalid != null) {
        seenElsewhere(print);
        reject(
            binder.columnOf(binder.firstInvalid),
            binder.firstInvalidValue,
            binder.firstInvalidReason);
        return;
      }
      switch (spec.kind()) {
        case CUSTOMERS -> {
          if (!duplicateElsewhere(print)) {
            foldCustomer();
          }
        }
        case ORDERS -> foldOrder(print);
        case EVENTS -> foldEvent(print);
        case SURVEYS -> {
          if (!duplicateElsewhere(print)) {
            foldSurvey();
          }
        }
      }
    }

    /**
     * Duplicates among rows that never reach a customer's ledger (rejected rows, cancellations,
     * customer and survey rows) are found in one set of fingerprints for the source; accepted
     * purchases and events are checked in their customer's day ledger instead, so this set stays
     * small.
     */
    private void seenElsewhere(long print) {
      if (!fingerprints.add(print)) {
        duplicates++;
      }
    }

    /** Counts a duplicate; true when the row must be rejected for it. */
    private boolean duplicateElsewhere(long print) {
      if (fingerprints.add(print)) {
        return false;
      }
      duplicates++;
      if (spec.duplicates() == SourceSpec.DuplicatePolicy.REJECT) {
        reject("", rowText(), "exact duplicate of an earlier row");
        return true;
      }
      return false;
    }

    private boolean rejectDuplicates() {
      return spec.duplicates() == SourceSpec.DuplicatePolicy.REJECT;
    }

    private void foldCustomer() {
      CharSequence id = binder.chars(Field.CUSTOMER_ID_OF_CUSTOMER);
      int customer = intern(id, Field.CUSTOMER_ID_OF_CUSTOMER);
      if (customer >= customerRowLine.length) {
        customerRowLine =
            Arrays.copyOf(customerRowLine, Math.max(customer + 1, 2 * customerRowLine.length));
      }
      long firstLine = customerRowLine[customer] - 1;
      if (firstLine >= 0) {
        reject(
            binder.columnOf(Field.CUSTOMER_ID_OF_CUSTOMER),
            id.toString(),
            "customer_id repeated (first at line " + firstLine + ")");
        return;
      }
      customerRowLine[customer] = source.line() + 1;
      if (binder.valid[Field.SIGNUP_DATE.ordinal()]) {
        int day = binder.day[Field.SIGNUP_DATE.ordinal()];
        ledger.signup(customer, day);
        seeDay(day);
      }
      keepAttributes(customer);
      accept(customer);
    }

    private void foldOrder(long print) {
      int amountIndex = Field.AMOUNT.ordinal();
      double amount = binder.number[amountIndex];
      double quantity =
          binder.valid[Field.QUANTITY.ordinal()]
              ? binder.number[Field.QUANTITY.ordinal()]
              : Double.NaN;
      int day = binder.day[Field.ORDER_DATE.ordinal()];
      CharSequence id = binder.chars(Field.CUSTOMER_ID_OF_ORDER);
      if (cancellation) {
        if (duplicateElsewhere(print)) {
          return;
        }
        if (amount == 0) {
          reject(binder.columnOf(Field.AMOUNT), format(amount), "cancellation of amount 0");
          return;
        }
        int customer = intern(id, Field.CUSTOMER_ID_OF_ORDER);
        cancellations.add(
            new PendingCancellation(
                customer,
                day,
                Math.abs(amount),
                Double.isNaN(quantity) ? Double.NaN : Math.abs(quantity),
                source.origin(),
                source.line(),
                binder.columnOf(Field.AMOUNT)));
        seeDay(day);
        accept(customer);
        return;
      }
      if (amount < 0) {
        seenElsewhere(print);
        reject(binder.columnOf(Field.AMOUNT), format(amount), "negative amount on a purchase");
        return;
      }
      if (amount == 0 && !spec.zeroAmounts()) {
        seenElsewhere(print);
        reject(
            binder.columnOf(Field.AMOUNT),
            format(amount),
            "amount is 0 (set zero_amount: accept in the mapping if free orders count)");
        return;
      }
      if (!Double.isNaN(quantity) && quantity <= 0) {
        seenElsewhere(print);
        reject(
            binder.columnOf(Field.QUANTITY),
            format(quantity),
            "quantity not positive on a purchase");
        return;
      }
      double cost =
          binder.valid[Field.COST.ordinal()] ? binder.number[Field.COST.ordinal()] : Double.NaN;
      CharSequence orderId =
          binder.valid[Field.ORDER_ID.ordinal()] ? binder.chars(Field.ORDER_ID) : null;
      int customer = intern(id, Field.CUSTOMER_ID_OF_ORDER);
      boolean fresh =
          ledger.purchase(
              customer,
              day,
              print,
              rejectDuplicates(),
              orderId == null
                  ? 0
                  : binder.hashed(Field.ORDER_ID)
                      ? binder.hash(Field.ORDER_ID)
                      : RowFingerprints.hash(orderId),
              amount,
              cost,
              quantity);
      if (!fresh) {
        duplicates++;
        if (rejectDuplicates()) {
          reject("", rowText(), "exact duplicate of an earlier row");
          return;
        }
      }
      if (binder.valid[Field.CATEGORY.ordinal()]) {
        ledger.category(customer, binder.chars(Field.CATEGORY));
      }
      keepAttributes(customer);
      seeDay(day);
      accept(customer);
    }

    private void foldEvent(long print) {
      int customer = intern(binder.chars(Field.CUSTOMER_ID_OF_EVENT), Field.CUSTOMER_ID_OF_EVENT);
      int day = binder.day[Field.EVENT_TIME.ordinal()];
      int type = (int) binder.number[Field.EVENT_TYPE.ordinal()];
      double minutes =
          binder.valid[Field.DURATION_MINUTES.ordinal()]
              ? binder.number[Field.DURATION_MINUTES.ordinal()]
              : Double.NaN;
      CharSequence feature =
          binder.valid[Field.FEATURE.ordinal()] ? binder.chars(Field.FEATURE) : null;
      boolean fresh =
          ledger.event(customer, day, type, minutes, feature, print, rejectDuplicates());
      if (!fresh) {
        duplicates++;
        if (rejectDuplicates()) {
          reject("", rowText(), "exact duplicate of an earlier row");
          return;
        }
      }
      keepAttributes(customer);
      seeDay(day);
      accept(customer);
    }

    private void foldSurvey() {
      boolean hasCsat = binder.valid[Field.CSAT.ordinal()];
      boolean hasNps = binder.valid[Field.NPS.ordinal()];
      if (!hasCsat && !hasNps) {
        reject("csat/nps", "", "survey row without a csat or nps answer");
        return;
      }
      int customer = intern(binder.chars(Field.CUSTOMER_ID_OF_SURVEY), Field.CUSTOMER_ID_OF_SURVEY);
      int day = binder.day[Field.SURVEY_DATE.ordinal()];
      ledger.survey(
          customer,
          day,
          hasCsat ? (int) binder.number[Field.CSAT.ordinal()] : -1,
          hasNps ? (int) binder.number[Field.NPS.ordinal()] : -1);
      keepAttributes(customer);
      seeDay(day);
      accept(customer);
    }

    private void keepAttributes(int customer) {
      List<String> names = binder.attributeNames();
      for (int i = 0; i < names.size(); i++) {
        ledger.attribute(customer, names.get(i), binder.attribute(i));
      }
    }

    /** Takes each cancellation off the customer's purchases, once the whole source is read. */
    private void settleCancellations() {
      for (PendingCancellation cancellation : cancellations) {
        int matched =
            ledger.cancel(
                cancellation.customer,
                cancellation.day,
                cancellation.amount,
                cancellation.quantity);
        if (matched == Integer.MIN_VALUE) {
          accepted--;
          rejected++;
          String reason = "cancellation without a matching earlier purchase of the customer";
          reasons.merge(reason, 1L, Long::sum);
          options
              .rejects()
              .write(
                  spec.name(),
                  cancellation.origin,
                  cancellation.line,
                  cancellation.column,
                  format(-cancellation.amount),
                  reason);
        } else {
          cancellationsMatched++;
        }
      }
      cancellations.clear();
    }

    private void seeDay(int day) {
      if (day < oldest) {
        oldest = day;
      }
      if (day > newest) {
        newest = day;
      }
    }

    private void accept(int customer) {
      accepted++;
      customersSeen.set(customer);
    }

    private void reject(String column, String value, String reason) {
      rejected++;
      reasons.merge(reason, 1L, Long::sum);
      options
          .rejects()
          .write(
              spec.name(),
              source.origin(),
              source.line(),
              column,
              value == null ? "" : value,
              reason);
    }

    private String rowText() {
      StringBuilder text = new StringBuilder();
      char delimiter = spec.format().whitespaceSeparated() ? ' ' : spec.format().delimiter();
      for (int i = 0; i < source.fieldCount(); i++) {
        if (i > 0) {
          text.append(delimiter);
        }
        text.append(source.field(i));
        if (text.length() > 200) {
          break;
        }
      }
      return text.toString();
    }

    private static String format(double value) {
      return value == Math.rint(value) && Math.abs(value) < 1e15
          ? Long.toString((long) value)
          : Double.toString(value);
    }
  }

  private record PendingCancellation(
      int customer,
      int day,
      double amount,
      double quantity,
      String origin,
      long line,
      String column) {}
}
