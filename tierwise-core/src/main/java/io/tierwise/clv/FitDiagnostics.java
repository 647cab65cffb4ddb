package io.tierwise.clv;

import java.util.List;

/**
 * How a maximum-likelihood fit went.
 *
 * @param logLikelihood maximised log-likelihood summed over customers
 * @param converged whether an optimiser stopped normally at a point where the gradient vanishes
 * @param evaluations likelihood evaluations used (optimisers, gradient and Hessian)
 * @param optimizer the optimiser(s) that produced the estimate
 * @param parameters estimates in the order of {@link ModelKind#parameterNames()}
 * @param hessianPositiveDefinite whether the Hessian of -log-likelihood was positive definite
 * @param warnings human-readable findings (not converged, at bound, correlation, ...)
 * @param customers customers the likelihood covers
 * @param rows distinct compressed rows the likelihood was summed over
 */
public record FitDiagnostics(
    double logLikelihood,
    boolean converged,
    int evaluations,
    String optimizer,
    List<ParameterEstimate> parameters,
    boolean hessianPositiveDefinite,
    List<String> warnings,
    long customers,
    int rows) {

  public FitDiagnostics {
    parameters = List.copyOf(parameters);
    warnings = List.copyOf(warnings);
  }

  /**
   * Whether the estimate can be used: converged, interior, with finite standard errors. Warnings
   * such as the spend/frequency correlation do not by themselves make a fit untrustworthy.
   */
  public boolean trustworthy() {
    return converged
        && hessianPositiveDefinite
        && Double.isFinite(logLikelihood)
        && parameters.stream()
            .allMatch(p -> !p.atBound() && Double.isFinite(p.value()) && p.standardError() >= 0);
  }

  public ParameterEstimate parameter(String name) {
    return parameters.stream()
        .filter(p -> p.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no parameter " + name));
  }
}
