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
  private static final char[][] KEYS =
      java.util.Arrays.stream(VALUES).map(type -> type.key().toCharArray()).toArray(char[][]::new);

  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The type named by {@code text}: case-insensitive, surrounding whitespace ignored, '-' and ' '
   * read as '_'.
   */
  public static Optional<EventType> parse(String text) {
    int ordinal = ordinalOf(text);
    return ordinal < 0 ? Optional.empty() : Optional.of(VALUES[ordinal]);
  }

  /**
   * {@link #parse}, as the type's ordinal or -1, without making a String (ingest reads millions).
   */
  static int ordinalOf(CharSequence text) {
    int exact = exactKey(text);
    if (exact >= 0) {
      return exact;
    }
    int start = 0;
    int end = text.length();
    while (start < end && Character.isWhitespace(text.charAt(start))) {
      start++;
    }
    while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
      end--;
    }
    for (EventType type : VALUES) {
      String name = type.name();
      if (name.length() == end - start && sameName(name, text, start)) {
        return type.ordinal();
      }
    }
    return -1;
  }

  /**
   * The ordinal of the type whose {@link #key} the text is exactly (as the docs and {@code
   * generate} write them: the common case, compared without case folding); -1 otherwise.
   */
  private static int exactKey(CharSequence text) {
    int length = text.length();
    for (int type = 0; type < KEYS.length; type++) {
      char[] key = KEYS[type];
      if (key.length == length && sameKey(key, text)) {
        return type;
      }
    }
    return -1;
  }

  private static boolean sameKey(char[] key, CharSequence text) {
    for (int i = 0; i < key.length; i++) {
      if (text.charAt(i) != key[i]) {
        return false;
      }
    }
    return true;
  }

  private static boolean sameName(String name, CharSequence text, int start) {
    for (int i = 0; i < name.length(); i++) {
      char c = text.charAt(start + i);
      char normal = c == '-' || c == ' ' ? '_' : Character.toUpperCase(c);
      if (normal != name.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  public static int count() {
    return VALUES.length;
  }

  public static EventType ofOrdinal(int ordinal) {
    return VALUES[ordinal];
  }
}
