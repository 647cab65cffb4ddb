/**
 * The tiering policy (docs/policy.md): a versioned YAML file of windows, thresholds, weights, tier
 * names and bounds, and rule tables. {@link io.tierwise.policy.PolicyReader} validates every key
 * and compiles every expression (Google's CEL, never a home-made parser) when the file is loaded,
 * so a bad policy fails before any data is read, with a message naming the key. The result, {@link
 * io.tierwise.policy.TieringPolicy}, is immutable and thread-safe; a default ships in the jar.
 */
package io.tierwise.policy;
