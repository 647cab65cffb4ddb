package io.tierwise.clv;

/**
 * One entry point for the command line and the server: fit any {@link ModelKind} on compressed
 * statistics. Stateless and thread-safe.
 */
public final class ClvFitter {
  private ClvFitter() {}

  /**
   * Fits the model; print {@link ModelFit#report()} and call {@link ModelFit#requireTrustworthy()}
   * before using the model.
   *
   * @throws io.tierwise.TierwiseException (DATA_QUALITY) when the data cannot identify the model
   */
  public static ModelFit<?> fit(CompressedStats stats, ModelKind kind) {
    return switch (kind) {
      case BG_NBD, PARETO_NBD -> fitPurchaseModel(stats, kind);
      case GAMMA_GAMMA -> new GammaGammaTrainer().fit(stats);
    };
  }

  /** Fits a purchase model (BG/NBD or Pareto/NBD). */
  public static ModelFit<? extends PurchaseModel> fitPurchaseModel(
      CompressedStats stats, ModelKind kind) {
    return switch (kind) {
      case BG_NBD -> new BgNbdTrainer().fit(stats);
      case PARETO_NBD -> new ParetoNbdTrainer().fit(stats);
      case GAMMA_GAMMA ->
          throw new IllegalArgumentException("gamma_gamma is a spend model, not a purchase model");
    };
  }
}
