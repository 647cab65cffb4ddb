/**
 * Safe expressions for configuration: derived columns in source mappings, rules and derived scores
 * in policies. Expressions are written in Google's Common Expression Language (CEL), which cannot
 * loop forever or run arbitrary code; they are compiled once, when the configuration is loaded, and
 * evaluated many times.
 */
package io.tierwise.rules;
