package io.tierwise.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * The compact per-customer storage (ADR 0005) against plain Java collections: random purchases,
 * duplicates and cancellations, in random day order, over customers that grow past several region
 * sizes and free-list reuse.
 */
class CompactLedgerPropertyTest {

  /** What one customer's day holds in the reference model. */
  /** Pages on the heap or in native memory: the books must not tell the difference. */
  private static LongSlabs.Memory memory(Random random) {
    return random.nextBoolean() ? LongSlabs.Memory.HEAP : LongSlabs.Memory.NATIVE;
  }

  private static final class Day {
    double revenue;
    double cost;
    int orders;
    Set<Long> prints = new HashSet<>();
  }

  @Property(tries = 60)
  void purchaseBookMatchesAPlainModel(@ForAll @IntRange(min = 0, max = 1_000_000) int seed) {
    Random random = new Random(seed);
    int customers = 1 + random.nextInt(40);
    boolean details = random.nextBoolean(); // cost and quantity kept, or purchase values only
    PurchaseBook book = new PurchaseBook(4, details, memory(random));
    int capacity = 4;
    List<TreeMap<Integer, Day>> model = new ArrayList<>();
    double[] quantity = new double[customers];
    boolean[] bought = new boolean[customers];
    for (int c = 0; c < customers; c++) {
      model.add(new TreeMap<>());
    }
    while (capacity < customers) {
      capacity *= 2;
      book.grow(capacity);
    }
    // Ingest settles cancellations after a source's purchases are in: first rows, then those.
    int rows = random.nextInt(3000);
    for (int row = 0; row < rows + rows / 10; row++) {
      int customer = random.nextInt(customers);
      int day = 18_000 + random.nextInt(random.nextBoolean() ? 20 : 400);
      if (row >= rows) {
        double amount = 1 + random.nextInt(50);
        int expected = expectedCancel(model.get(customer), day, amount);
        int matched = book.cancel(customer, day, amount, 1);
        assertThat(matched).isEqualTo(expected);
        if (expected != Integer.MIN_VALUE) {
          quantity[customer] = Math.max(0, quantity[customer] - 1);
        }
        continue;
      }
      long print = 0x1234_5678_9ABC_DEF1L * (1 + random.nextInt(4)); // few: duplicates happen
      double amount = 1 + random.nextInt(100);
      boolean fresh = book.add(customer, day, print, true, row + 1, amount, amount / 2, 1);
      Day expected = model.get(customer).computeIfAbsent(day, key -> new Day());
      boolean expectedFresh = expected.prints.add(print);
      assertThat(fresh).isEqualTo(expectedFresh);
      if (expectedFresh) {
        expected.revenue += amount;
        expected.cost += amount / 2;
        expected.orders++;
        quantity[customer] += 1;
        bought[customer] = true;
      }
    }
    for (int customer = 0; customer < customers; customer++) {
      TreeMap<Integer, Day> days = model.get(customer);
      days.values().removeIf(day -> day.orders == 0);
      assertThat(book.size(customer)).isEqualTo(days.size());
      int slot = 0;
      for (Map.Entry<Integer, Day> entry : days.entrySet()) {
        assertThat(book.day(customer, slot)).isEqualTo(entry.getKey());
        assertThat(book.revenue(customer, slot)).isEqualTo(entry.getValue().revenue);
        if (details) {
          assertThat(book.cost(customer, slot)).isEqualTo(entry.getValue().cost);
        }
        assertThat(book.orders(customer, slot)).isEqualTo(entry.getValue().orders);
        slot++;
      }
      assertThat(book.hasCost(customer)).isEqualTo(details && bought[customer]);
      assertThat(book.quantity(customer)).isEqualTo(details ? quantity[customer] : 0);
    }
  }

  /** The reference rule: the latest day on or before {@code day} whose revenue covers it. */
  private static int expectedCancel(TreeMap<Integer, Day> days, int day, double amount) {
    for (Map.Entry<Integer, Day> entry : days.headMap(day, true).descendingMap().entrySet()) {
      Day candidate = entry.getValue();
      if (candidate.orders > 0 && candidate.revenue + 1e-9 >= amount) {
        int matched = entry.getKey(); // before remove(): TreeMap may reuse the entry
        candidate.revenue -= amount;
        if (candidate.revenue <= 0.005) {
          days.remove(matched);
        }
        return matched;
      }
    }
    return Integer.MIN_VALUE;
  }

