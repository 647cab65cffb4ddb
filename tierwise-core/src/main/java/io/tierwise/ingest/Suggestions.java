package io.tierwise.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.tierwise.TierwiseException;
import java.util.Collection;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;

/** "Did you mean …" hints for misspelt keys and columns, and the unknown-key check of configs. */
public final class Suggestions {
  private Suggestions() {}

  /**
   * Refuses a configuration map with a key outside {@code allowed}, naming it as {@code prefix +
   * key} with the closest allowed key and the list of allowed ones.
   */
  public static void requireKnownKeys(JsonNode node, Set<String> allowed, String prefix) {
    Iterator<String> names = node.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (!allowed.contains(name)) {
        throw TierwiseException.invalidConfig(
            prefix
                + name
                + ": unknown key"
                + didYouMean(name, allowed)
                + "; expected one of "
                + String.join(", ", allowed.stream().sorted().toList()));
      }
    }
  }

  /** Returns {@code " (did you mean 'x'?)"} for the closest candidate, or an empty string. */
  public static String didYouMean(String given, Collection<String> candidates) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : candidates) {
      int distance = distance(given.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
      if (distance < bestDistance) {
        bestDistance = distance;
        best = candidate;
      }
    }
    if (best == null || bestDistance > Math.max(2, given.length() / 3)) {
      return "";
    }
    return " (did you mean '" + best + "'?)";
  }

  private static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
