package io.tierwise.clv;

import static org.apache.commons.numbers.gamma.LogGamma.value;

import io.tierwise.TierwiseException;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.numbers.gamma.Digamma;

/**
 * Fits {@link GammaGammaModel} on the repeat customers (x &gt; 0) and their mean repeat values.
 * Stateless and thread-safe.
 *
 * <p>The model assumes spend and purchase frequency are independent. The fit reports the Pearson
 * correlation of x and mean value over repeat customers and adds a warning when its absolute value
 * exceeds {@link #DEFAULT_CORRELATION_THRESHOLD} (the warning does not make the fit untrustworthy;
 * it asks the user to look).
 *
 * <p>Repeat customers whose mean repeat value is ≤ 0 (zero-value or fully refunded orders) cannot
 * enter the likelihood. By default any of them stops the fit; {@link
 * #leavingOutNonPositive(double)} leaves them out up to a share of the repeat customers, with a
 * warning naming how many.
 */
public final class GammaGammaTrainer {
  /** Absolute correlation of x and mean value above which the fit carries a warning. */
  public static final double DEFAULT_CORRELATION_THRESHOLD = 0.3;

  private final double correlationThreshold;
  private final double nonPositiveTolerance;

  public GammaGammaTrainer() {
    this(DEFAULT_CORRELATION_THRESHOLD);
  }

  public GammaGammaTrainer(double correlationThreshold) {
    this(correlationThreshold, 0);
  }

  private GammaGammaTrainer(double correlationThreshold, double nonPositiveTolerance) {
    if (!(correlationThreshold >= 0 && correlationThreshold <= 1)) {
      throw TierwiseException.invalidConfig(
          "correlation threshold must be in [0, 1], got " + correlationThreshold);
    }
    if (!(nonPositiveTolerance >= 0 && nonPositiveTolerance < 1)) {
      throw TierwiseException.invalidConfig(
          "share of non-positive mean values must be in [0, 1), got " + nonPositiveTolerance);
    }
    this.correlationThreshold = correlationThreshold;
    this.nonPositiveTolerance = nonPositiveTolerance;
  }

  /**
   * A trainer that leaves repeat customers with a mean repeat value ≤ 0 out of the fit (with a
   * warning) as long as they are at most {@code share} of the repeat customers; more still stop the
   * fit.
   */
  public GammaGammaTrainer leavingOutNonPositive(double share) {
    return new GammaGammaTrainer(correlationThreshold, share);
  }

  /**
   * Share of repeat customers with a non-positive mean order value (zero-value orders, kept because
   * they count as purchases) that callers leave out of the fit with a warning; more stop the fit.
   * CDNOW's master file has one such customer among 9,451.
   */
  public static final double DEFAULT_NON_POSITIVE_SHARE = 0.01;

  public ModelFit<GammaGammaModel> fit(CompressedStats stats) {
    long nonPositive = requireFittable(stats);
    long customers = stats.repeatCustomers() - nonPositive;
    double meanValue = 0;
    for (int row = 0; row < stats.spendRows(); row++) {
      if (stats.spendMeanValue(row) > 0) {
        meanValue += stats.spendWeight(row) * stats.spendMeanValue(row);
      }
    }
    meanValue /= customers;
    // Start with p = 2, q = 3 and γ matching the mean: E[z] = pγ/(q-1).
    double[] start = {2, 3, meanValue};
    Spend spend = new Spend(stats);
    var outcome =
        MaximumLikelihood.maximise(
            ModelKind.GAMMA_GAMMA.parameterNames(),
            start,
            spend::logLikelihood,
            spend::logLikelihood,
            customers,
            spend.rows());
    double correlation = spendFrequencyCorrelation(stats);
    FitDiagnostics diagnostics = outcome.diagnostics();
    List<String> warnings = new ArrayList<>(diagnostics.warnings());
    if (nonPositive > 0) {
      warnings.add(
          nonPositive
              + " of "
              + stats.repeatCustomers()
              + " repeat customers have a mean repeat order value <= 0 (zero-value or refund"
              + " orders) and were left out of the spend fit");
    }
    if (Math.abs(correlation) > correlationThreshold) {
      warnings.add(
          "the Pearson correlation of purchase frequency and mean value is "
              + correlation
              + " (|r| > "
              + correlationThreshold
              + "): the Gamma-Gamma independence assumption is doubtful, check before using the"
              + " spend model");
    }
    if (warnings.size() > diagnostics.warnings().size()) {
      diagnostics =
          new FitDiagnostics(
              diagnostics.logLikelihood(),
              diagnostics.converged(),
              diagnostics.evaluations(),
              diagnostics.optimizer(),
              diagnostics.parameters(),
              diagnostics.hessianPositiveDefinite(),
              warnings,
              diagnostics.customers(),
              diagnostics.rows());
    }
    double[] p = outcome.parameters();
    if (!(p[1] > 1)) {
      // An interior optimum with q <= 1 has an infinite mean order value: no CLV can use it.
      throw TierwiseException.dataQuality(
          "the spend model fitted q = "
              + p[1]
              + " <= 1, so its mean order value is infinite and it cannot be used for CLV"
              + " (check for extreme order values)");
    }
    return new ModelFit<>(
        ModelKind.GAMMA_GAMMA, new GammaGammaModel(p[0], p[1], p[2]), diagnostics);
  }

