package io.tierwise.metrics;

import static io.tierwise.metrics.Indicator.*;

import io.tierwise.ingest.CustomerHistory;
import io.tierwise.ingest.EventType;
import java.util.Objects;

/**
 * The one definition of every indicator: a pure function of a customer's history, the as-of day,
 * the windows and the number of product features. Immutable and thread-safe; nothing after the
 * as-of day is counted. docs/indicators.md states the same definitions in words.
 */
public final class IndicatorFunction {
  /** Days in an average month, the unit of per-month rates. */
  public static final double DAYS_PER_MONTH = 30.4375;

  private final int asOfDay;
  private final IndicatorSettings settings;
  private final int featureCount;

  /**
   * @param asOfDay epoch day of the as-of date (inclusive)
   * @param settings windows and score columns
   * @param featureCount distinct product features in the data (denominator of penetration)
   */
  public IndicatorFunction(int asOfDay, IndicatorSettings settings, int featureCount) {
    this.asOfDay = asOfDay;
    this.settings = Objects.requireNonNull(settings, "settings");
    this.featureCount = featureCount;
  }

  public int asOfDay() {
    return asOfDay;
  }

  public Indicators apply(CustomerHistory history) {
    double[] values = new double[Indicator.count()];
    purchases(history.purchases(), values);
    int firstPurchase = firstPurchaseDay(history.purchases());
    int start = startDay(history, firstPurchase);
    values[TENURE_DAYS.ordinal()] = start == CustomerHistory.NO_DAY ? Double.NaN : asOfDay - start;
    values[CATEGORY_BREADTH.ordinal()] = history.categoryCount();
    int[] purchaseDays = history.purchases().days();
    int lastPurchase = CustomerHistory.NO_DAY;
    for (int i = 0; i < purchaseDays.length && purchaseDays[i] <= asOfDay; i++) {
      lastPurchase = purchaseDays[i];
    }
    interactions(history.interactions(), start, lastPurchase, values);
    surveys(history.surveys(), values);
    values[STRATEGIC_SCORE.ordinal()] = score(history, settings.strategicScoreColumn());
    values[EXPERT_SCORE.ordinal()] = score(history, settings.expertScoreColumn());
    return Indicators.owning(history.customerId(), values);
  }

