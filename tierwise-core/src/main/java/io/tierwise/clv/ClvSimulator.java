package io.tierwise.clv;

import java.util.Arrays;
import java.util.Objects;
import org.hipparchus.random.RandomDataGenerator;
import org.hipparchus.random.Well19937c;

/**
 * Draws customers from known BG/NBD and Gamma-Gamma parameters, for parameter-recovery tests and
 * benchmarks. Seeded and deterministic; not thread-safe (use one per thread).
 *
 * <p>Generative story (FHL 2005): λ ~ Gamma(r, α), p ~ Beta(a, b), ν ~ Gamma(q, γ); from the first
 * purchase at time 0, purchases follow a Poisson process with rate λ; after each purchase the
 * customer drops out with probability p; every purchase's value is Gamma(p_spend, ν).
 */
public final class ClvSimulator {
  private final BgNbdModel purchases;
  private final GammaGammaModel spend;
  private final RandomDataGenerator random;
  private int[] days = new int[64];
  private double[] values = new double[64];

  public ClvSimulator(BgNbdModel purchases, GammaGammaModel spend, long seed) {
    this.purchases = Objects.requireNonNull(purchases, "purchases");
    this.spend = Objects.requireNonNull(spend, "spend");
    this.random = RandomDataGenerator.of(new Well19937c(seed));
  }

  /**
   * One customer in continuous time, observed for {@code age} after the first purchase and then for
   * a holdout of {@code holdoutLength}, in the unit of the parameters.
   */
  public RepeatPurchaseStats next(double age, double holdoutLength) {
    double rate = random.nextGamma(purchases.r(), 1 / purchases.alpha());
    double dropout = random.nextBeta(purchases.a(), purchases.b());
    double valueRate = random.nextGamma(spend.q(), 1 / spend.gamma());
    double time = 0;
    double recency = 0;
    int repeats = 0;
    int holdout = 0;
    while (true) {
      time += random.nextExponential(1 / rate);
      if (time > age + holdoutLength) {
        break;
      }
      if (time <= age) {
        repeats++;
        recency = time;
      } else {
        holdout++;
      }
      if (random.nextUniform(0, 1) < dropout) {
        break;
      }
    }
    double mean = repeats == 0 ? 0 : random.nextGamma(spend.p() * repeats, 1 / valueRate) / repeats;
    return new RepeatPurchaseStats(repeats, recency, age, mean, holdout);
  }

  /**
   * One customer at day resolution, added to {@code builder} through {@link
   * CompressedStats.Builder#addCustomer}: the first purchase on {@code firstDay}, purchase times
   * floored to whole days (same-day purchases merge, as in real data), values rounded to cents.
   *
   * @param daysPerUnit days in the parameters' time unit (7 for weeks)
   * @param lastDay last day to simulate (the end of the holdout, or of calibration)
   */
  public void addCustomerDays(
      CompressedStats.Builder builder, int firstDay, int lastDay, double daysPerUnit) {
    double rate = random.nextGamma(purchases.r(), 1 / purchases.alpha());
    double dropout = random.nextBeta(purchases.a(), purchases.b());
    double valueRate = random.nextGamma(spend.q(), 1 / spend.gamma());
    int count = 0;
    double time = 0;
    while (true) {
      if (count == days.length) {
        days = Arrays.copyOf(days, 2 * count);
        values = Arrays.copyOf(values, 2 * count);
      }
      days[count] = firstDay + (int) Math.floor(time * daysPerUnit);
      values[count] = Math.round(100 * random.nextGamma(spend.p(), 1 / valueRate)) / 100.0;
      count++;
      if (count > 1 && random.nextUniform(0, 1) < dropout) {
        break;
      }
      time += random.nextExponential(1 / rate);
      if (firstDay + time * daysPerUnit >= lastDay + 1) {
        break;
      }
    }
    builder.addCustomer(Arrays.copyOf(days, count), Arrays.copyOf(values, count));
  }
}