  @Property(tries = 40)
  void eventBookMatchesAPlainModel(@ForAll @IntRange(min = 0, max = 1_000_000) int seed) {
    Random random = new Random(seed);
    int customers = 1 + random.nextInt(30);
    EventBook book = new EventBook(64, memory(random));
    List<TreeMap<Long, int[]>> model = new ArrayList<>();
    List<Set<Long>> prints = new ArrayList<>();
    for (int c = 0; c < customers; c++) {
      model.add(new TreeMap<>());
      prints.add(new HashSet<>());
    }
    int rows = random.nextInt(3000);
    for (int row = 0; row < rows; row++) {
      int customer = random.nextInt(customers);
      int day = 18_000 + random.nextInt(300);
      int type = random.nextInt(10);
      long print = 0x1234_5678_9ABC_DEF1L * (1 + random.nextInt(3));
      long key = ((long) day << 32) | ((long) type << 24);
      boolean fresh = book.add(customer, day, type, 2.0, print, true);
      boolean expectedFresh = prints.get(customer).add(key ^ (print * 0x9E3779B97F4A7C15L));
      assertThat(fresh).isEqualTo(expectedFresh);
      int[] slot = model.get(customer).computeIfAbsent(key, k -> new int[1]);
      if (expectedFresh) {
        slot[0]++;
      }
    }
    for (int customer = 0; customer < customers; customer++) {
      TreeMap<Long, int[]> slots = model.get(customer);
      assertThat(book.size(customer)).isEqualTo(slots.size());
      int slot = 0;
      for (Map.Entry<Long, int[]> entry : slots.entrySet()) {
        assertThat(book.day(customer, slot)).isEqualTo((int) (entry.getKey() >> 32));
        assertThat(book.type(customer, slot)).isEqualTo((int) ((entry.getKey() >> 24) & 0xff));
        assertThat(book.count(customer, slot)).isEqualTo(entry.getValue()[0]);
        assertThat(book.minutes(customer, slot)).isEqualTo(2.0 * entry.getValue()[0]);
        slot++;
      }
    }
  }

  @Property(tries = 20)
  void customerIdsAreInternedOnceAndReadBack(@ForAll @IntRange(min = 0, max = 1_000_000) int seed) {
    Random random = new Random(seed);
    TextIds ids = new TextIds();
    Map<String, Integer> expected = new HashMap<>();
    List<String> byIndex = new ArrayList<>();
    int lookups = 5000 + random.nextInt(5000);
    CharSlice slice = new CharSlice();
    for (int i = 0; i < lookups; i++) {
      String id = randomId(random);
      char[] padded = ("##" + id + "#").toCharArray();
      int index = ids.intern(slice.set(padded, 2, id.length()));
      Integer known = expected.putIfAbsent(id, byIndex.size());
      if (known == null) {
        assertThat(index).isEqualTo(byIndex.size());
        byIndex.add(id);
      } else {
        assertThat(index).isEqualTo(known);
      }
    }
    assertThat(ids.size()).isEqualTo(byIndex.size());
    ids.trim();
    for (int i = 0; i < byIndex.size(); i++) {
      assertThat(ids.id(i)).isEqualTo(byIndex.get(i));
    }
  }

  private static String randomId(Random random) {
    return switch (random.nextInt(4)) {
      case 0 -> "C" + String.format("%09d", random.nextInt(3000));
      case 1 -> Integer.toString(random.nextInt(3000));
      case 2 -> "客户-" + random.nextInt(500) + "é";
      default -> random.nextInt(50) == 0 ? "" : "x" + (char) ('a' + random.nextInt(26));
    };
  }

  @Property(tries = 30)
  void slabsNeverHandOutOverlappingRegions(@ForAll @IntRange(min = 0, max = 1_000_000) int seed) {
    Random random = new Random(seed);
    LongSlabs slabs = new LongSlabs(memory(random));
    List<int[]> live = new ArrayList<>(); // address, class, fill value
    for (int step = 0; step < 2000; step++) {
      if (!live.isEmpty() && random.nextInt(3) == 0) {
        int[] region = live.remove(random.nextInt(live.size()));
        slabs.free(region[0], region[1]);
        continue;
      }
      int sizeClass = random.nextInt(12);
      int address = slabs.allocate(sizeClass);
      for (int i = 0; i < LongSlabs.capacity(sizeClass); i++) {
        assertThat(slabs.get(address + i)).isZero();
        slabs.set(address + i, step);
      }
      live.add(new int[] {address, sizeClass, step});
    }
    for (int[] region : live) {
      for (int i = 0; i < LongSlabs.capacity(region[1]); i++) {
        assertThat(slabs.get(region[0] + i)).isEqualTo(region[2]);
      }
    }
  }
}
