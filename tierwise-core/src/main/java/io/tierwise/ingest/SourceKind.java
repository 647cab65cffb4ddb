package io.tierwise.ingest;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The four kinds of input a company has about its customers. */
public enum SourceKind {
  CUSTOMERS("customers"),
  ORDERS("orders"),
  EVENTS("events"),
  SURVEYS("surveys");

  private final String key;

  SourceKind(String key) {
    this.key = key;
  }

  /** The name used in mappings, file names and reports. */
  public String key() {
    return key;
  }

  /** The canonical fields of this source, in documentation order. */
  public List<Field> fields() {
    return Arrays.stream(Field.values()).filter(field -> field.kind() == this).toList();
  }

  public static Optional<SourceKind> fromKey(String key) {
    String lower = key.toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(kind -> kind.key.equals(lower)).findFirst();
  }
}
