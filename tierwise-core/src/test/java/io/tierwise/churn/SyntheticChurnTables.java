package io.tierwise.churn;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/** Seeded labelled tables whose churn depends on known attributes. */
final class SyntheticChurnTables {
  static final List<String> COLUMNS =
      List.of("customer_id", "tenure", "plan", "monthly", "region", "churned");

  private SyntheticChurnTables() {}

  /**
   * Churn rises on the "monthly" plan and falls with tenure; region is noise; every 25th customer
   * has a blank "monthly" charge.
   */
  static List<List<String>> rows(int customers, long seed) {
    Random random = new Random(seed);
    String[] plans = {"monthly", "yearly", "two-year"};
    String[] regions = {"north", "south", "east", "west"};
    List<List<String>> rows = new ArrayList<>();
    for (int i = 0; i < customers; i++) {
      int tenure = random.nextInt(72);
      String plan = plans[random.nextInt(plans.length)];
      double monthly = 20 + random.nextDouble() * 100;
      double logOdds =
          -1.0
              + (plan.equals("monthly") ? 1.8 : plan.equals("yearly") ? 0.0 : -1.2)
              - 0.04 * tenure
              + 0.01 * monthly;
      boolean churned = random.nextDouble() < 1 / (1 + Math.exp(-logOdds));
      rows.add(
          List.of(
              String.format(Locale.ROOT, "C%05d", i),
              Integer.toString(tenure),
              plan,
              i % 25 == 0 ? " " : String.format(Locale.ROOT, "%.2f", monthly),
              regions[random.nextInt(regions.length)],
              churned ? "Yes" : "No"));
    }
    return rows;
  }

  static LabelledTable table(int customers, long seed) {
    return LabelledTable.of(COLUMNS, rows(customers, seed));
  }

  static String csv(int customers, long seed) {
    StringBuilder csv = new StringBuilder(String.join(",", COLUMNS)).append('\n');
    for (List<String> row : rows(customers, seed)) {
      csv.append(String.join(",", row)).append('\n');
    }
    return csv.toString();
  }
}
