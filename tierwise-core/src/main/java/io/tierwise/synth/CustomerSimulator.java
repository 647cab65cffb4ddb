package io.tierwise.synth;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.hipparchus.distribution.continuous.GammaDistribution;
import org.hipparchus.random.RandomDataGenerator;

/**
 * Simulates one customer at a time and writes its rows: customer, orders, events, surveys and its
 * truth. Holds only per-customer scratch state, reused for the next customer, so memory does not
 * grow with the number of customers. Not thread-safe: one per worker.
 *
 * <p>Time runs in weeks from the start of the period; a time t falls on day ⌊7t⌋.
 */
final class CustomerSimulator {
  /** Signups precede the first purchase by at most this many days. */
  private static final int MAX_SIGNUP_LEAD_DAYS = 728;

  private static final double POWER_USER_SHARE_OF_FREQUENT = 0.4;
  private static final double MEAN_CHURN_TAIL_WEEKS = 2;
  private static final double COMPLAINT_WINDOW_WEEKS = 8;
  private static final double CHURN_SATISFACTION_SHIFT = -1.3;

  private final GeneratorSettings settings;
  private final CustomerRandom random;
  private final DataFiles files;
  private final GenerationCounts counts;

  private final double weeks;
  private final int lastDay;
  private final double frequentRate;
  private final double highTicketNu;
  private final double meanDropout;
  private final double[] needsShares;
  private final byte[][] dayBytes;

  // Scratch state of the current customer.
  private final byte[] customerId = new byte[10];
  private final int[] features = new int[Catalogue.FEATURES.length];
  private final double[] complaintTimes = new double[3];
  private final double[] surveyTimes = new double[3];
  private int featureCount;

  CustomerSimulator(GeneratorSettings settings, DataFiles files, GenerationCounts counts) {
    this.settings = settings;
    this.random = new CustomerRandom(settings.seed());
    this.files = files;
    this.counts = counts;
    this.weeks = settings.weeks();
    this.lastDay = settings.days() - 1;
    BgNbdParameters bgNbd = settings.bgNbd();
    GammaGammaParameters gammaGamma = settings.gammaGamma();
    this.frequentRate =
        new GammaDistribution(bgNbd.r(), 1 / bgNbd.alpha()).inverseCumulativeProbability(0.75);
    this.highTicketNu =
        new GammaDistribution(gammaGamma.q(), 1 / gammaGamma.gamma())
            .inverseCumulativeProbability(0.25);
    this.meanDropout = bgNbd.meanDropout();
    NeedsType[] needs = NeedsType.values();
    double[] shares = new double[needs.length];
    for (int i = 0; i < needs.length; i++) {
      shares[i] = needs[i].share();
    }
    this.needsShares = Catalogue.cumulative(shares);
    this.dayBytes = new byte[settings.days() + MAX_SIGNUP_LEAD_DAYS][];
    LocalDate first = settings.start().minusDays(MAX_SIGNUP_LEAD_DAYS);
    for (int i = 0; i < dayBytes.length; i++) {
      dayBytes[i] = first.plusDays(i).toString().getBytes(StandardCharsets.US_ASCII);
    }
  }

