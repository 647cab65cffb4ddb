package io.tierwise.clv;

import io.tierwise.TierwiseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The models this package fits, with their external (JSON, CLI) names and parameter names. */
public enum ModelKind {
  /** Beta-geometric/NBD purchase model (Fader, Hardie and Lee 2005). */
  BG_NBD("bg_nbd", List.of("r", "alpha", "a", "b")),
  /** Pareto/NBD purchase model (Schmittlein, Morrison and Colombo 1987). */
  PARETO_NBD("pareto_nbd", List.of("r", "alpha", "s", "beta")),
  /** Gamma-Gamma spend model (Fader, Hardie and Lee 2005, iso-value curves). */
  GAMMA_GAMMA("gamma_gamma", List.of("p", "q", "gamma"));

  private final String externalName;
  private final List<String> parameterNames;

  ModelKind(String externalName, List<String> parameterNames) {
    this.externalName = externalName;
    this.parameterNames = parameterNames;
  }

  /** The snake_case name used in JSON and on the command line. */
  public String externalName() {
    return externalName;
  }

  /** Parameter names as in the papers, in fitting order. */
  public List<String> parameterNames() {
    return parameterNames;
  }

  /** Parses {@code bg_nbd}, {@code pareto_nbd}, {@code gamma_gamma} (also with dashes). */
  public static ModelKind parse(String name) {
    String normalised = name.trim().toLowerCase(Locale.ROOT).replace('-', '_').replace('/', '_');
    return Arrays.stream(values())
        .filter(kind -> kind.externalName.equals(normalised))
        .findFirst()
        .orElseThrow(
            () ->
                TierwiseException.invalidInput(
                    "unknown CLV model '"
                        + name
                        + "'; expected one of bg_nbd, pareto_nbd, gamma_gamma"));
  }
}
