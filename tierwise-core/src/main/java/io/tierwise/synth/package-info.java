/**
 * Synthetic ground truth: a seeded generator of a company whose customers' latent behaviour is
 * known, written in the input format of docs/data-format.md plus a truth file.
 *
 * <p>Purchases follow BG/NBD (Fader, Hardie &amp; Lee 2005) and spend follows Gamma-Gamma, so CLV
 * and churn models can be checked against the parameters that made the data. Latent behaviour
 * groups and needs types drive the interaction events, so classifiers can be scored against the
 * labels in {@code truth-customers.csv}.
 *
 * <p>The generator streams: one customer at a time, each from its own random stream derived from
 * (seed, customer index), so the same settings always give the same bytes and memory does not grow
 * with the number of customers. See docs/generator.md.
 */
package io.tierwise.synth;
