package io.tierwise.clv;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.tierwise.TierwiseException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The fitted CLV models as written to {@code clv-model.json}, with their provenance, so that later
 * steps (scoring, "potential value", P(alive)) reuse them without refitting. Only trustworthy fits
 * are meant to be written. Immutable.
 *
 * @param format always {@value #FORMAT}
 * @param formatVersion {@value #FORMAT_VERSION}; raised when a field changes meaning
 * @param toolVersion the Tierwise version that fitted the models
 * @param input where the data came from and a fingerprint of it (keys: {@code data} or {@code
 *     mapping}, {@code purchases_sha256}, ...)
 * @param inputFiles name, size and SHA-256 of every input file read (empty for databases)
 * @param calibrationEnd last calibration day, ISO yyyy-MM-dd
 * @param timeUnit {@code days} or {@code weeks}: the unit of t_x, T, alpha and beta
 * @param purchaseModel the BG/NBD or Pareto/NBD fit
 * @param spendModel the Gamma-Gamma fit
 * @param horizonMonths the CLV horizon used for the customer file
 * @param monthlyDiscountRate the discount rate per month used for the customer file
 */
@JsonPropertyOrder({
  "format",
  "format_version",
  "tool_version",
  "input",
  "input_files",
  "calibration_end",
  "time_unit",
  "purchase_model",
  "spend_model",
  "horizon_months",
  "monthly_discount_rate"
})
public record ClvModelFile(
    @JsonProperty("format") String format,
    @JsonProperty("format_version") int formatVersion,
    @JsonProperty("tool_version") String toolVersion,
    @JsonProperty("input") Map<String, String> input,
    @JsonProperty("input_files") List<InputFile> inputFiles,
    @JsonProperty("calibration_end") String calibrationEnd,
    @JsonProperty("time_unit") String timeUnit,
    @JsonProperty("purchase_model") FitReport purchaseModel,
    @JsonProperty("spend_model") FitReport spendModel,
    @JsonProperty("horizon_months") int horizonMonths,
    @JsonProperty("monthly_discount_rate") double monthlyDiscountRate) {

  public static final String FORMAT = "tierwise-clv-model";
  public static final int FORMAT_VERSION = 1;

  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  public ClvModelFile {
    Objects.requireNonNull(format, "format");
    input =
        java.util.Collections.unmodifiableMap(
            new java.util.LinkedHashMap<>(Objects.requireNonNull(input, "input")));
    inputFiles = inputFiles == null ? List.of() : List.copyOf(inputFiles);
    Objects.requireNonNull(calibrationEnd, "calibrationEnd");
    Objects.requireNonNull(timeUnit, "timeUnit");
    Objects.requireNonNull(purchaseModel, "purchaseModel");
    Objects.requireNonNull(spendModel, "spendModel");
  }

  /**
   * One input file, as {@code run} fingerprints them.
   *
   * @param file the file's name
   * @param bytes its size
   * @param sha256 hex SHA-256 of its bytes
   */
  public record InputFile(
      @JsonProperty("file") String file,
      @JsonProperty("bytes") long bytes,
      @JsonProperty("sha256") String sha256) {}

  /** A model file of the current format from two fits. */
  public static ClvModelFile of(
      String toolVersion,
      Map<String, String> input,
      List<InputFile> inputFiles,
      CalibrationWindow window,
      ModelFit<? extends PurchaseModel> purchaseFit,
      ModelFit<GammaGammaModel> spendFit,
      int horizonMonths,
      double monthlyDiscountRate) {
    return new ClvModelFile(
        FORMAT,
        FORMAT_VERSION,
        toolVersion,
        input,
        inputFiles,
        LocalDate.ofEpochDay(window.calibrationEndDay()).toString(),
        unitName(window.unit()),
        purchaseFit.report(),
        spendFit.report(),
        horizonMonths,
        monthlyDiscountRate);
  }

  /** The external name of a unit: {@code days} or {@code weeks}. */
  public static String unitName(ClvTimeUnit unit) {
    return unit.name().toLowerCase(Locale.ROOT);
  }

  public LocalDate calibrationEndDate() {
    return LocalDate.parse(calibrationEnd);
  }

  public ClvTimeUnit unit() {
    return ClvTimeUnit.valueOf(timeUnit.toUpperCase(Locale.ROOT));
  }

  /** The models, rebuilt from the stored parameters. */
  public ClvModel toClvModel() {
    Map<String, Double> purchase = purchaseModel.params();
    PurchaseModel model =
        switch (ModelKind.parse(purchaseModel.model())) {
          case BG_NBD ->
              new BgNbdModel(
                  param(purchase, "r"),
                  param(purchase, "alpha"),
                  param(purchase, "a"),
                  param(purchase, "b"));
          case PARETO_NBD ->
              new ParetoNbdModel(
                  param(purchase, "r"),
                  param(purchase, "alpha"),
                  param(purchase, "s"),
                  param(purchase, "beta"));
          case GAMMA_GAMMA ->
              throw TierwiseException.invalidInput(
                  "purchase_model is gamma_gamma; expected bg_nbd or pareto_nbd");
        };
    Map<String, Double> spend = spendModel.params();
    return new ClvModel(
        model,
        new GammaGammaModel(param(spend, "p"), param(spend, "q"), param(spend, "gamma")),
        unit());
  }

  private static double param(Map<String, Double> params, String name) {
    Double value = params == null ? null : params.get(name);
    if (value == null) {
      throw TierwiseException.invalidInput("model parameter " + name + " is missing");
    }
    return value;
  }

  public void write(Path file) {
    try {
      Files.writeString(file, MAPPER.writeValueAsString(this) + "\n");
    } catch (IOException e) {
      throw TierwiseException.storage("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Reads a model file.
   *
   * @throws TierwiseException (INVALID_INPUT) when the file is missing, not a CLV model file, of a
   *     newer format, or its parameters are incomplete
   */
  public static ClvModelFile read(Path file) {
    ClvModelFile model;
    try {
      model = MAPPER.readValue(Files.readString(file), ClvModelFile.class);
    } catch (JsonProcessingException | RuntimeException e) {
      throw TierwiseException.invalidInput(
          file
              + " is not a Tierwise CLV model file ("
              + e.getMessage().lines().findFirst().orElse("")
              + "); write one with 'tierwise clv fit --out DIR'",
          e);
    } catch (IOException e) {
      throw TierwiseException.invalidInput("cannot read CLV model file " + file + ": " + e, e);
    }
    if (model == null) {
      throw TierwiseException.invalidInput(
          file + " is empty JSON (null); write a model with 'tierwise clv fit --out DIR'");
    }
    if (!FORMAT.equals(model.format()) || model.formatVersion() > FORMAT_VERSION) {
      throw TierwiseException.invalidInput(
          file
              + " has format "
              + model.format()
              + " version "
              + model.formatVersion()
              + "; this Tierwise reads "
              + FORMAT
              + " up to version "
              + FORMAT_VERSION);
    }
    try {
      model.calibrationEndDate();
      model.toClvModel();
    } catch (DateTimeParseException | IllegalArgumentException e) {
      throw TierwiseException.invalidInput(
          file + ": incomplete or malformed model (" + e.getMessage() + ")", e);
    }
    return model;
  }
}