  private void purchases(CustomerHistory.Purchases purchases, double[] values) {
    IndicatorWindows windows = settings.windows();
    int[] days = purchases.days();
    double[] revenue = purchases.revenue();
    int[] orders = purchases.orders();
    boolean hasCost = purchases.hasCost();
    int rfmFrom = windows.rfmDays() == 0 ? Integer.MIN_VALUE : asOfDay - windows.rfmDays() + 1;
    int valueFrom = asOfDay - windows.valueDays() + 1;
    int recentFrom = asOfDay - windows.recentDays() + 1;
    int lastFrom = asOfDay - windows.trendDays() + 1;
    int priorFrom = lastFrom - windows.trendDays();
    int periods = windows.stabilityPeriods();
    int periodLength = windows.valueDays() / periods;
    double[] periodRevenue = new double[periods];
    int frequency = 0;
    int lifetimeOrders = 0;
    int valueOrders = 0;
    int recentOrders = 0;
    int purchaseDays = 0;
    int firstDay = CustomerHistory.NO_DAY;
    int lastDay = CustomerHistory.NO_DAY;
    double monetary = 0;
    double lifetimeRevenue = 0;
    double valueRevenue = 0;
    double valueCost = 0;
    double recentRevenue = 0;
    double lastRevenue = 0;
    double priorRevenue = 0;
    for (int i = 0; i < days.length && days[i] <= asOfDay; i++) {
      int day = days[i];
      if (firstDay == CustomerHistory.NO_DAY) {
        firstDay = day;
      }
      lastDay = day;
      purchaseDays++;
      lifetimeOrders += orders[i];
      lifetimeRevenue += revenue[i];
      if (day >= rfmFrom) {
        frequency += orders[i];
        monetary += revenue[i];
      }
      if (day >= valueFrom) {
        valueOrders += orders[i];
        valueRevenue += revenue[i];
        if (hasCost) {
          valueCost += purchases.cost()[i];
        }
        int period = (asOfDay - day) / periodLength;
        if (period < periods) {
          periodRevenue[period] += revenue[i];
        }
      }
      if (day >= recentFrom) {
        recentOrders += orders[i];
        recentRevenue += revenue[i];
      }
      if (day >= lastFrom) {
        lastRevenue += revenue[i];
      } else if (day >= priorFrom) {
        priorRevenue += revenue[i];
      }
    }
    boolean bought = firstDay != CustomerHistory.NO_DAY;
    values[RECENCY_DAYS.ordinal()] = bought ? asOfDay - lastDay : Double.NaN;
    values[FREQUENCY.ordinal()] = frequency;
    values[MONETARY.ordinal()] = monetary;
    values[REVENUE.ordinal()] = valueRevenue;
    values[COST.ordinal()] = hasCost ? valueCost : Double.NaN;
    values[PROFIT.ordinal()] = hasCost ? valueRevenue - valueCost : Double.NaN;
    values[MARGIN_RATE.ordinal()] =
        hasCost && valueRevenue > 0 ? (valueRevenue - valueCost) / valueRevenue : Double.NaN;
    values[REVENUE_CV.ordinal()] =
        bought ? variation(periodRevenue, periodLength, firstDay) : Double.NaN;
    values[AVERAGE_ORDER_VALUE.ordinal()] =
        lifetimeOrders > 0 ? lifetimeRevenue / lifetimeOrders : Double.NaN;
    double lifeMonths = bought ? Math.max(30, asOfDay - firstDay + 1) / DAYS_PER_MONTH : 0;
    values[ORDERS_PER_MONTH.ordinal()] = bought ? lifetimeOrders / lifeMonths : 0;
    values[REVENUE_RECENT.ordinal()] = recentRevenue;
    values[ORDERS_RECENT.ordinal()] = recentOrders;
    values[REVENUE_LAST_PERIOD.ordinal()] = lastRevenue;
    values[REVENUE_PRIOR_PERIOD.ordinal()] = priorRevenue;
    values[LIFETIME_ORDERS.ordinal()] = lifetimeOrders;
    values[LIFETIME_REVENUE.ordinal()] = lifetimeRevenue;
    values[PURCHASE_DAYS.ordinal()] = purchaseDays;
    values[REPURCHASE_RATE.ordinal()] =
        lifetimeOrders > 0 ? (lifetimeOrders - 1) / (double) lifetimeOrders : Double.NaN;
    values[POTENTIAL_VALUE.ordinal()] =
        bought ? potential(lifetimeOrders, lifetimeRevenue, purchaseDays, firstDay, lastDay) : 0;
    values[P_ALIVE.ordinal()] = Double.NaN; // set by the CLV stage of a run, when it is used
  }

  /**
   * Coefficient of variation (population standard deviation / mean) of revenue per period, over the
   * periods that end after the customer's first purchase; NaN with fewer than two such periods or
   * no revenue.
   */
  private double variation(double[] periodRevenue, int periodLength, int firstDay) {
    int used = 0;
    double sum = 0;
    for (int period = 0; period < periodRevenue.length; period++) {
      int periodEnd = asOfDay - period * periodLength;
      if (periodEnd < firstDay) {
        break;
      }
      used++;
      sum += periodRevenue[period];
    }
    if (used < 2 || sum <= 0) {
      return Double.NaN;
    }
    double mean = sum / used;
    double squares = 0;
    for (int period = 0; period < used; period++) {
      double deviation = periodRevenue[period] - mean;
      squares += deviation * deviation;
    }
    return Math.sqrt(squares / used) / mean;
  }

  /**
   * Expected revenue over the next value window: the customer's lifetime order rate times its
   * lifetime order value, damped when it has been silent for longer than twice its usual gap.
   */
  private double potential(
      int orders, double revenue, int purchaseDays, int firstDay, int lastDay) {
    int valueDays = settings.windows().valueDays();
    double ratePerDay = orders / (double) Math.max(30, asOfDay - firstDay + 1);
    double orderValue = revenue / orders;
    double usualGap =
        purchaseDays > 1 ? (lastDay - firstDay) / (double) (purchaseDays - 1) : valueDays;
    double recency = asOfDay - lastDay;
    double active = recency <= 2 * usualGap ? 1 : 2 * usualGap / recency;
    return Math.max(0, ratePerDay * valueDays * orderValue * active);
  }

  private static int firstPurchaseDay(CustomerHistory.Purchases purchases) {
    return purchases.dayCount() == 0 ? CustomerHistory.NO_DAY : purchases.days()[0];
  }

  /** Sign-up day if known and not after as-of, else the first purchase, else the first event. */
  private int startDay(CustomerHistory history, int firstPurchase) {
    int signup = history.signupDay();
    if (signup != CustomerHistory.NO_DAY && signup <= asOfDay) {
      return signup;
    }
    if (firstPurchase != CustomerHistory.NO_DAY && firstPurchase <= asOfDay) {
      return firstPurchase;
    }
    int[] eventDays = history.interactions().days();
    return eventDays.length > 0 && eventDays[0] <= asOfDay ? eventDays[0] : CustomerHistory.NO_DAY;
  }

