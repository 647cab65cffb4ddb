package io.tierwise.clv;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON-ready summary of a fit (snake_case keys). Standard errors and intervals are omitted for
 * parameters whose Hessian was singular.
 */
@JsonPropertyOrder({
  "model",
  "params",
  "log_likelihood",
  "converged",
  "trustworthy",
  "customers",
  "rows",
  "evaluations",
  "optimizer",
  "standard_errors",
  "ci95",
  "at_bound",
  "warnings"
})
public record FitReport(
    @JsonProperty("model") String model,
    @JsonProperty("params") Map<String, Double> params,
    @JsonProperty("log_likelihood") double logLikelihood,
    @JsonProperty("converged") boolean converged,
    @JsonProperty("trustworthy") boolean trustworthy,
    @JsonProperty("customers") long customers,
    @JsonProperty("rows") int rows,
    @JsonProperty("evaluations") int evaluations,
    @JsonProperty("optimizer") String optimizer,
    @JsonProperty("standard_errors") Map<String, Double> standardErrors,
    @JsonProperty("ci95") Map<String, List<Double>> confidenceIntervals95,
    @JsonProperty("at_bound") List<String> atBound,
    @JsonProperty("warnings") List<String> warnings) {

  static FitReport of(ModelKind kind, FitDiagnostics diagnostics) {
    Map<String, Double> params = new LinkedHashMap<>();
    Map<String, Double> errors = new LinkedHashMap<>();
    Map<String, List<Double>> intervals = new LinkedHashMap<>();
    for (ParameterEstimate estimate : diagnostics.parameters()) {
      params.put(estimate.name(), estimate.value());
      if (Double.isFinite(estimate.standardError())) {
        errors.put(estimate.name(), estimate.standardError());
        intervals.put(estimate.name(), List.of(estimate.lower95(), estimate.upper95()));
      }
    }
    return new FitReport(
        kind.externalName(),
        Collections.unmodifiableMap(params),
        diagnostics.logLikelihood(),
        diagnostics.converged(),
        diagnostics.trustworthy(),
        diagnostics.customers(),
        diagnostics.rows(),
        diagnostics.evaluations(),
        diagnostics.optimizer(),
        Collections.unmodifiableMap(errors),
        Collections.unmodifiableMap(intervals),
        diagnostics.parameters().stream()
            .filter(ParameterEstimate::atBound)
            .map(ParameterEstimate::name)
            .toList(),
        diagnostics.warnings());
  }
}
