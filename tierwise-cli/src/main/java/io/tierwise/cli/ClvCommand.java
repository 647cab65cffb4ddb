package io.tierwise.cli;

import io.tierwise.TierwiseException;
import io.tierwise.clv.CalibrationWindow;
import io.tierwise.clv.ClvFitter;
import io.tierwise.clv.ClvModel;
import io.tierwise.clv.ClvModelFile;
import io.tierwise.clv.ClvTimeUnit;
import io.tierwise.clv.GammaGammaModel;
import io.tierwise.clv.GammaGammaTrainer;
import io.tierwise.clv.HoldoutReport;
import io.tierwise.clv.HoldoutValidation;
import io.tierwise.clv.ModelFit;
import io.tierwise.clv.ModelKind;
import io.tierwise.clv.PurchaseModel;
import io.tierwise.ingest.Ingest;
import io.tierwise.ingest.IngestResult;
import io.tierwise.ingest.SourceMapping;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tierwise clv}: predictive customer lifetime value (docs/clv.md). */
@Command(
    name = "clv",
    mixinStandardHelpOptions = true,
    description = "Predictive customer lifetime value: BG/NBD or Pareto/NBD with Gamma-Gamma.",
    subcommands = {ClvCommand.Fit.class})
public final class ClvCommand implements Runnable {
  @Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code tierwise clv fit}. */
  @Command(
      name = "fit",
      mixinStandardHelpOptions = true,
      sortOptions = false,
      description = {
        "Fit a purchase model (BG/NBD or Pareto/NBD) and the Gamma-Gamma spend model on the"
            + " purchases up to --calibration-end, and compare predictions with the purchases up"
            + " to --holdout-end.",
        "Exits with 4 when a model cannot be fitted or its fit is not trustworthy (not converged,"
            + " a parameter at its bound, singular Hessian); --out files are then not written."
      })
  static final class Fit implements Callable<Integer> {

    @Spec CommandLine.Model.CommandSpec spec;

    @Mixin DataOptions data;

    @Option(
        names = "--model",
        paramLabel = "MODEL",
        defaultValue = "bgnbd",
        converter = PurchaseModelConverter.class,
        description = "purchase model: bgnbd or paretonbd (default: ${DEFAULT-VALUE})")
    ModelKind model;

    @Option(
        names = "--calibration-end",
        required = true,
        paramLabel = "DATE",
        description = "last day (yyyy-MM-dd, inclusive) of the purchases the models learn from")
    LocalDate calibrationEnd;

    @Option(
        names = "--holdout-end",
        paramLabel = "DATE",
        description =
            "last day (inclusive) of a holdout period after --calibration-end: predicted and"
                + " actual purchases in it are compared per frequency group")
    LocalDate holdoutEnd;

    @Option(
        names = "--time-unit",
        paramLabel = "UNIT",
        defaultValue = "weeks",
        converter = TimeUnitConverter.class,
        description =
            "days or weeks (days/7, as in the papers): the unit of t_x, T, alpha and beta"
                + " (default: ${DEFAULT-VALUE})")
    ClvTimeUnit timeUnit;

    @Option(
        names = "--purchases",
        paramLabel = "COUNT",
        defaultValue = "days",
        converter = PurchaseCountConverter.class,
        description =
            "what a purchase is: days (distinct purchase days, same-day orders merged, as in the"
                + " papers) or orders (every order; same-day orders are purchases at the same"
                + " time) (default: ${DEFAULT-VALUE})")
    PurchaseCount purchases;

    @Option(
        names = "--horizon-months",
        paramLabel = "N",
        defaultValue = "12",
        description = "CLV horizon in months (default: ${DEFAULT-VALUE})")
    int horizonMonths;

    @Option(
        names = "--discount-rate",
        paramLabel = "R",
        defaultValue = "0.01",
        description = "discount rate per month for the CLV, e.g. 0.01 (default: ${DEFAULT-VALUE})")
    double discountRate;

    @Option(
        names = "--spend-resolution",
        paramLabel = "R",
        defaultValue = "0",
        description =
            "round mean repeat values to a multiple of R (e.g. 0.01) before merging spend rows,"
                + " so that millions of customers compress; 0 keeps them exact"
                + " (default: ${DEFAULT-VALUE})")
    double spendResolution;

    @Option(
        names = "--timings",
        description = "print the seconds spent reading, compressing and fitting on standard error")
    boolean timings;

    @Option(names = "--json", description = "print one JSON object instead of the text report")
    boolean json;

    @Option(
        names = "--out",
        paramLabel = "DIR",
        description =
            "also write DIR/clv-customers.csv (per-customer P(alive), expected purchases and"
                + " CLV) and DIR/clv-model.json (the models with provenance); rejects go to"
                + " DIR/rejects.csv")
    Path out;

    @Option(
        names = "--rejects",
        paramLabel = "FILE",
        description =
            "where rejected rows go (default: rejects.csv, or DIR/rejects.csv with --out)")
    Path rejects;

    @Override
    public Integer call() throws IOException {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      CalibrationWindow window = window();
      ClvModel.requireHorizon(horizonMonths, discountRate);
      if (!(spendResolution >= 0) || !Double.isFinite(spendResolution)) {
        throw TierwiseException.invalidConfig(
            "--spend-resolution must be a finite number >= 0, got " + spendResolution);
      }
      if (this.out != null) {
        createDirectory(this.out);
      }
      Path rejectsFile =
          rejects != null
              ? rejects
              : this.out != null ? this.out.resolve("rejects.csv") : Path.of("rejects.csv");
      // The models read purchases only: other sources are not read, and of orders only the
      // purchase days with their revenue and order count are kept (ADR 0005).
      SourceMapping mapping = data.mapping().ordersOnly();
      // Input files are fingerprinted (for clv-model.json) as ingest reads them, as run does.
      long started = System.nanoTime();
      IngestResult ingested =
          data.ingest(mapping, rejectsFile, err, Ingest.Keep.PURCHASE_VALUES, this.out != null);
      long ingestedAt = System.nanoTime();
      ClvStatistics statistics =
          ClvStatistics.of(
                  ingested.customers(), window, spendResolution, purchases == PurchaseCount.ORDERS)
              .requireCohort(calibrationEnd.toString());
      long compressedAt = System.nanoTime();

      ModelFit<? extends PurchaseModel> purchaseFit =
          ClvFitter.fitPurchaseModel(statistics.stats(), model);
      ModelFit<GammaGammaModel> spendFit =
          new GammaGammaTrainer()
              .leavingOutNonPositive(GammaGammaTrainer.DEFAULT_NON_POSITIVE_SHARE)
              .fit(statistics.stats());
      Optional<HoldoutReport> holdout =
          window.hasHoldout() && purchaseFit.diagnostics().trustworthy()
              ? Optional.of(HoldoutValidation.validate(purchaseFit.model(), statistics.stats()))
              : Optional.empty();
      long fittedAt = System.nanoTime();
      if (timings) {
        err.printf(
            Locale.ROOT,
            "timings: ingest %.2f s, statistics %.2f s, fits and holdout %.2f s%n",
            (ingestedAt - started) / 1e9,
            (compressedAt - ingestedAt) / 1e9,
            (fittedAt - compressedAt) / 1e9);
        err.flush();
      }
      ClvFitResult result =
          new ClvFitResult(
              window, statistics, purchaseFit, spendFit, holdout, ingested.rejectsWritten());
      if (json) {
        out.println(CliJson.MAPPER.writeValueAsString(result.toJson()));
      } else {
        out.print(ClvFitText.render(result, rejectsFile));
      }
      out.flush();

      // Never use an untrustworthy fit: each call throws DATA_QUALITY (exit 4) with the reasons.
      PurchaseModel purchaseModel = purchaseFit.requireTrustworthy();
      GammaGammaModel spendModel = spendFit.requireTrustworthy();
      if (this.out != null) {
        long writing = System.nanoTime();
        ClvModel clv = new ClvModel(purchaseModel, spendModel, timeUnit);
        Path customersFile = this.out.resolve("clv-customers.csv");
        ClvCustomersCsv.write(
            customersFile,
            ingested.customers(),
            window,
            clv,
            purchases == PurchaseCount.ORDERS,
            horizonMonths,
            discountRate);
        ClvModelFile.of(
                toolVersion(),
                input(statistics),
                ingested.inputs().stream()
                    .map(
                        file ->
                            new ClvModelFile.InputFile(file.file(), file.bytes(), file.sha256()))
                    .toList(),
                window,
                purchaseFit,
                spendFit,
                horizonMonths,
                discountRate)
            .write(this.out.resolve("clv-model.json"));
        if (timings) {
          err.printf(
              Locale.ROOT, "timings: --out files %.2f s%n", (System.nanoTime() - writing) / 1e9);
          err.flush();
        }
        if (!json) {
          out.println("wrote " + customersFile + " and " + this.out.resolve("clv-model.json"));
          out.flush();
        }
      }
      return ExitCodes.OK;
    }

    private CalibrationWindow window() {
      if (holdoutEnd == null) {
        return CalibrationWindow.of(calibrationEnd, timeUnit);
      }
      if (!holdoutEnd.isAfter(calibrationEnd)) {
        throw TierwiseException.invalidConfig(
            "--holdout-end "
                + holdoutEnd
                + " must be after --calibration-end "
                + calibrationEnd
                + " (the holdout follows the calibration period)");
      }
      return CalibrationWindow.of(calibrationEnd, holdoutEnd, timeUnit);
    }

    private Map<String, String> input(ClvStatistics statistics) {
      Map<String, String> input = new LinkedHashMap<>();
      data.mappingFile()
          .ifPresentOrElse(
              file -> input.put("mapping", file.toAbsolutePath().normalize().toString()),
              () -> input.put("data", data.input.data.toAbsolutePath().normalize().toString()));
      input.put("purchases_sha256", statistics.purchasesSha256());
      input.put("customers_read", Long.toString(statistics.customersRead()));
      input.put("purchases", purchases.name().toLowerCase(Locale.ROOT));
      return input;
    }

    private static void createDirectory(Path directory) {
      try {
        Files.createDirectories(directory);
      } catch (IOException e) {
        throw TierwiseException.storage(
            "cannot create output directory " + directory + ": " + e.getMessage(), e);
      }
    }
  }

  static String toolVersion() {
    return new TierwiseCommand.Version().getVersion()[0].replace("tierwise ", "");
  }

  /** Accepts bgnbd / paretonbd (also bg_nbd, bg-nbd, pareto_nbd, ...). */
  static final class PurchaseModelConverter implements CommandLine.ITypeConverter<ModelKind> {
    @Override
    public ModelKind convert(String value) {
      String name = value.trim().toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
      switch (name) {
        case "bgnbd":
          return ModelKind.BG_NBD;
        case "paretonbd":
          return ModelKind.PARETO_NBD;
        default:
          throw new CommandLine.TypeConversionException(
              "unknown purchase model '" + value + "'; expected bgnbd or paretonbd");
      }
    }
  }

  /** What counts as one purchase. */
  enum PurchaseCount {
    /** Distinct purchase days (same-day orders merged), as in the papers. */
    DAYS,
    /** Every order. */
    ORDERS
  }

  /** Accepts days / orders. */
  static final class PurchaseCountConverter implements CommandLine.ITypeConverter<PurchaseCount> {
    @Override
    public PurchaseCount convert(String value) {
      switch (value.trim().toLowerCase(Locale.ROOT)) {
        case "days":
          return PurchaseCount.DAYS;
        case "orders":
          return PurchaseCount.ORDERS;
        default:
          throw new CommandLine.TypeConversionException(
              "unknown purchase count '" + value + "'; expected days or orders");
      }
    }
  }

  /** Accepts days / weeks. */
  static final class TimeUnitConverter implements CommandLine.ITypeConverter<ClvTimeUnit> {
    @Override
    public ClvTimeUnit convert(String value) {
      for (ClvTimeUnit unit : ClvTimeUnit.values()) {
        if (ClvModelFile.unitName(unit).equals(value.trim().toLowerCase(Locale.ROOT))) {
          return unit;
        }
      }
      throw new CommandLine.TypeConversionException(
          "unknown time unit '" + value + "'; expected days or weeks");
    }
  }
}