  private void interactions(
      CustomerHistory.Interactions interactions, int start, int lastPurchase, double[] values) {
    int windowDays = settings.windows().interactionDays();
    int from = asOfDay - windowDays + 1;
    int[] days = interactions.days();
    byte[] types = interactions.types();
    int[] counts = interactions.counts();
    double[] minutes = interactions.minutes();
    long[] byType = new long[EventType.count()];
    long inWindow = 0;
    double windowMinutes = 0;
    long complaints = 0;
    long allEvents = 0;
    int lastEventDay = CustomerHistory.NO_DAY;
    for (int i = 0; i < days.length && days[i] <= asOfDay; i++) {
      byType[types[i]] += counts[i];
      allEvents += counts[i];
      lastEventDay = days[i];
      if (days[i] >= from) {
        inWindow += counts[i];
        windowMinutes += minutes[i];
        if (types[i] == EventType.COMPLAINT.ordinal()) {
          complaints += counts[i];
        }
      }
    }
    double months =
        start == CustomerHistory.NO_DAY
            ? Double.NaN
            : Math.min(windowDays, asOfDay - Math.max(start, from) + 1) / DAYS_PER_MONTH;
    int lastActive = Math.max(lastEventDay, lastPurchase);
    double activeMonths =
        start == CustomerHistory.NO_DAY || lastActive == CustomerHistory.NO_DAY
            ? Double.NaN
            : Math.max(30, lastActive - start + 1) / DAYS_PER_MONTH;
    values[INTERACTIONS_PER_MONTH.ordinal()] =
        activeMonths > 0 ? allEvents / activeMonths : Double.NaN;
    values[INTERACTIONS_RECENT_PER_MONTH.ordinal()] = months > 0 ? inWindow / months : Double.NaN;
    values[USAGE_MINUTES_PER_MONTH.ordinal()] = months > 0 ? windowMinutes / months : Double.NaN;
    values[FEATURE_PENETRATION.ordinal()] =
        featureCount > 0
            ? Math.min(1.0, interactions.featuresUsed() / (double) featureCount)
            : Double.NaN;
    long loginUsage = byType[EventType.LOGIN.ordinal()] + byType[EventType.USAGE.ordinal()];
    long support = byType[EventType.SUPPORT_TICKET.ordinal()];
    long consultation = byType[EventType.CONSULTATION.ordinal()];
    long custom = byType[EventType.CUSTOM_REQUEST.ordinal()];
    long selfService = byType[EventType.SELF_SERVICE.ordinal()];
    long service =
        loginUsage
            + support
            + consultation
            + custom
            + selfService
            + byType[EventType.PURCHASE_INQUIRY.ordinal()];
    values[INTERACTIONS_TOTAL.ordinal()] = service;
    values[LOGIN_USAGE_SHARE.ordinal()] = share(loginUsage, service);
    values[SUPPORT_SHARE.ordinal()] = share(support, service);
    values[CONSULTATION_SHARE.ordinal()] = share(consultation, service);
    values[CUSTOM_REQUEST_SHARE.ordinal()] = share(custom, service);
    values[SELF_SERVICE_SHARE.ordinal()] = share(selfService, service);
    values[REFERRALS.ordinal()] = byType[EventType.REFERRAL.ordinal()];
    values[COMPLAINTS.ordinal()] = complaints;
  }

  private static double share(long part, long whole) {
    return whole > 0 ? part / (double) whole : Double.NaN;
  }

  private void surveys(CustomerHistory.Surveys surveys, double[] values) {
    values[LATEST_CSAT.ordinal()] =
        surveys.latestCsat() >= 0 && surveys.latestCsatDay() <= asOfDay
            ? surveys.latestCsat()
            : Double.NaN;
    values[LATEST_NPS.ordinal()] =
        surveys.latestNps() >= 0 && surveys.latestNpsDay() <= asOfDay
            ? surveys.latestNps()
            : Double.NaN;
    values[MEAN_CSAT.ordinal()] = surveys.meanCsat();
  }

  private static double score(CustomerHistory history, String column) {
    if (column.isEmpty()) {
      return Double.NaN;
    }
    String text = history.attributes().get(column);
    if (text == null || text.isBlank()) {
      return Double.NaN;
    }
    try {
      return Double.parseDouble(text.strip());
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }
}
