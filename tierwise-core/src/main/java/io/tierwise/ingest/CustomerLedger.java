package io.tierwise.ingest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
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
  private int[] index = new int[1 << 11];
  private String lastId;
  private int lastIndex;
  private String[] ids = new String[1 << 10];
  private int size;

  private PurchaseDays[] purchases = new PurchaseDays[1 << 10];
  private int[][] categories = new int[1 << 10][];
  private int[] categoryCounts = new int[1 << 10];
  private EventLog[] events = new EventLog[1 << 10];
  private int[] signupDays = filled(1 << 10);
  private int[][] surveys = new int[1 << 10][];
  private final Map<String, String[]> attributes = new LinkedHashMap<>();
  private final Map<String, String> internedValues = new HashMap<>();
  private final Map<String, Integer> categoryIds = new HashMap<>();
  private String[] categoryNames = new String[64];
  private int[] categoryNumbers = new int[64];
  private int categoryNameCount;
  private final Map<String, Integer> featureIds = new HashMap<>();
  private int lastCategoryCustomer = -1;
  private int lastCategory = -1;

  private static int[] filled(int length) {
    int[] days = new int[length];
    Arrays.fill(days, CustomerHistory.NO_DAY);
    return days;
  }

  int size() {
    return size;
  }

  /** The dense index of a customer id, creating it on first sight. */
  int intern(CharSequence id) {
    if (lastId != null && CharSlice.same(lastId, id)) {
      return lastIndex;
    }
    int found = internSlow(id);
    lastId = ids[found];
    lastIndex = found;
    return found;
  }

  /** Looks the id up by its characters; creates a String only for a new customer. */
  private int internSlow(CharSequence id) {
    int mask = index.length - 1;
    int slot = spread(CharSlice.hash(id)) & mask;
    while (true) {
      int entry = index[slot];
      if (entry == 0) {
        break;
      }
      if (CharSlice.same(ids[entry - 1], id)) {
        return entry - 1;
      }
      slot = (slot + 1) & mask;
    }
    if (size == ids.length) {
      grow();
    }
    ids[size] = id.toString();
    index[slot] = size + 1;
    size++;
    if (size * 2 > index.length) {
      rehashIndex();
    }
    return size - 1;
  }

  /**
   * Mixes every bit of a String hash into the low bits a table slot is taken from. Ids such as
   * {@code C000123456} have String hashes that differ only in a few low digits, which a weaker mix
   * leaves in long runs of neighbouring slots (long probe chains in linear probing).
   */
  private static int spread(int hash) {
    int mixed = hash;
    mixed ^= mixed >>> 16;
    mixed *= 0x85EBCA6B;
    mixed ^= mixed >>> 13;
    mixed *= 0xC2B2AE35;
    return mixed ^ (mixed >>> 16);
  }

  private void rehashIndex() {
    int[] bigger = new int[index.length * 2];
    int mask = bigger.length - 1;
    for (int entry : index) {
      if (entry != 0) {
        int slot = spread(ids[entry - 1].hashCode()) & mask;
        while (bigger[slot] != 0) {
          slot = (slot + 1) & mask;
        }
        bigger[slot] = entry;
      }
    }
    index = bigger;
  }

  private void grow() {
    int capacity = ids.length * 2;
    ids = Arrays.copyOf(ids, capacity);
    purchases = Arrays.copyOf(purchases, capacity);
    categories = Arrays.copyOf(categories, capacity);
    categoryCounts = Arrays.copyOf(categoryCounts, capacity);
    events = Arrays.copyOf(events, capacity);
    int oldLength = signupDays.length;
    signupDays = Arrays.copyOf(signupDays, capacity);
    Arrays.fill(signupDays, oldLength, capacity, CustomerHistory.NO_DAY);
    surveys = Arrays.copyOf(surveys, capacity);
    attributes.replaceAll((name, values) -> Arrays.copyOf(values, capacity));
  }

  void signup(int customer, int day) {
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
    PurchaseDays days = purchases[customer];
    if (days == null) {
      days = new PurchaseDays();
      purchases[customer] = days;
    }
    int slot = days.slotFor(day);
    boolean fresh = days.remember(slot, print);
    if (fresh || !rejectDuplicates) {
      days.add(slot, orderHash, amount, cost, quantity);
    }
    return fresh;
  }

  /**
   * @return the matched purchase day, or {@link Integer#MIN_VALUE} when nothing matches.
   */
  int cancel(int customer, int day, double amount, double quantity) {
    PurchaseDays days = purchases[customer];
    return days == null ? Integer.MIN_VALUE : days.cancel(day, amount, quantity);
  }

  void category(int customer, CharSequence category) {
    int id = categoryId(category);
    if (customer == lastCategoryCustomer && id == lastCategory) {
      return; // the common case: a customer's rows follow each other, often in one category
    }
    lastCategoryCustomer = customer;
    lastCategory = id;
    int[] set = categories[customer];
    int count = categoryCounts[customer];
    if (set == null) {
      set = new int[2];
      categories[customer] = set;
    }
    int found = Arrays.binarySearch(set, 0, count, id);
    if (found >= 0) {
      return;
    }
    int insertAt = -found - 1;
    if (count == set.length) {
      set = Arrays.copyOf(set, count * 2);
      categories[customer] = set;
    }
    System.arraycopy(set, insertAt, set, insertAt + 1, count - insertAt);
    set[insertAt] = id;
    categoryCounts[customer] = count + 1;
  }

  /** The number of a category, found by its characters; a String only for a new category. */
  private int categoryId(CharSequence category) {
    int mask = categoryNames.length - 1;
    int slot = spread(CharSlice.hash(category)) & mask;
    while (categoryNames[slot] != null) {
      if (CharSlice.same(categoryNames[slot], category)) {
        return categoryNumbers[slot];
      }
      slot = (slot + 1) & mask;
    }
    String name = category.toString();
    int id = categoryIds.computeIfAbsent(name, key -> categoryIds.size());
    categoryNames[slot] = name;
    categoryNumbers[slot] = id;
    categoryNameCount++;
    if (categoryNameCount * 2 > categoryNames.length) {
      String[] names = categoryNames;
      int[] numbers = categoryNumbers;
      categoryNames = new String[names.length * 2];
      categoryNumbers = new int[names.length * 2];
      int biggerMask = categoryNames.length - 1;
      for (int i = 0; i < names.length; i++) {
        if (names[i] != null) {
          int to = spread(names[i].hashCode()) & biggerMask;
          while (categoryNames[to] != null) {
            to = (to + 1) & biggerMask;
          }
          categoryNames[to] = names[i];
          categoryNumbers[to] = numbers[i];
        }
      }
    }
    return id;
  }

  /** Adds an event row; returns false for an exact duplicate (see {@link #purchase}). */
  boolean event(
      int customer,
      int day,
      int type,
      double minutes,
      String feature,
      long print,
      boolean rejectDuplicates) {
    EventLog log = events[customer];
    if (log == null) {
      log = new EventLog();
      events[customer] = log;
    }
    boolean fresh = log.add(day, type, minutes, print, rejectDuplicates);
    if ((fresh || !rejectDuplicates) && feature != null && !feature.isEmpty()) {
      log.addFeature(featureIds.computeIfAbsent(feature, key -> featureIds.size()));
    }
    return fresh;
  }

  /** Survey state: answers, latest csat, its day, latest nps, its day, csat sum, csat answers. */
  void survey(int customer, int day, int csat, int nps) {
    int[] state = surveys[customer];
    if (state == null) {
      state = new int[] {0, -1, CustomerHistory.NO_DAY, -1, CustomerHistory.NO_DAY, 0, 0};
      surveys[customer] = state;
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

  /** Keeps an attribute value of a customer; the latest non-blank value wins. */
  void attribute(int customer, String name, CharSequence value) {
    if (value == null || CharSlice.isBlank(value)) {
      return;
    }
    String[] values = attributes.computeIfAbsent(name, key -> new String[ids.length]);
    String stored = values[customer];
    if (stored != null && CharSlice.same(stored, value)) {
      return; // unchanged: no String, no lookup (the usual case for rows of one customer)
    }
    String text = value.toString().strip();
    values[customer] = internedValues.computeIfAbsent(text, key -> key);
  }

  CustomerBase freeze() {
    for (int customer = 0; customer < size; customer++) {
      if (purchases[customer] != null) {
        purchases[customer].trim();
      }
      if (events[customer] != null) {
        events[customer].trim();
      }
      categories[customer] = null; // only the count is part of a history
    }
    return new CustomerBase(this);
  }

  // --- read side, used by CustomerBase ---

  void release(int customer) {
    purchases[customer] = null;
    events[customer] = null;
  }

  String id(int customer) {
    return ids[customer];
  }

  int featureCount() {
    return featureIds.size();
  }

  List<String> attributeNames() {
    return new ArrayList<>(attributes.keySet());
  }

  CustomerHistory history(int customer) {
    return new CustomerHistory(
        ids[customer],
        signupDays[customer],
        purchasesOf(customer),
        categoryCounts[customer],
        interactionsOf(customer),
        surveysOf(customer),
        attributesOf(customer));
  }

  CustomerHistory.Purchases purchasesOf(int customer) {
    PurchaseDays days = purchases[customer];
    if (days == null || days.size() == 0) {
      return CustomerHistory.Purchases.NONE;
    }
    int n = days.size();
    int[] dayNumbers = new int[n];
    int[] orders = new int[n];
    double[] revenue = new double[n];
    double[] cost = new double[days.hasCost() ? n : 0];
    for (int i = 0; i < n; i++) {
      dayNumbers[i] = days.day(i);
      orders[i] = days.orders(i);
      revenue[i] = days.revenue(i);
      if (days.hasCost()) {
        cost[i] = days.cost(i);
      }
    }
    return new CustomerHistory.Purchases(dayNumbers, revenue, cost, orders, days.quantity());
  }

  private CustomerHistory.Interactions interactionsOf(int customer) {
    EventLog log = events[customer];
    if (log == null) {
      return CustomerHistory.Interactions.NONE;
    }
    int n = log.size();
    int[] days = new int[n];
    byte[] types = new byte[n];
    int[] counts = new int[n];
    double[] minutes = new double[n];
    for (int i = 0; i < n; i++) {
      days[i] = log.day(i);
      types[i] = (byte) log.type(i);
      counts[i] = log.count(i);
      minutes[i] = log.minutes(i);
    }
    return new CustomerHistory.Interactions(days, types, counts, minutes, log.featureCount());
  }

  private CustomerHistory.Surveys surveysOf(int customer) {
    int[] state = surveys[customer];
    if (state == null) {
      return CustomerHistory.Surveys.NONE;
    }
    return new CustomerHistory.Surveys(
        state[0],
        state[1],
        state[2],
        state[3],
        state[4],
        state[6] == 0 ? Double.NaN : (double) state[5] / state[6]);
  }

  private Map<String, String> attributesOf(int customer) {
    Map<String, String> values = new LinkedHashMap<>();
    attributes.forEach(
        (name, column) -> {
          if (column[customer] != null) {
            values.put(name, column[customer]);
          }
        });
    return values;
  }
}
