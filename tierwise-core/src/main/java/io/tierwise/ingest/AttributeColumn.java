package io.tierwise.ingest;

/**
 * One attribute of every customer of a {@link CustomerBase}, read in place: a table of a million
 * customers refers to the base's values instead of copying them.
 */
public final class AttributeColumn {
  private final String name;
  private final int[] values; // by customer index: 1 + the value's index in texts, 0 for none
  private final String[] texts;

  AttributeColumn(String name, int[] values, String[] texts) {
    this.name = name;
    this.values = values;
    this.texts = texts;
  }

  public String name() {
    return name;
  }

  /** Customer {@code index}'s value, or "" when it has none. */
  public String get(int index) {
    int value = values[index];
    return value == 0 ? "" : texts[value - 1];
  }
}
