package io.tierwise.ingest;

import java.util.Locale;
import java.util.Optional;

/** The interaction events Tierwise understands (docs/data-format.md). */
public enum EventType {
  LOGIN,
  USAGE,
  FEATURE_USE,
  SUPPORT_TICKET,
  CONSULTATION,
  CUSTOM_REQUEST,
  SELF_SERVICE,
  REFERRAL,
  COMPLAINT,
  PURCHASE_INQUIRY;

  private static final EventType[] VALUES = values();

  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<EventType> parse(String text) {
    String key = text.strip().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
    for (EventType type : VALUES) {
      if (type.name().equals(key)) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }

  public static int count() {
    return VALUES.length;
  }

  public static EventType ofOrdinal(int ordinal) {
    return VALUES[ordinal];
  }
}
