package io.tierwise.clv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The full CDNOW cohort (23,570 customers), 39-week calibration: a regression value. */
class CdnowMasterTest {

  @Test
  void bgNbdOnTheFullCohortIsStable() {
    var master = SharedData.find("cdnow/CDNOW_master.txt");
    Assumptions.assumeTrue(master.isPresent(), "shared/data/cdnow not found; skipping");
    var window = CalibrationWindow.of(LocalDate.of(1997, 9, 30), ClvTimeUnit.WEEKS);
    var builder = CompressedStats.builder(window);
    SharedData.readTransactions(master.get(), 0, 1, 3, "\\s+")
        .values()
        .forEach(purchases -> builder.addCustomer(purchases.days(), purchases.values()));
    CompressedStats stats = builder.build();
    assertThat(stats.customers()).isEqualTo(23_570);

    var fit = new BgNbdTrainer().fit(stats);
    BgNbdModel model = fit.requireTrustworthy();
    // Regression values of this implementation (no published full-cohort fit to compare with);
    // close to the 1/10 sample's r=0.243, alpha=4.414, a=0.793, b=2.426.
    assertThat(model.r()).isCloseTo(0.2516, within(0.002));
    assertThat(model.alpha()).isCloseTo(4.789, within(0.02));
    assertThat(model.a()).isCloseTo(0.7234, within(0.005));
    assertThat(model.b()).isCloseTo(2.161, within(0.02));
    assertThat(fit.diagnostics().logLikelihood()).isCloseTo(-95368.4, within(1.0));
  }
}
