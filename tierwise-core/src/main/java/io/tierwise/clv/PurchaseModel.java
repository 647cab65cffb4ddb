package io.tierwise.clv;

/**
 * A fitted model of repeat-purchase counts and customer dropout. Implementations are immutable
 * records; every method is a pure function of the parameters and its arguments, in the time unit
 * the model was fitted in.
 */
public sealed interface PurchaseModel permits BgNbdModel, ParetoNbdModel {

  ModelKind kind();

  /** Log-likelihood of one customer's (x, t_x, T). */
  double logLikelihood(int repeatPurchases, double recency, double age);

  /** E[X(t)]: expected repeat purchases of a random new customer in (0, t] after the first. */
  double expectedPurchases(double t);

  /** E[Y(t) | x, t_x, T]: expected purchases in the next t time units of a customer. */
  double conditionalExpectedPurchases(double t, int repeatPurchases, double recency, double age);

  /** P(alive | x, t_x, T): probability that the customer is still active at the end of T. */
  double probabilityAlive(int repeatPurchases, double recency, double age);

  default double conditionalExpectedPurchases(double t, RepeatPurchaseStats stats) {
    return conditionalExpectedPurchases(t, stats.repeatPurchases(), stats.recency(), stats.age());
  }

  default double probabilityAlive(RepeatPurchaseStats stats) {
    return probabilityAlive(stats.repeatPurchases(), stats.recency(), stats.age());
  }
}