  /** Simulates and writes the customer with this 0-based index. */
  void simulate(long index) {
    random.startCustomer(index);
    writeCustomerId(index + 1);
    RandomDataGenerator draw = random.purchases;

    // The pure BG/NBD and Gamma-Gamma draws come first, so their moments are exactly the model's.
    BgNbdParameters bgNbd = settings.bgNbd();
    GammaGammaParameters gammaGamma = settings.gammaGamma();
    double lambda = draw.nextGamma(bgNbd.r(), 1 / bgNbd.alpha());
    double dropout = draw.nextBeta(bgNbd.a(), bgNbd.b());
    double nu = draw.nextGamma(gammaGamma.q(), 1 / gammaGamma.gamma());
    double birth = draw.nextDouble() * settings.acquisitionWeeks();

    BehaviourGroup group;
    if (lambda > frequentRate) {
      group =
          draw.nextDouble() < POWER_USER_SHARE_OF_FREQUENT
              ? BehaviourGroup.POWER_USER
              : BehaviourGroup.HIGH_FREQUENCY;
    } else {
      group =
          nu < highTicketNu ? BehaviourGroup.LOW_FREQUENCY_HIGH_TICKET : BehaviourGroup.OCCASIONAL;
    }
    NeedsType needs = NeedsType.values()[Catalogue.pick(needsShares, draw.nextDouble())];
    double marginRate = draw.nextBeta(6, 14);
    double satisfaction = draw.nextGaussian() - 2 * (dropout - meanDropout);

    writeCustomer(draw, birth, group, satisfaction);

    // Purchases: the trial purchase at birth, then exponential gaps; after each repeat purchase
    // the customer drops out with probability p. Purchases after the end are not written.
    int favourite = Catalogue.pick(Catalogue.CATEGORY_POPULARITY, draw.nextDouble());
    int second = Catalogue.pick(Catalogue.CATEGORY_POPULARITY, draw.nextDouble());
    int channel = Catalogue.pick(Catalogue.CHANNEL_POPULARITY, draw.nextDouble());
    int orderNumber = 1;
    writeOrder(draw, orderNumber, birth, nu, marginRate, favourite, second, channel);
    double time = birth;
    double dropoutTime = Double.NaN;
    while (true) {
      time += draw.nextExponential(1 / lambda);
      if (!(time < weeks)) {
        break;
      }
      writeOrder(draw, ++orderNumber, time, nu, marginRate, favourite, second, channel);
      if (draw.nextDouble() < dropout) {
        dropoutTime = time;
        break;
      }
    }
    boolean churned = !Double.isNaN(dropoutTime);
    double horizon =
        churned
            ? Math.min(weeks, dropoutTime + draw.nextExponential(MEAN_CHURN_TAIL_WEEKS))
            : weeks;

    writeEvents(group, needs, satisfaction, birth, horizon, dropoutTime);
    writeSurveys(satisfaction, churned, birth, horizon);

    files
        .truth
        .bytes(customerId)
        .text(group.label())
        .text(needs.label())
        .text(Double.toString(lambda))
        .text(Double.toString(dropout))
        .text(Double.toString(nu))
        .text(Double.toString(marginRate))
        .text(Double.toString(satisfaction))
        .integer(featureCount)
        .bytes(dateOf(birth))
        .integer(orderNumber - 1)
        .text(churned ? "false" : "true");
    if (churned) {
      files.truth.bytes(dateOf(dropoutTime));
    } else {
      files.truth.empty();
    }
    files.truth.endRow();
    counts.customer(group, needs, churned);
  }

  private void writeCustomer(
      RandomDataGenerator draw, double birth, BehaviourGroup group, double satisfaction) {
    int signupDay =
        dayIndex(birth)
            - (int) Math.min(MAX_SIGNUP_LEAD_DAYS, draw.nextExponential(21))
            + MAX_SIGNUP_LEAD_DAYS;
    int size = Catalogue.pick(Catalogue.SIZE_POPULARITY, draw.nextDouble());
    CsvFileWriter row = files.customers;
    row.bytes(customerId)
        .bytes(dayBytes[signupDay])
        .text(
            Catalogue.INDUSTRIES[Catalogue.pick(Catalogue.INDUSTRY_POPULARITY, draw.nextDouble())])
        .text(Catalogue.REGIONS[Catalogue.pick(Catalogue.REGION_POPULARITY, draw.nextDouble())])
        .text(Catalogue.SIZES[size])
        .integer(clamp(Math.round(40 + 12 * draw.nextGaussian()), 18, 85))
        .text(Catalogue.GENDERS[Catalogue.pick(Catalogue.GENDER_POPULARITY, draw.nextDouble())])
        .text(
            Catalogue.OCCUPATIONS[
                Catalogue.pick(Catalogue.OCCUPATION_POPULARITY, draw.nextDouble())]);
    if (size >= 2 || draw.nextDouble() < 0.3) {
      row.field()
          .appendChar('A')
          .appendChar('M')
          .appendPadded(1 + draw.nextInt(Catalogue.ACCOUNT_MANAGERS), 3);
    } else {
      row.empty();
    }
    boolean valuable =
        group == BehaviourGroup.POWER_USER || group == BehaviourGroup.LOW_FREQUENCY_HIGH_TICKET;
    long strategic =
        clamp(Math.round(22 + 12 * size + (valuable ? 8 : 0) + 10 * draw.nextGaussian()), 0, 100);
    long expert =
        clamp(
            Math.round(0.7 * strategic + 15 + 4 * satisfaction + 8 * draw.nextGaussian()), 0, 100);
    row.integer(strategic).integer(expert).endRow();
  }

