package io.tierwise.clv;

/**
 * One fitted parameter with its uncertainty. Standard errors come from the inverse of the numerical
 * Hessian of the log-likelihood in log-parameters, carried to the parameter by the delta method
 * ({@code se = value * se_log}); the 95 % interval is {@code exp(log value ± 1.96 se_log)}, so it
 * stays positive. NaN when the Hessian was not positive definite.
 *
 * @param name parameter name as in the paper
 * @param value maximum-likelihood estimate
 * @param standardError asymptotic standard error, NaN if unavailable
 * @param lower95 lower end of the 95 % interval, NaN if unavailable
 * @param upper95 upper end of the 95 % interval, NaN if unavailable
 * @param atBound whether the estimate sits at the search bound (1e-6 or 1e6), i.e. is not an
 *     interior maximum
 */
public record ParameterEstimate(
    String name,
    double value,
    double standardError,
    double lower95,
    double upper95,
    boolean atBound) {

  /** Whether {@code candidate} lies in the 95 % interval. */
  public boolean covers(double candidate) {
    return candidate >= lower95 && candidate <= upper95;
  }
}