  /** Weighted Pearson correlation of x and mean repeat value over repeat customers. */
  public static double spendFrequencyCorrelation(CompressedStats stats) {
    double n = 0;
    double sumX = 0;
    double sumY = 0;
    for (int row = 0; row < stats.spendRows(); row++) {
      n += stats.spendWeight(row);
      sumX += stats.spendWeight(row) * stats.spendRepeatPurchases(row);
      sumY += stats.spendWeight(row) * stats.spendMeanValue(row);
    }
    double meanX = sumX / n;
    double meanY = sumY / n;
    double sxy = 0;
    double sxx = 0;
    double syy = 0;
    for (int row = 0; row < stats.spendRows(); row++) {
      double dx = stats.spendRepeatPurchases(row) - meanX;
      double dy = stats.spendMeanValue(row) - meanY;
      sxy += stats.spendWeight(row) * dx * dy;
      sxx += stats.spendWeight(row) * dx * dx;
      syy += stats.spendWeight(row) * dy * dy;
    }
    return sxx == 0 || syy == 0 ? 0 : sxy / Math.sqrt(sxx * syy);
  }

  /** Checks the data can identify the model; returns the repeat customers to leave out. */
  private long requireFittable(CompressedStats stats) {
    long repeatCustomers = stats.repeatCustomers();
    if (repeatCustomers == 0) {
      throw TierwiseException.dataQuality(
          "cannot fit gamma_gamma: no customer made a repeat purchase in the calibration period,"
              + " and the spend model is fitted on repeat purchases only");
    }
    if (repeatCustomers < 2) {
      throw TierwiseException.dataQuality(
          "cannot fit gamma_gamma on a single repeat customer: the model describes how spend"
              + " varies across customers and needs many of them");
    }
    long nonPositive = 0;
    for (int row = 0; row < stats.spendRows(); row++) {
      if (!(stats.spendMeanValue(row) > 0)) {
        nonPositive += stats.spendWeight(row);
      }
    }
    if (nonPositive > nonPositiveTolerance * repeatCustomers || repeatCustomers - nonPositive < 2) {
      throw TierwiseException.dataQuality(
          "cannot fit gamma_gamma: "
              + nonPositive
              + " of "
              + repeatCustomers
              + " repeat customers have a mean repeat order value <= 0 (zero-value or refund"
              + " orders); the spend model needs positive values: drop zero-value orders or those"
              + " customers before fitting");
    }
    return nonPositive;
  }

  /** The spend rows prepared once: log mean values and distinct x. */
  static final class Spend {
    private final int[] xs;
    private final double[] means;
    private final double[] logMeans;
    private final long[] weights;
    private final int[] distinctX;

    Spend(CompressedStats stats) {
      int rows = 0;
      for (int row = 0; row < stats.spendRows(); row++) {
        if (stats.spendMeanValue(row) > 0) {
          rows++;
        }
      }
      xs = new int[rows];
      means = new double[rows];
      logMeans = new double[rows];
      weights = new long[rows];
      int kept = 0;
      for (int row = 0; row < stats.spendRows(); row++) {
        if (!(stats.spendMeanValue(row) > 0)) {
          continue; // left out, counted and reported by fit
        }
        xs[kept] = stats.spendRepeatPurchases(row);
        means[kept] = stats.spendMeanValue(row);
        logMeans[kept] = Math.log(means[kept]);
        weights[kept] = stats.spendWeight(row);
        kept++;
      }
      distinctX = java.util.Arrays.stream(xs).sorted().distinct().toArray();
    }

    int rows() {
      return xs.length;
    }

    double logLikelihood(double[] parameters) {
      return logLikelihood(parameters, new double[3]);
    }

    /** The log-likelihood with its gradient in (p, q, γ), differentiated term by term. */
    double logLikelihood(double[] parameters, double[] gradient) {
      double p = parameters[0];
      double q = parameters[1];
      double gamma = parameters[2];
      int maxX = distinctX[distinctX.length - 1];
      double[] head = new double[maxX + 1];
      double[] headP = new double[maxX + 1];
      double[] headQ = new double[maxX + 1];
      double logGamma = Math.log(gamma);
      double common = -value(q) + q * logGamma;
      double commonQ = -Digamma.value(q) + logGamma;
      for (int x : distinctX) {
        double px = p * x;
        double logX = Math.log(x);
        double digammaPxq = Digamma.value(px + q);
        head[x] = common + value(px + q) - value(px) + px * logX;
        headP[x] = x * (digammaPxq - Digamma.value(px) + logX);
        headQ[x] = commonQ + digammaPxq;
      }
      double qOverGamma = q / gamma;
      double[] sums =
          ParallelSum.over(
              xs.length,
              4,
              (from, to, total) -> {
                for (int row = from; row < to; row++) {
                  int x = xs[row];
                  double weight = weights[row];
                  double px = p * x;
                  double scale = gamma + x * means[row];
                  double logScale = Math.log(scale);
                  total[0] += weight * (head[x] + (px - 1) * logMeans[row] - (px + q) * logScale);
                  total[1] += weight * (headP[x] + x * (logMeans[row] - logScale));
                  total[2] += weight * (headQ[x] - logScale);
                  total[3] += weight * (qOverGamma - (px + q) / scale);
                }
              });
      System.arraycopy(sums, 1, gradient, 0, 3);
      return sums[0];
    }
  }
}
