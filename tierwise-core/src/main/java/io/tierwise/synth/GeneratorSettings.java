package io.tierwise.synth;

import io.tierwise.TierwiseException;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * Everything that decides the generated data. Two runs with equal settings write the same bytes.
 *
 * @param customers number of customers, 1 to 999,999,999
 * @param seed the master seed; each customer's random streams derive from (seed, customer index)
 * @param start first day of the observation period (first possible purchase)
 * @param end last day of the observation period, inclusive; later purchases are not written
 * @param acquisitionWeeks customers' first purchases are spread uniformly over this many weeks from
 *     {@code start}
 * @param bgNbd purchase-count and dropout parameters (time unit: weeks)
 * @param gammaGamma spend parameters
 * @param surveyShare share of customers who answer surveys, 0 to 1
 * @param gzip whether the CSV files are written gzip-compressed ({@code .csv.gz})
 */
public record GeneratorSettings(
    long customers,
    long seed,
    LocalDate start,
    LocalDate end,
    double acquisitionWeeks,
    BgNbdParameters bgNbd,
    GammaGammaParameters gammaGamma,
    double surveyShare,
    boolean gzip) {

  /** The largest supported number of customers (ids have nine digits). */
  public static final long MAX_CUSTOMERS = 999_999_999L;

  public static final LocalDate DEFAULT_START = LocalDate.of(2023, 1, 1);
  public static final LocalDate DEFAULT_END = LocalDate.of(2024, 12, 31);
  public static final double DEFAULT_ACQUISITION_WEEKS = 12;
  public static final double DEFAULT_SURVEY_SHARE = 0.3;

  public GeneratorSettings {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    Objects.requireNonNull(bgNbd, "bgNbd");
    Objects.requireNonNull(gammaGamma, "gammaGamma");
    if (customers < 1 || customers > MAX_CUSTOMERS) {
      throw TierwiseException.invalidInput(
          "--customers must be between 1 and " + MAX_CUSTOMERS + ", got " + customers);
    }
    if (!end.isAfter(start)) {
      throw TierwiseException.invalidInput(
          "--end (" + end + ") must be after --start (" + start + ")");
    }
    if (start.getYear() < 1000 || end.getYear() > 9999) {
      throw TierwiseException.invalidInput("--start and --end must lie in the years 1000 to 9999");
    }
    Numbers.requirePositive("--acquisition-weeks", acquisitionWeeks);
    if (acquisitionWeeks * 7 > ChronoUnit.DAYS.between(start, end) + 1) {
      throw TierwiseException.invalidInput(
          "--acquisition-weeks ("
              + acquisitionWeeks
              + ") is longer than the period from --start to --end; shorten it or move --end");
    }
    if (!(surveyShare >= 0 && surveyShare <= 1)) {
      throw TierwiseException.invalidInput(
          "--survey-share must be between 0 and 1, got " + surveyShare);
    }
  }

  /** Defaults for everything but the size and seed: CDNOW parameters, 2023–2024, plain CSV. */
  public static GeneratorSettings of(long customers, long seed) {
    return new GeneratorSettings(
        customers,
        seed,
        DEFAULT_START,
        DEFAULT_END,
        DEFAULT_ACQUISITION_WEEKS,
        BgNbdParameters.CDNOW,
        GammaGammaParameters.CDNOW,
        DEFAULT_SURVEY_SHARE,
        false);
  }

  /** Number of days in the period, both ends included. */
  public int days() {
    return (int) (ChronoUnit.DAYS.between(start, end) + 1);
  }

  /** Length of the period in weeks (the BG/NBD time unit). */
  public double weeks() {
    return days() / 7.0;
  }

  public GeneratorSettings withCustomers(long newCustomers) {
    return new GeneratorSettings(
        newCustomers, seed, start, end, acquisitionWeeks, bgNbd, gammaGamma, surveyShare, gzip);
  }

  public GeneratorSettings withPeriod(LocalDate newStart, LocalDate newEnd) {
    return new GeneratorSettings(
        customers, seed, newStart, newEnd, acquisitionWeeks, bgNbd, gammaGamma, surveyShare, gzip);
  }

  public GeneratorSettings withGzip(boolean newGzip) {
    return new GeneratorSettings(
        customers, seed, start, end, acquisitionWeeks, bgNbd, gammaGamma, surveyShare, newGzip);
  }
}
