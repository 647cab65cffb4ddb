package io.tierwise.ingest;

import dev.cel.runtime.CelVariableResolver;
import io.tierwise.TierwiseException;
import io.tierwise.rules.PositionedVariables;
import io.tierwise.rules.RuleEvaluationException;
import io.tierwise.rules.RuleExpression;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A source's mapping compiled against the columns it really has: column positions resolved,
 * expressions compiled, parsers ready. {@link #bind} reads one raw row into typed values and
 * records per-field coverage and validity. Not thread-safe (one per reader).
 */
final class RowBinder {

  /** How one of our fields is read from the row. */
  private static final class Slot {
    final Field field;
    final int column;
    final RuleExpression expression;
    final String constant;
    final boolean integerId;
    final TextValues.DateReader dates;
    final String sourceName;
    // resolved once, read for every row
    final int index;
    final Field.Type type;
    final boolean required;
    final boolean ranged;
    FieldStats stats;
    // Whether the reading thread may work out this field's number, day or hash (prepare()).
    boolean prepared;

    Slot(
        Field field,
        int column,
        RuleExpression expression,
        String constant,
        boolean integerId,
        TextValues.DateReader dates,
        String sourceName) {
      this.field = field;
      this.column = column;
      this.expression = expression;
      this.constant = constant;
      this.integerId = integerId;
      this.dates = dates;
      this.sourceName = sourceName;
      this.index = field.ordinal();
      this.type = field.type();
      this.required = field.required();
      this.ranged = hasRange(field);
    }
  }

  private final SourceSpec spec;
  private final PrefetchingRowSource source;
  private final List<Slot> slots = new ArrayList<>();
  private final Slot[] slotArray;
  private final EnumMap<Field, Slot> slotByField = new EnumMap<>(Field.class);
  private final RuleExpression cancellationRule;
  private final RuleExpression excludeRule;
  private final int[] attributeColumns;
  private final List<String> attributeNames;
  private final Map<String, Integer> columnIndex = new HashMap<>();
  private final FieldStats[] stats = new FieldStats[Field.values().length];
  private final CelVariableResolver resolver;
  private final boolean derivedAmount;

  // The bound row, reused: text, number or day per field; null/NaN/INVALID when absent. Text
  // fields are kept as characters (views of the source's row) and become Strings on demand.
  private final CharSequence[] chars = new CharSequence[Field.values().length];
  private final String[] text = new String[Field.values().length];
  private final CharSlice[] views = new CharSlice[Field.values().length];
  final double[] number = new double[Field.values().length];
  final int[] day = new int[Field.values().length];
  // Hashes of id fields worked out by the reading thread, valid where hashed[] says so.
  private final long[] hashes = new long[Field.values().length];
  private final boolean[] hashed = new boolean[Field.values().length];
  final boolean[] valid = new boolean[Field.values().length];

  /** The first problem of the bound row, if any. */
  Field firstInvalid;

  String firstInvalidValue;
  String firstInvalidReason;

  RowBinder(SourceSpec spec, PrefetchingRowSource source) {
    this.spec = spec;
    this.source = source;
    List<String> columns = source.columns();
    for (int i = 0; i < columns.size(); i++) {
      columnIndex.putIfAbsent(columns.get(i), i);
    }
    Map<String, RuleExpression.VariableType> variables = RuleExpression.textColumns(columns);
    String keyPrefix = "sources." + spec.name() + ".";
    for (Field field : spec.kind().fields()) {
      FieldSpec fieldSpec = spec.fields().get(field);
      if (fieldSpec == null) {
        if (field == Field.AMOUNT
            && spec.fields().containsKey(Field.QUANTITY)
            && spec.fields().containsKey(Field.UNIT_PRICE)) {
          continue; // amount = quantity × unit_price, see bind()
        }
        if (field.required() && !(field == Field.CANCELLATION)) {
          throw TierwiseException.invalidConfig(
              keyPrefix
                  + "fields."
                  + field.column()
                  + ": required field is not mapped (columns"
                  + " of "
                  + spec.name()
                  + ": "
                  + columns
                  + ")");
        }
        continue;
      }
      Slot slot = slot(field, fieldSpec, variables, keyPrefix, columns);
      if (slot != null) {
        slots.add(slot);
        slotByField.put(field, slot);
        stats[field.ordinal()] = new FieldStats(field.column());
        slot.stats = stats[field.ordinal()];
      }
    }
    this.cancellationRule =
        spec.cancellation()
            .map(
                rule ->
                    RuleExpression.compile(
                        rule,
                        keyPrefix + "cancellation",
                        RuleExpression.ResultType.BOOLEAN,
                        variables))
            .orElse(null);
    this.excludeRule =
        spec.exclude()
            .map(
                rule ->
                    RuleExpression.compile(
                        rule, keyPrefix + "exclude", RuleExpression.ResultType.BOOLEAN, variables))
            .orElse(null);
    List<String> names = new ArrayList<>();
    List<Integer> positions = new ArrayList<>();
    if (spec.keepsAllAttributes()) {
      java.util.Set<Integer> mapped = new java.util.HashSet<>();
      slots.forEach(slot -> mapped.add(slot.column));
      for (int i = 0; i < columns.size(); i++) {
        if (!mapped.contains(i)) {
          names.add(columns.get(i));
          positions.add(i);
        }
      }
    } else {
      for (String attribute : spec.attributes()) {
        Integer position = columnIndex.get(attribute);
        if (position == null) {
          throw missingColumn(keyPrefix + "attributes", attribute, columns);
        }
        names.add(attribute);
        positions.add(position);
      }
    }
    this.attributeNames = List.copyOf(names);
    this.attributeColumns = positions.stream().mapToInt(Integer::intValue).toArray();
    this.resolver = new RowVariables();
    this.slotArray = slots.toArray(new Slot[0]);
    this.derivedAmount =
        spec.kind() == SourceKind.ORDERS
            && !slotByField.containsKey(Field.AMOUNT)
            && slotByField.containsKey(Field.QUANTITY)
            && slotByField.containsKey(Field.UNIT_PRICE);
    if (derivedAmount) {
      stats[Field.AMOUNT.ordinal()] = new FieldStats(Field.AMOUNT.column());
    }
    for (Slot slot : slotArray) {
      prepare(slot);
    }
  }

  /**
   * Lets the reading thread parse the field's numbers and dates, and hash its customer or order
   * ids, as far as that is a function of the column's text alone (see {@link
   * PrefetchingRowSource#prepare}). Only valid values are taken from there: a field that did not
   * parse is parsed again here, so that its reject reason comes from one place.
   */
  private void prepare(Slot slot) {
    if (slot.column < 0) {
      return;
    }
    PrefetchingRowSource.Preparation preparation =
        switch (slot.type) {
          case DATE -> PrefetchingRowSource.Preparation.date(slot.dates);
          case DECIMAL, INTEGER -> PrefetchingRowSource.Preparation.decimal();
          case ID -> PrefetchingRowSource.Preparation.textHash();
          case TEXT ->
              slot.field == Field.ORDER_ID ? PrefetchingRowSource.Preparation.rowHash() : null;
          default -> null;
        };
    slot.prepared = preparation != null && source.prepare(slot.column, preparation);
  }

  private Slot slot(
      Field field,
      FieldSpec fieldSpec,
      Map<String, RuleExpression.VariableType> variables,
      String keyPrefix,
      List<String> columns) {
    String key = keyPrefix + "fields." + field.column();
    if (fieldSpec instanceof FieldSpec.FromColumn column) {
      Integer position = columnIndex.get(column.column());
      if (position == null) {
        if (isOwnFormat() && !field.required()) {
          return null; // optional column absent from a file in our format
        }
        throw missingColumn(key, column.column(), columns);
      }
      return new Slot(
          field,
          position,
          null,
          null,
          column.integerId(),
          dates(field, column.format()),
          column.column());
    }
    if (fieldSpec instanceof FieldSpec.FromExpression expression) {
      RuleExpression.ResultType type =
          switch (field.type()) {
            case DECIMAL, INTEGER -> RuleExpression.ResultType.NUMBER;
            case BOOLEAN -> RuleExpression.ResultType.BOOLEAN;
            default -> RuleExpression.ResultType.TEXT;
          };
      return new Slot(
          field,
          -1,
          RuleExpression.compile(expression.expression(), key, type, variables),
          null,
          false,
          dates(field, expression.format()),
          "expression");
    }
    FieldSpec.Constant constant = (FieldSpec.Constant) fieldSpec;
    return new Slot(
        field, -1, null, constant.value(), false, dates(field, Optional.empty()), "constant");
  }

  private boolean isOwnFormat() {
    return spec.fields().values().stream()
        .allMatch(
            fieldSpec ->
                fieldSpec instanceof FieldSpec.FromColumn column
                    && Field.of(spec.kind(), column.column()).isPresent());
  }

  private TextValues.DateReader dates(Field field, Optional<String> format) {
    return field.type() == Field.Type.DATE ? new TextValues.DateReader(format, spec.zone()) : null;
  }

  private static TierwiseException missingColumn(String key, String column, List<String> columns) {
    return TierwiseException.invalidInput(
        key
            + ": column '"
            + column
            + "' not found"
            + Suggestions.didYouMean(column, columns)
            + "; the source has columns "
            + columns);
  }

  List<String> attributeNames() {
    return attributeNames;
  }

  /** The attribute values of the current row, in {@link #attributeNames()} order. */
  CharSequence attribute(int index) {
    int column = attributeColumns[index];
    return column < source.fieldCount() ? source.chars(column) : "";
  }

  List<FieldStats> allStats() {
    List<FieldStats> all = new ArrayList<>();
    for (Field field : spec.kind().fields()) {
      if (stats[field.ordinal()] != null) {
        all.add(stats[field.ordinal()]);
      }
    }
    return all;
  }

  /** A text or id field of the bound row as a String; null when absent. */
  String text(Field field) {
    int index = field.ordinal();
    if (text[index] == null && chars[index] != null) {
      text[index] = chars[index].toString();
    }
    return text[index];
  }

  /**
   * A text or id field of the bound row as characters, valid until the next row; null when absent.
   */
  CharSequence chars(Field field) {
    return chars[field.ordinal()];
  }

  /**
   * Whether the reading thread hashed the id field of the bound row: then {@link #hash} is its
   * {@link CharSlice#hash} (customer ids) or {@link RowFingerprints#hash} (order ids).
   */
  boolean hashed(Field field) {
    return hashed[field.ordinal()];
  }

  /** Whether the reading thread may hash a field straight from its column (see {@link #hashed}). */
  boolean preparesHash(Field field) {
    Slot slot = slotByField.get(field);
    return slot != null && slot.prepared && slot.type == Field.Type.ID;
  }

  /** See {@link #hashed}. */
  long hash(Field field) {
    return hashes[field.ordinal()];
  }

  /** The position of the column a field is read from; -1 when it comes from elsewhere. */
  int columnIndexOf(Field field) {
    Slot slot = slotByField.get(field);
    return slot == null ? -1 : slot.column;
  }

  /** The column a field is read from, for rejects. */
  String columnOf(Field field) {
    Slot slot = slotByField.get(field);
    if (slot == null) {
      return field == Field.AMOUNT && derivedAmount
          ? columnOf(Field.QUANTITY) + " × " + columnOf(Field.UNIT_PRICE)
          : field.column();
    }
    return slot.column >= 0 ? slot.sourceName : field.column() + " (" + slot.sourceName + ")";
  }

  /**
   * Reads every mapped field of the current row. Afterwards {@link #firstInvalid} names the first
   * required field that is missing or invalid (or an optional field that is present but invalid).
   */
  void bind() {
    firstInvalid = null;
    firstInvalidValue = null;
    firstInvalidReason = null;
    int fieldCount = source.fieldCount();
    for (Slot slot : slotArray) {
      int index = slot.index;
      FieldStats fieldStats = slot.stats;
      text[index] = null;
      chars[index] = null;
      number[index] = Double.NaN;
      day[index] = TextValues.DateReader.INVALID;
      valid[index] = false;
      hashed[index] = false;
      CharSequence raw;
      String reason = null;
      if (slot.column >= 0) {
        raw = slot.column < fieldCount ? source.chars(slot.column) : null;
      } else if (slot.constant != null) {
        raw = slot.constant;
      } else {
        try {
          if (slot.type == Field.Type.DECIMAL || slot.type == Field.Type.INTEGER) {
            double value = slot.expression.evalNumber(resolver);
            raw = Double.toString(value);
          } else if (slot.type == Field.Type.BOOLEAN) {
            raw = Boolean.toString(slot.expression.evalBoolean(resolver));
          } else {
            raw = slot.expression.evalText(resolver);
          }
        } catch (RuleEvaluationException e) {
          raw = null;
          reason = "expression failed: " + e.getMessage();
        }
      }
      boolean present = raw != null && !CharSlice.isBlank(raw);
      if (!present) {
        fieldStats.missing++;
        if (reason != null) {
          fieldStats.invalid++;
          fail(slot.field, "", reason);
        } else if (slot.required) {
          fail(slot.field, "", "missing " + slot.field.column());
        }
        continue;
      }
      reason = parse(slot, index, raw);
      if (reason == null) {
        valid[index] = true;
        fieldStats.valid++;
        if (slot.type == Field.Type.DECIMAL && number[index] <= 0) {
          fieldStats.nonPositive++;
        }
      } else {
        fieldStats.invalid++;
        fail(slot.field, raw.toString(), reason);
      }
    }
    if (derivedAmount) {
      deriveAmount();
    }
  }

  /** amount = quantity × unit_price, when the mapping gives those instead of an amount. */
  private void deriveAmount() {
    int amount = Field.AMOUNT.ordinal();
    FieldStats amountStats = stats[amount];
    valid[amount] = false;
    number[amount] = Double.NaN;
    boolean hasQuantity = valid[Field.QUANTITY.ordinal()];
    boolean hasPrice = valid[Field.UNIT_PRICE.ordinal()];
    if (hasQuantity && hasPrice) {
      number[amount] = number[Field.QUANTITY.ordinal()] * number[Field.UNIT_PRICE.ordinal()];
      valid[amount] = true;
      amountStats.valid++;
      if (number[amount] <= 0) {
        amountStats.nonPositive++;
      }
      return;
    }
    amountStats.missing++;
    fail(
        hasQuantity ? Field.UNIT_PRICE : Field.QUANTITY,
        "",
        "missing "
            + (hasQuantity ? "unit_price" : "quantity")
            + " (amount = quantity × unit_price)");
  }

  private void fail(Field field, String value, String reason) {
    if (firstInvalid == null) {
      firstInvalid = field;
      firstInvalidValue = value;
      firstInvalidReason = reason;
    }
  }

  private String parse(Slot slot, int index, CharSequence raw) {
    switch (slot.type) {
      case ID, TEXT -> {
        CharSequence text = stripped(raw, index, slot.type == Field.Type.ID && slot.integerId);
        chars[index] = text;
        // the hash of the column's text is the field's when nothing was stripped
        hashed[index] = slot.prepared && text == raw && source.batchPrepared();
        if (hashed[index]) {
          hashes[index] = source.prepared(slot.column);
        }
        return null;
      }
      case DATE -> {
        int parsed =
            slot.prepared && source.batchPrepared()
                ? (int) source.prepared(slot.column)
                : TextValues.DateReader.INVALID;
        if (parsed == TextValues.DateReader.INVALID) {
          parsed = slot.dates.read(raw);
        }
        if (parsed == TextValues.DateReader.INVALID) {
          return "invalid date" + slot.dates.expected();
        }
        day[index] = parsed;
        return null;
      }
      case DECIMAL, INTEGER -> {
        double value =
            slot.prepared && source.batchPrepared()
                ? Double.longBitsToDouble(source.prepared(slot.column))
                : Double.NaN;
        if (Double.isNaN(value)) {
          value = TextValues.parseDecimal(raw);
        }
        if (Double.isNaN(value)) {
          return "not a number";
        }
        if (slot.type == Field.Type.INTEGER && value != Math.rint(value)) {
          return "not a whole number";
        }
        String range = slot.ranged ? range(slot.field, value) : null;
        if (range != null) {
          return range;
        }
        number[index] = value;
        return null;
      }
      case BOOLEAN -> {
        Optional<Boolean> value = TextValues.parseBoolean(raw.toString());
        if (value.isEmpty()) {
          return "not true/false";
        }
        number[index] = value.get() ? 1 : 0;
        return null;
      }
      case EVENT_TYPE -> {
        int type = EventType.ordinalOf(raw);
        if (type < 0) {
          return "unknown event type (expected one of login, usage, feature_use, support_ticket,"
              + " consultation, custom_request, self_service, referral, complaint,"
              + " purchase_inquiry)";
        }
        number[index] = type;
        return null;
      }
    }
    return null;
  }

  /**
   * The text without surrounding whitespace (like {@link String#strip()}) and, for integer ids,
   * without a trailing ".0"; a view of the source's characters when it gives one.
   */
  private CharSequence stripped(CharSequence raw, int index, boolean integerId) {
    int start = 0;
    int end = raw.length();
    while (start < end && CharSlice.isWhitespace(raw.charAt(start))) {
      start++;
    }
    while (end > start && CharSlice.isWhitespace(raw.charAt(end - 1))) {
      end--;
    }
    if (integerId && end - start >= 2 && raw.charAt(end - 2) == '.' && raw.charAt(end - 1) == '0') {
      end -= 2;
    }
    if (start == 0 && end == raw.length()) {
      return raw;
    }
    if (raw instanceof CharSlice) {
      CharSlice slice = (CharSlice) raw;
      CharSlice view = views[index];
      if (view == null) {
        view = new CharSlice();
        views[index] = view;
      }
      return view.set(slice.buffer, slice.offset + start, end - start);
    }
    return raw.subSequence(start, end).toString();
  }

  /** Whether {@link #range} checks the field. */
  private static boolean hasRange(Field field) {
    return field == Field.CSAT || field == Field.NPS || field == Field.DURATION_MINUTES;
  }

  private static String range(Field field, double value) {
    return switch (field) {
      case CSAT -> value < 1 || value > 5 ? "csat outside 1..5" : null;
      case NPS -> value < 0 || value > 10 ? "nps outside 0..10" : null;
      case DURATION_MINUTES -> value < 0 ? "negative duration" : null;
      default -> null;
    };
  }

  /** Evaluates the cancellation rule on the current row; false when there is none. */
  boolean cancellation() throws RuleEvaluationException {
    boolean byField =
        valid[Field.CANCELLATION.ordinal()] && number[Field.CANCELLATION.ordinal()] == 1;
    return byField || (cancellationRule != null && cancellationRule.evalBoolean(resolver));
  }

  /** Evaluates the exclusion rule on the current row; false when there is none. */
  boolean excluded() throws RuleEvaluationException {
    return excludeRule != null && excludeRule.evalBoolean(resolver);
  }

  String excludeRuleSource() {
    return excludeRule == null ? "" : excludeRule.source();
  }

  /**
   * The current row as expression variables: each column by its name, and {@code row}, a map of
   * them all. Read by position (the column's index; {@code row} after the last column), so that
   * translated expressions (ADR 0002) find a column without a lookup by name.
   */
  private final class RowVariables implements PositionedVariables {
    @Override
    public int position(String name) {
      if (name.equals("row")) {
        return source.columns().size();
      }
      Integer position = columnIndex.get(name);
      return position == null ? -1 : position;
    }

    /** Positions are those of this binder's header. */
    @Override
    public Object layout() {
      return columnIndex;
    }

    @Override
    public Object valueAt(int position) {
      List<String> columns = source.columns();
      if (position == columns.size()) {
        Map<String, String> row = new LinkedHashMap<>();
        for (int i = 0; i < columns.size(); i++) {
          row.put(columns.get(i), i < source.fieldCount() ? source.field(i) : "");
        }
        return row;
      }
      return position < source.fieldCount() ? source.field(position) : "";
    }

    @Override
    public double numberAt(int position) {
      throw new UnsupportedOperationException("columns are text");
    }
  }
}
