package io.tierwise.ingest;

/**
 * One attribute of every customer of a {@link CustomerBase}, read in place: a table of a million
 * customers refers to the base's values instead of copying them.
 */
public final class AttributeColumn {
  private final String name;
  private final String[] values; // by customer index; null where a customer has no value

  AttributeColumn(String name, String[] values) {
    this.name = name;
    this.values = values;
  }

  public String name() {
    return name;
  }

  /** Customer {@code index}'s value, or "" when it has none. */
  public String get(int index) {
    String value = values[index];
    return value == null ? "" : value;
  }
}
