package io.tierwise.bench;

import io.tierwise.clv.BgNbdModel;
import io.tierwise.clv.BgNbdTrainer;
import io.tierwise.clv.CalibrationWindow;
import io.tierwise.clv.ClvSimulator;
import io.tierwise.clv.ClvTimeUnit;
import io.tierwise.clv.CompressedStats;
import io.tierwise.clv.GammaGammaModel;
import io.tierwise.clv.GammaGammaTrainer;
import io.tierwise.clv.ModelFit;
import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Times the CLV fits on a large simulated base: N customers (default 10 million) drawn at day
 * resolution from the CDNOW BG/NBD and Gamma-Gamma parameters (52-week calibration, first purchases
 * over the first 12 weeks, values in cents, same-day purchases merged), compressed while streaming,
 * then BG/NBD and Gamma-Gamma fitted. Prints one summary line.
 *
 * <p>Run: {@code java -Xmx2g -cp ... io.tierwise.bench.ClvFitBench [customers] [seed]}
 */
public final class ClvFitBench {
  private static final int CALIBRATION_DAYS = 364;
  private static final int BIRTH_DAYS = 84;

  private ClvFitBench() {}

  public static void main(String[] args) {
    long customers = args.length > 0 ? Long.parseLong(args[0]) : 10_000_000L;
    long seed = args.length > 1 ? Long.parseLong(args[1]) : 1L;
    var truePurchases = new BgNbdModel(0.243, 4.414, 0.793, 2.426);
    var trueSpend = new GammaGammaModel(6.25, 3.74, 15.44);
    var simulator = new ClvSimulator(truePurchases, trueSpend, seed);
    var births = new SplittableRandom(seed);
    int calibrationEnd = CALIBRATION_DAYS - 1;
    var builder =
        CompressedStats.builder(
            new CalibrationWindow(calibrationEnd, calibrationEnd, ClvTimeUnit.WEEKS), 0.01);

    long start = System.nanoTime();
    for (long i = 0; i < customers; i++) {
      simulator.addCustomerDays(builder, births.nextInt(BIRTH_DAYS), calibrationEnd, 7.0);
    }
    CompressedStats stats = builder.build();
    double statsSeconds = seconds(start);

    System.gc();
    long heapBefore = usedHeap();
    long cpuBefore = processCpuNanos();
    start = System.nanoTime();
    ModelFit<BgNbdModel> purchases = new BgNbdTrainer().fit(stats);
    double bgSeconds = seconds(start);
    start = System.nanoTime();
    ModelFit<GammaGammaModel> spend = new GammaGammaTrainer().fit(stats);
    double ggSeconds = seconds(start);
    long heapAfter = usedHeap();
    double fitCpuSeconds = (processCpuNanos() - cpuBefore) / 1e9;

    BgNbdModel bg = purchases.model();
    GammaGammaModel gg = spend.model();
    System.out.println(
        String.format(
            Locale.ROOT,
            "clv-fit-bench customers=%d purchase_rows=%d spend_rows=%d simulate+compress=%.2fs"
                + " bgnbd_fit=%.3fs (evals=%d, converged=%s, r=%.4f alpha=%.4f a=%.4f b=%.4f)"
                + " gamma_gamma_fit=%.3fs (evals=%d, converged=%s, p=%.3f q=%.3f gamma=%.3f)"
                + " fit_total=%.3fs fit_cpu=%.3fs load_avg=%.2f heap_used=%dMB heap_during_fit=+%dMB",
            stats.customers(),
            stats.purchaseRows(),
            stats.spendRows(),
            statsSeconds,
            bgSeconds,
            purchases.diagnostics().evaluations(),
            purchases.diagnostics().trustworthy(),
            bg.r(),
            bg.alpha(),
            bg.a(),
            bg.b(),
            ggSeconds,
            spend.diagnostics().evaluations(),
            spend.diagnostics().trustworthy(),
            gg.p(),
            gg.q(),
            gg.gamma(),
            bgSeconds + ggSeconds,
            fitCpuSeconds,
            ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
            heapAfter / (1 << 20),
            Math.max(0, heapAfter - heapBefore) / (1 << 20)));
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  private static long processCpuNanos() {
    return ManagementFactory.getOperatingSystemMXBean()
            instanceof com.sun.management.OperatingSystemMXBean os
        ? os.getProcessCpuTime()
        : 0;
  }

  private static long usedHeap() {
    Runtime runtime = Runtime.getRuntime();
    return runtime.totalMemory() - runtime.freeMemory();
  }
}
