package io.tierwise.ingest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The per-customer state ingest folds rows into: customer ids interned once to dense indexes, and
 * per index the purchases, events, surveys and attributes. Memory grows with customers (and their
 * active days), never with input rows. Confined to the ingest thread; {@link #freeze()} turns it
 * into the read-only {@link CustomerBase}.
 */
final class CustomerLedger {
  private static final int INITIAL = 1 << 10;

  private final TextIds ids = new TextIds();
  private int capacity = INITIAL;
  private final boolean everything;
  private final PurchaseBook purchases;
  private final EventBook events;
  private final SmallIntSets categories = new SmallIntSets(INITIAL);
  private final SmallIntSets features = new SmallIntSets(INITIAL);
  private int[] signupDays; // these three are made on first use: many inputs have neither
  // Survey state, SURVEY_FIELDS ints a customer with answers, in one array (not an array per
  // customer: hundreds of thousands of small objects made every full collection dearer);
  // surveySlot[customer] is 1 + the customer's slot, 0 for none.
  private int[] surveySlot;
  private int[] surveyState;
  private int surveyCount;
  // Per attribute, each customer's value as 1 + its index in attributeValues (0: none): numbers,
  // not a million references per column for every full collection to follow.
  private final Map<String, int[]> attributes = new LinkedHashMap<>();
  private final TextIds attributeValueIds = new TextIds();
  private final List<String> attributeValues = new ArrayList<>();
  private final TextIds categoryIds = new TextIds();
  private final TextIds featureIds = new TextIds();

  CustomerLedger(Ingest.Keep keep) {
    this.everything = keep == Ingest.Keep.EVERYTHING;
    // Everything is kept for run, which releases the ledger while its indicator table grows: on
    // the heap, the table reuses the pages' memory. Commands that keep only purchase values (clv
    // fit, validate) hold the ledger to the end: out of the heap, no collection copies or moves
    // it (ADR 0005).
    LongSlabs.Memory memory = everything ? LongSlabs.Memory.HEAP : LongSlabs.Memory.NATIVE;
    this.purchases = new PurchaseBook(INITIAL, everything, memory);
    this.events = new EventBook(INITIAL, memory);
  }

  private static int[] filled(int length) {
    int[] days = new int[length];
    Arrays.fill(days, CustomerHistory.NO_DAY);
    return days;
  }

  int size() {
    return ids.size();
  }

  /** See {@link TextIds#touch}. */
  int touch(CharSequence id) {
    return ids.touch(id);
  }

  /** See {@link TextIds#touchHashed}. */
  int touchHashed(int textHash) {
    return ids.touchHashed(textHash);
  }

  /** The dense index of a customer id, creating it on first sight. */
  int intern(CharSequence id) {
    return grown(ids.intern(id));
  }

  /** As {@link #intern(CharSequence)}, given the id's {@link CharSlice#hash}. */
  int intern(CharSequence id, int textHash) {
    return grown(ids.intern(id, textHash));
  }

  private int grown(int customer) {
    if (customer == capacity) {
      grow();
    }
    return customer;
  }

  private void grow() {
    int bigger = capacity + (capacity >> 1); // 1.5×: with millions of customers, slack is memory
    purchases.grow(bigger);
    events.grow(bigger);
    categories.grow(bigger);
    features.grow(bigger);
    if (signupDays != null) {
      signupDays = Arrays.copyOf(signupDays, bigger);
      Arrays.fill(signupDays, capacity, bigger, CustomerHistory.NO_DAY);
    }
    if (surveySlot != null) {
      surveySlot = Arrays.copyOf(surveySlot, bigger);
    }
    attributes.replaceAll((name, values) -> Arrays.copyOf(values, bigger));
    capacity = bigger;
  }

  void signup(int customer, int day) {
    if (!everything) {
      return;
    }
    if (signupDays == null) {
      signupDays = filled(capacity);
    }
    signupDays[customer] = day;
  }

  /**
   * Adds a purchase row unless it is an exact duplicate of an earlier row of the customer's day and
   * {@code rejectDuplicates} is set.
   *
   * @return false if the row is an exact duplicate
   */
  boolean purchase(
      int customer,
      int day,
      long print,
      boolean rejectDuplicates,
      long orderHash,
      double amount,
      double cost,
      double quantity) {
    return purchases.add(customer, day, print, rejectDuplicates, orderHash, amount, cost, quantity);
  }

  /**
   * @return the matched purchase day, or {@link Integer#MIN_VALUE} when nothing matches.
   */
  int cancel(int customer, int day, double amount, double quantity) {
    return purchases.cancel(customer, day, amount, quantity);
  }

  void category(int customer, CharSequence category) {
    if (!everything) {
      return;
    }
    // Category names come back in a different order on every customer's rows: a small cache by
    // length and end characters finds most of them without hashing the name.
    int length = category.length();
    int key =
        length == 0
            ? 0
            : (length * 31 + category.charAt(length - 1)) * 31 + category.charAt(length / 2)
                & (CATEGORY_CACHE - 1);
    int index = categoryCache[key] - 1;
    if (index < 0 || !sameText(categoryCacheText[key], category)) {
      index = categoryIds.intern(category);
      categoryCache[key] = index + 1;
      categoryCacheText[key] = category.toString().toCharArray();
    }
    categories.add(customer, index);
  }

  private static boolean sameText(char[] cached, CharSequence text) {
    int length = text.length();
    if (cached.length != length) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      if (cached[i] != text.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private static final int CATEGORY_CACHE = 64;
  // Per cache slot: a category index + 1 (0 = empty) and the name's characters.
  private final int[] categoryCache = new int[CATEGORY_CACHE];
  private final char[][] categoryCacheText = new char[CATEGORY_CACHE][];

  /** Adds an event row; returns false for an exact duplicate (see {@link #purchase}). */
  boolean event(
      int customer,
      int day,
      int type,
      double minutes,
      CharSequence feature,
      long print,
      boolean rejectDuplicates) {
    boolean fresh = events.add(customer, day, type, minutes, print, rejectDuplicates);
    if ((fresh || !rejectDuplicates) && feature != null && feature.length() > 0) {
      features.add(customer, featureIds.intern(feature));
    }
    return fresh;
  }

  /** Survey state: answers, latest csat, its day, latest nps, its day, csat sum, csat answers. */
  private static final int SURVEY_FIELDS = 7;

  void survey(int customer, int day, int csat, int nps) {
    if (!everything) {
      return;
    }
    if (surveySlot == null) {
      surveySlot = new int[capacity];
      surveyState = new int[SURVEY_FIELDS * 1024];
    }
    int slot = surveySlot[customer] - 1;
    if (slot < 0) {
      slot = surveyCount++;
      surveySlot[customer] = slot + 1;
      int end = (slot + 1) * SURVEY_FIELDS;
      if (end > surveyState.length) {
        surveyState = Arrays.copyOf(surveyState, Math.max(end, surveyState.length * 2));
      }
      int at = slot * SURVEY_FIELDS;
      surveyState[at + 1] = -1;
      surveyState[at + 2] = CustomerHistory.NO_DAY;
      surveyState[at + 3] = -1;
      surveyState[at + 4] = CustomerHistory.NO_DAY;
    }
    int at = slot * SURVEY_FIELDS;
    surveyState[at]++;
    if (csat >= 0) {
      if (day >= surveyState[at + 2]) {
        surveyState[at + 1] = csat;
        surveyState[at + 2] = day;
      }
      surveyState[at + 5] += csat;
      surveyState[at + 6]++;
    }
    if (nps >= 0 && day >= surveyState[at + 4]) {
      surveyState[at + 3] = nps;
      surveyState[at + 4] = day;
    }
  }

  /** Keeps an attribute value of a customer; the latest non-blank value wins. */
  void attribute(int customer, String name, CharSequence value) {
    if (!everything || value == null || CharSlice.isBlank(value)) {
      return;
    }
    int[] values = attributes.get(name);
    if (values == null) {
      values = new int[capacity];
      attributes.put(name, values);
    }
    int stored = values[customer];
    if (stored != 0 && CharSlice.same(attributeValues.get(stored - 1), value)) {
      return; // unchanged: no String, no lookup (the usual case for rows of one customer)
    }
    // Values repeat (regions, sizes, ages): interned from the row's characters, so a String is
    // made only for a value not seen before.
    CharSequence text = CharSlice.stripped(value);
    int index = attributeValueIds.intern(text);
    if (index == attributeValues.size()) {
      attributeValues.add(text.toString());
    }
    values[customer] = index + 1;
  }

  CustomerBase freeze() {
    ids.trim();
    attributeValueIds.trim();
    if (surveyState != null) {
      surveyState = Arrays.copyOf(surveyState, surveyCount * SURVEY_FIELDS);
    }
    purchases.seal();
    events.seal();
    return new CustomerBase(this);
  }

  // --- read side, used by CustomerBase ---

  int idAsciiInto(int customer, byte[] into) {
    return ids.asciiInto(customer, into);
  }

  byte[] idUtf8(int customer) {
    return ids.utf8(customer);
  }

  void release(int customer) {
    purchases.release(customer);
    events.release(customer);
  }

  /**
   * The customers ordered by where their purchases are stored (those without purchases first):
   * releasing them in this order empties the purchase pages one after another, instead of all at
   * once at the end, since regions of customers in id order are scattered over every page.
   */
  int[] releaseOrder() {
    int size = size();
    long[] keys = new long[size];
    for (int customer = 0; customer < size; customer++) {
      keys[customer] = (long) purchases.addressOf(customer) << 32 | customer;
    }
    Arrays.sort(keys);
    int[] order = new int[size];
    for (int i = 0; i < size; i++) {
      order[i] = (int) keys[i];
    }
    return order;
  }

  String id(int customer) {
    return ids.id(customer);
  }

  int featureCount() {
    return featureIds.size();
  }

  List<String> attributeNames() {
    return new ArrayList<>(attributes.keySet());
  }

  /** Attribute {@code name} of every customer; no value for anyone if no row had it. */
  AttributeColumn attributeColumn(String name) {
    int[] values = attributes.get(name);
    return new AttributeColumn(
        name, values == null ? new int[size()] : values, attributeValues.toArray(String[]::new));
  }

  CustomerHistory history(int customer) {
    return new CustomerHistory(
        ids.id(customer),
        signupDays == null ? CustomerHistory.NO_DAY : signupDays[customer],
        purchasesOf(customer),
        categories.count(customer),
        interactionsOf(customer),
        surveysOf(customer),
        attributesOf(customer));
  }

  CustomerHistory.Purchases purchasesOf(int customer) {
    int n = purchases.size(customer);
    if (n == 0) {
      return CustomerHistory.Purchases.NONE;
    }
    boolean hasCost = purchases.hasCost(customer);
    int[] dayNumbers = new int[n];
    int[] orders = new int[n];
    double[] revenue = new double[n];
    double[] cost = new double[hasCost ? n : 0];
    for (int i = 0; i < n; i++) {
      dayNumbers[i] = purchases.day(customer, i);
      orders[i] = purchases.orders(customer, i);
      revenue[i] = purchases.revenue(customer, i);
      if (hasCost) {
        cost[i] = purchases.cost(customer, i);
      }
    }
    return new CustomerHistory.Purchases(
        dayNumbers, revenue, cost, orders, purchases.quantity(customer));
  }

  void purchasesInto(int customer, PurchaseDays into) {
    int n = purchases.size(customer);
    into.reset(n);
    int[] dayNumbers = into.days();
    int[] orders = into.orders();
    double[] revenue = into.revenue();
    for (int i = 0; i < n; i++) {
      dayNumbers[i] = purchases.day(customer, i);
      orders[i] = purchases.orders(customer, i);
      revenue[i] = purchases.revenue(customer, i);
    }
  }

  private CustomerHistory.Interactions interactionsOf(int customer) {
    int n = events.size(customer);
    if (n == 0) {
      return CustomerHistory.Interactions.NONE;
    }
    int[] days = new int[n];
    byte[] types = new byte[n];
    int[] counts = new int[n];
    double[] minutes = new double[n];
    for (int i = 0; i < n; i++) {
      days[i] = events.day(customer, i);
      types[i] = (byte) events.type(customer, i);
      counts[i] = events.count(customer, i);
      minutes[i] = events.minutes(customer, i);
    }
    return new CustomerHistory.Interactions(days, types, counts, minutes, features.count(customer));
  }

  private CustomerHistory.Surveys surveysOf(int customer) {
    int slot = surveySlot == null ? -1 : surveySlot[customer] - 1;
    if (slot < 0) {
      return CustomerHistory.Surveys.NONE;
    }
    int at = slot * SURVEY_FIELDS;
    return new CustomerHistory.Surveys(
        surveyState[at],
        surveyState[at + 1],
        surveyState[at + 2],
        surveyState[at + 3],
        surveyState[at + 4],
        surveyState[at + 6] == 0 ? Double.NaN : (double) surveyState[at + 5] / surveyState[at + 6]);
  }

  private Map<String, String> attributesOf(int customer) {
    return attributes.isEmpty()
        ? Map.of()
        : new LedgerAttributes(attributes, attributeValues, customer);
  }
}
