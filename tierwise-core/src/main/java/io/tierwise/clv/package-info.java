/**
 * Predictive customer lifetime value: the "buy 'til you die" models.
 *
 * <p>The data flow is: one customer's purchase days and values → {@link
 * io.tierwise.clv.RepeatPurchaseStats} (x, t<sub>x</sub>, T, mean repeat value, holdout count) →
 * {@link io.tierwise.clv.CompressedStats} (identical rows merged with weights, built one customer
 * at a time) → a trainer ({@link io.tierwise.clv.BgNbdTrainer}, {@link
 * io.tierwise.clv.ParetoNbdTrainer}, {@link io.tierwise.clv.GammaGammaTrainer}, or {@link
 * io.tierwise.clv.ClvFitter} for all of them by {@link io.tierwise.clv.ModelKind}) → an immutable
 * {@link io.tierwise.clv.ModelFit} holding the model record and its {@link
 * io.tierwise.clv.FitDiagnostics}. Models only apply parameters: they are immutable, thread-safe
 * and cheap to ship. {@link io.tierwise.clv.ClvModel} combines a purchase model with the spend
 * model into a discounted value per customer, {@link io.tierwise.clv.ClvScorer} applies it to many
 * customers; {@link io.tierwise.clv.HoldoutValidation} compares predictions with a holdout period;
 * {@link io.tierwise.clv.ClvModelFile} stores fitted models with their provenance for reuse.
 *
 * <p>A fit that did not converge, hit a parameter bound or has a singular Hessian is never used
 * silently: {@link io.tierwise.clv.ModelFit#requireTrustworthy()} throws a DATA_QUALITY {@link
 * io.tierwise.TierwiseException}. See {@code docs/clv.md}.
 */
package io.tierwise.clv;