  private void writeOrder(
      RandomDataGenerator draw,
      int orderNumber,
      double time,
      double nu,
      double marginRate,
      int favourite,
      int second,
      int channel) {
    double value = draw.nextGamma(settings.gammaGamma().p(), 1 / nu);
    long amountCents = Math.max(1, Math.round(value * 100));
    double costShare = (1 - marginRate) * (1 + 0.05 * draw.nextGaussian());
    long costCents = Math.max(0, Math.round(amountCents * costShare));
    int quantity = 1;
    while (quantity < 50 && draw.nextDouble() < 0.35) {
      quantity++;
    }
    double categoryDraw = draw.nextDouble();
    int category =
        categoryDraw < 0.55
            ? favourite
            : categoryDraw < 0.8
                ? second
                : Catalogue.pick(Catalogue.CATEGORY_POPULARITY, draw.nextDouble());
    int orderChannel =
        draw.nextDouble() < 0.8
            ? channel
            : Catalogue.pick(Catalogue.CHANNEL_POPULARITY, draw.nextDouble());
    files
        .orders
        .field()
        .appendChar('O')
        .appendBytes(customerId, 1)
        .appendChar('-')
        .appendPadded(orderNumber, 4)
        .bytes(customerId)
        .bytes(dateOf(time))
        .decimal(amountCents, 2)
        .decimal(costCents, 2)
        .integer(quantity)
        .bytes(Catalogue.CATEGORIES[category])
        .bytes(Catalogue.CHANNELS[orderChannel])
        .endRow();
    counts.order(amountCents);
  }

  private void writeEvents(
      BehaviourGroup group,
      NeedsType needs,
      double satisfaction,
      double birth,
      double horizon,
      double dropoutTime) {
    RandomDataGenerator draw = random.interactions;
    double activity = Math.exp(0.4 * draw.nextGaussian() - 0.08);
    chooseFeatures(draw, group.featurePenetration());

    double interactionRate = group.interactionsPerWeek() * activity;
    double featureRate = group.featureUsesPerWeek() * activity;
    double referralRate = 0.004 * (satisfaction > 1 ? 4 : satisfaction > 0 ? 1 : 0.2);
    double complaintRate = 0.002 * (satisfaction < -1 ? 4 : 1);
    double totalRate = interactionRate + featureRate + referralRate + complaintRate;

    // A few complaints in the weeks before a dropout, merged into the time-ordered stream.
    int complaints = 0;
    if (!Double.isNaN(dropoutTime)) {
      double count = draw.nextDouble();
      complaints = count < 0.15 ? 3 : count < 0.35 ? 2 : count < 0.8 ? 1 : 0;
      double window = Math.min(COMPLAINT_WINDOW_WEEKS, dropoutTime - birth);
      for (int i = 0; i < complaints; i++) {
        complaintTimes[i] = dropoutTime - draw.nextDouble() * window;
      }
      java.util.Arrays.sort(complaintTimes, 0, complaints);
    }
    int nextComplaint = 0;
    double time = birth + draw.nextExponential(1 / totalRate);
    while (time < horizon) {
      while (nextComplaint < complaints && complaintTimes[nextComplaint] <= time) {
        writeEvent(complaintTimes[nextComplaint++], EventType.COMPLAINT);
        files.events.empty().empty().endRow();
      }
      double kind = draw.nextDouble() * totalRate;
      if (kind < interactionRate) {
        EventType type = needs.pickEvent(draw.nextDouble());
        writeEvent(time, type);
        files.events.empty();
        if (type == EventType.LOGIN || type == EventType.USAGE) {
          double minutes =
              group.medianSessionMinutes()
                  * (type == EventType.LOGIN ? 0.4 : 1)
                  * Math.exp(0.6 * draw.nextGaussian());
          files.events.decimal(Math.max(1, Math.round(minutes * 10)), 1);
        } else {
          files.events.empty();
        }
      } else if (kind < interactionRate + featureRate) {
        writeEvent(time, EventType.FEATURE_USE);
        files.events.bytes(Catalogue.FEATURES[features[draw.nextInt(featureCount)]]).empty();
      } else {
        writeEvent(
            time,
            kind < interactionRate + featureRate + referralRate
                ? EventType.REFERRAL
                : EventType.COMPLAINT);
        files.events.empty().empty();
      }
      files.events.endRow();
      time += draw.nextExponential(1 / totalRate);
    }
    while (nextComplaint < complaints) {
      writeEvent(complaintTimes[nextComplaint++], EventType.COMPLAINT);
      files.events.empty().empty().endRow();
    }
  }

