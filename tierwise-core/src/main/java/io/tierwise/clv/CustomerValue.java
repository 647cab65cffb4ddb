package io.tierwise.clv;

/**
 * What the fitted models predict for one customer.
 *
 * @param stats the customer's calibration statistics (x, t_x, T, mean repeat value)
 * @param probabilityAlive P(alive | x, t_x, T) at the end of calibration
 * @param expectedPurchases E[Y(h) | x, t_x, T] over the horizon h (undiscounted)
 * @param expectedAverageValue expected value per purchase from the spend model
 * @param lifetimeValue discounted expected value of the purchases over the horizon
 */
public record CustomerValue(
    RepeatPurchaseStats stats,
    double probabilityAlive,
    double expectedPurchases,
    double expectedAverageValue,
    double lifetimeValue) {}
