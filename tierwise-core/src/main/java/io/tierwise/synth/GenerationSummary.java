package io.tierwise.synth;

import java.nio.file.Path;
import java.util.Map;

/**
 * What a generator run wrote.
 *
 * @param directory the output directory
 * @param customers rows in customers.csv
 * @param orders rows in orders.csv
 * @param events rows in events.csv
 * @param surveys rows in surveys.csv
 * @param churned customers who dropped out before the end of the period
 * @param behaviourGroups customers per behaviour group label
 * @param needsTypes customers per needs type label
 */
public record GenerationSummary(
    Path directory,
    long customers,
    long orders,
    long events,
    long surveys,
    long churned,
    Map<String, Long> behaviourGroups,
    Map<String, Long> needsTypes) {

  public GenerationSummary {
    behaviourGroups = Map.copyOf(behaviourGroups);
    needsTypes = Map.copyOf(needsTypes);
  }
}
