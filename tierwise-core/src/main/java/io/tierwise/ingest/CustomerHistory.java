package io.tierwise.ingest;

import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;

/**
 * Everything ingest knows about one customer: purchases per day, interactions per day and type,
 * survey answers and attributes. This is the input of every per-customer computation (indicators,
 * CLV statistics), on one machine and on Spark alike. Arrays are copies owned by this value; do not
 * modify them.
 *
 * @param customerId the customer's key
 * @param signupDay epoch day of sign-up, or {@link #NO_DAY}
 * @param purchases purchases merged per day, oldest first
 * @param categoryCount distinct categories bought
 * @param interactions interaction events merged per day and type
 * @param surveys survey answers
 * @param attributes customer attributes by column name
 */
public record CustomerHistory(
    String customerId,
    int signupDay,
    Purchases purchases,
    int categoryCount,
    Interactions interactions,
    Surveys surveys,
    Map<String, String> attributes) {

  /** Marks an absent day. */
  public static final int NO_DAY = Integer.MIN_VALUE;

  public CustomerHistory {
    // the ledger's own view is immutable already, and reads the ledger in place
    attributes = attributes instanceof LedgerAttributes ? attributes : Map.copyOf(attributes);
  }

  public Optional<LocalDate> signupDate() {
    return signupDay == NO_DAY ? Optional.empty() : Optional.of(LocalDate.ofEpochDay(signupDay));
  }

  /**
   * Purchases per calendar day, net of matched cancellations.
   *
   * @param days epoch days, ascending, distinct
   * @param revenue revenue per day
   * @param cost cost per day; empty when the data has no cost
   * @param orders distinct orders per day
   * @param quantity units bought in all, net of cancellations; 0 when the data has no quantity
   */
  public record Purchases(
      int[] days, double[] revenue, double[] cost, int[] orders, double quantity) {
    public static final Purchases NONE =
        new Purchases(new int[0], new double[0], new double[0], new int[0], 0);

    public int dayCount() {
      return days.length;
    }

    public boolean hasCost() {
      return cost.length == days.length && days.length > 0;
    }

    public int orderCount() {
      int total = 0;
      for (int count : orders) {
        total += count;
      }
      return total;
    }

    public double totalRevenue() {
      double total = 0;
      for (double value : revenue) {
        total += value;
      }
      return total;
    }
  }

  /**
   * Interaction events per (day, type), ascending by day.
   *
   * @param days epoch day of each entry
   * @param types {@link EventType} ordinal of each entry
   * @param counts events of that type that day
   * @param minutes usage minutes of that type that day
   * @param featuresUsed distinct features used
   */
  public record Interactions(
      int[] days, byte[] types, int[] counts, double[] minutes, int featuresUsed) {
    public static final Interactions NONE =
        new Interactions(new int[0], new byte[0], new int[0], new double[0], 0);

    /** Events of {@code type} on days in {@code [fromDay, toDay]}. */
    public int count(EventType type, int fromDay, int toDay) {
      int total = 0;
      for (int i = 0; i < days.length; i++) {
        if (types[i] == type.ordinal() && days[i] >= fromDay && days[i] <= toDay) {
          total += counts[i];
        }
      }
      return total;
    }

    /** All events on days in {@code [fromDay, toDay]}. */
    public int count(int fromDay, int toDay) {
      int total = 0;
      for (int i = 0; i < days.length; i++) {
        if (days[i] >= fromDay && days[i] <= toDay) {
          total += counts[i];
        }
      }
      return total;
    }
  }

  /**
   * Survey answers.
   *
   * @param answers survey rows
   * @param latestCsat the newest CSAT (1–5), or -1
   * @param latestCsatDay its day, or {@link #NO_DAY}
   * @param latestNps the newest NPS answer (0–10), or -1
   * @param latestNpsDay its day, or {@link #NO_DAY}
   * @param meanCsat mean of all CSAT answers, NaN without any
   */
  public record Surveys(
      int answers,
      int latestCsat,
      int latestCsatDay,
      int latestNps,
      int latestNpsDay,
      double meanCsat) {
    public static final Surveys NONE = new Surveys(0, -1, NO_DAY, -1, NO_DAY, Double.NaN);
  }
}