  private void chooseFeatures(RandomDataGenerator draw, double penetration) {
    featureCount = 0;
    for (int feature = 0; feature < features.length; feature++) {
      if (draw.nextDouble() < penetration * Catalogue.featureAffinity(feature)) {
        features[featureCount++] = feature;
      }
    }
    if (featureCount == 0) {
      features[featureCount++] = 0;
    }
  }

  private void writeEvent(double time, EventType type) {
    double days = time * 7;
    int day = Math.min(lastDay, (int) days);
    int second = 7 * 3600 + (int) ((days - (int) days) * 16 * 3600);
    files
        .events
        .bytes(customerId)
        .field()
        .appendBytes(dayBytes[day + MAX_SIGNUP_LEAD_DAYS], 0)
        .appendChar('T')
        .appendPadded(second / 3600, 2)
        .appendChar(':')
        .appendPadded(second / 60 % 60, 2)
        .appendChar(':')
        .appendPadded(second % 60, 2)
        .bytes(type.bytes());
    counts.event();
  }

  private void writeSurveys(double satisfaction, boolean churned, double birth, double horizon) {
    RandomDataGenerator draw = random.surveys;
    if (!(draw.nextDouble() < settings.surveyShare())) {
      return;
    }
    double count = draw.nextDouble();
    int surveys = count < 0.15 ? 3 : count < 0.4 ? 2 : 1;
    for (int i = 0; i < surveys; i++) {
      surveyTimes[i] = birth + draw.nextDouble() * (horizon - birth);
    }
    java.util.Arrays.sort(surveyTimes, 0, surveys);
    double felt = satisfaction + (churned ? CHURN_SATISFACTION_SHIFT : 0);
    for (int i = 0; i < surveys; i++) {
      long csat = clamp(Math.round(3.6 + 0.9 * felt + 0.6 * draw.nextGaussian()), 1, 5);
      long nps = clamp(Math.round(7.0 + 2.0 * felt + 1.0 * draw.nextGaussian()), 0, 10);
      double missing = draw.nextDouble();
      CsvFileWriter row = files.surveys.bytes(customerId).bytes(dateOf(surveyTimes[i]));
      if (missing < 0.1) {
        row.empty().integer(nps);
      } else if (missing < 0.2) {
        row.integer(csat).empty();
      } else {
        row.integer(csat).integer(nps);
      }
      if (draw.nextDouble() < 0.35) {
        String[] phrases =
            nps >= 9
                ? Catalogue.POSITIVE_FEEDBACK
                : nps >= 7 ? Catalogue.NEUTRAL_FEEDBACK : Catalogue.NEGATIVE_FEEDBACK;
        row.quoted(phrases[draw.nextInt(phrases.length)]);
      } else {
        row.empty();
      }
      row.endRow();
      counts.survey();
    }
  }

  private void writeCustomerId(long number) {
    customerId[0] = 'C';
    long rest = number;
    for (int i = customerId.length - 1; i >= 1; i--) {
      customerId[i] = (byte) ('0' + rest % 10);
      rest /= 10;
    }
  }

  private int dayIndex(double time) {
    return Math.min(lastDay, (int) (time * 7));
  }

  private byte[] dateOf(double time) {
    return dayBytes[dayIndex(time) + MAX_SIGNUP_LEAD_DAYS];
  }

  private static long clamp(long value, long min, long max) {
    return Math.max(min, Math.min(max, value));
  }
}
