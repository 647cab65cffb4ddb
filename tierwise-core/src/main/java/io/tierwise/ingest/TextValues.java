package io.tierwise.ingest;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Parsing of field text: numbers and dates, with fast paths for the common plain forms (the hot
 * path of ingest) that fall back to the JDK parsers for everything else.
 */
final class TextValues {
  private TextValues() {}

  /** Marks text that is not a number. */
  static final double NOT_A_NUMBER = Double.NaN;

  private static final double[] POWERS_OF_TEN = {
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18
  };

  /**
   * Parses a decimal number. Plain forms ({@code -123.45}) with up to 15 digits are parsed exactly
   * (one correctly rounded division); others go through {@link Double#parseDouble}. Returns NaN for
   * text that is not a finite number.
   */
  static double parseDecimal(CharSequence text) {
    if (text instanceof CharSlice) {
      CharSlice slice = (CharSlice) text;
      double value = plainDecimal(slice.buffer, slice.offset, slice.offset + slice.length);
      if (!Double.isNaN(value)) {
        return value;
      }
    }
    int length = text.length();
    int start = 0;
    while (start < length && text.charAt(start) == ' ') {
      start++;
    }
    int end = length;
    while (end > start && text.charAt(end - 1) == ' ') {
      end--;
    }
    if (start == end) {
      return NOT_A_NUMBER;
    }
    int index = start;
    boolean negative = false;
    char first = text.charAt(index);
    if (first == '-' || first == '+') {
      negative = first == '-';
      index++;
    }
    long mantissa = 0;
    int digits = 0;
    int fractionDigits = 0;
    boolean point = false;
    for (; index < end; index++) {
      char character = text.charAt(index);
      if (character >= '0' && character <= '9') {
        mantissa = mantissa * 10 + (character - '0');
        digits++;
        if (point) {
          fractionDigits++;
        }
      } else if (character == '.' && !point) {
        point = true;
      } else {
        return slowDecimal(text.subSequence(start, end).toString());
      }
    }
    if (digits == 0) {
      return NOT_A_NUMBER;
    }
    if (digits > 15) {
      return slowDecimal(text.subSequence(start, end).toString());
    }
    double value = fractionDigits == 0 ? mantissa : mantissa / POWERS_OF_TEN[fractionDigits];
    return negative ? -value : value;
  }

  /**
   * {@code [-]digits[.digits]} with 1 to 15 digits and nothing else, read in place; NaN for
   * anything else, which then takes the general path of {@link #parseDecimal}. Same value as that
   * path.
   */
  private static double plainDecimal(char[] chars, int from, int to) {
    int index = from;
    boolean negative = index < to && chars[index] == '-';
    if (negative) {
      index++;
    }
    long mantissa = 0;
    int digits = 0;
    int point = -1;
    for (; index < to; index++) {
      char character = chars[index];
      int digit = character - '0';
      if (digit >= 0 && digit <= 9) {
        mantissa = mantissa * 10 + digit;
        digits++;
      } else if (character == '.' && point < 0) {
        point = index;
      } else {
        return NOT_A_NUMBER;
      }
    }
    if (digits == 0 || digits > 15) {
      return NOT_A_NUMBER;
    }
    int fractionDigits = point < 0 ? 0 : to - point - 1;
    double value = fractionDigits == 0 ? mantissa : mantissa / POWERS_OF_TEN[fractionDigits];
    return negative ? -value : value;
  }

  private static double slowDecimal(String text) {
    try {
      double value = Double.parseDouble(text);
      return Double.isFinite(value) ? value : NOT_A_NUMBER;
    } catch (NumberFormatException e) {
      return NOT_A_NUMBER;
    }
  }

  /** Parses yes/no style booleans; empty when not one of them. */
  static Optional<Boolean> parseBoolean(String text) {
    return switch (text.strip().toLowerCase(java.util.Locale.ROOT)) {
      case "true", "1", "yes", "y", "t" -> Optional.of(Boolean.TRUE);
      case "false", "0", "no", "n", "f", "" -> Optional.of(Boolean.FALSE);
      default -> Optional.empty();
    };
  }

  /**
   * Reads dates and timestamps to an epoch day in a zone. One instance per field; it remembers the
   * last text it parsed, since ordered files repeat dates many times in a row.
   */
  static final class DateReader {
    /** Marks text that is not a date. */
    static final int INVALID = Integer.MIN_VALUE;

    private static final int MIN_DAY = (int) LocalDate.of(1900, 1, 1).toEpochDay();
    private static final int MAX_DAY = (int) LocalDate.of(2199, 12, 31).toEpochDay();

    /** What a pattern yields, decided once so that parsing never probes with exceptions. */
    private enum Shape {
      ISO,
      COMPACT_DATE,
      DATE,
      LOCAL_DATE_TIME,
      OFFSET_DATE_TIME
    }

    private final Optional<DateTimeFormatter> pattern;
    private final Shape shape;
    private final ZoneId zone;
    private final String expected;
    private char[] lastText = new char[32];
    private int lastLength = -1;
    private int lastDay = INVALID;

    DateReader(Optional<String> pattern, ZoneId zone) {
      this.shape = pattern.map(DateReader::shapeOf).orElse(Shape.ISO);
      this.pattern =
          shape == Shape.ISO || shape == Shape.COMPACT_DATE
              ? Optional.empty()
              : pattern.map(DateTimeFormatter::ofPattern);
      this.zone = zone;
      this.expected =
          " (expected "
              + pattern.orElse("yyyy-MM-dd or an ISO timestamp")
              + ", between 1900 and 2199)";
    }

    /** A reader of the same dates with a cache of its own, for use on another thread. */
    DateReader copy() {
      return new DateReader(this);
    }

    private DateReader(DateReader other) {
      this.shape = other.shape;
      this.pattern = other.pattern;
      this.zone = other.zone;
      this.expected = other.expected;
    }

    /** Says what was expected, for reject reasons. */
    String expected() {
      return expected;
    }

    /** The epoch day, or {@link #INVALID}. Dates before 1900 or after 2199 are invalid. */
    int read(CharSequence text) {
      if (shape == Shape.ISO && text instanceof CharSlice) {
        int day = plainIsoDate((CharSlice) text); // the common case, parsed in place
        if (day != INVALID) {
          return day;
        }
      }
      int length = text.length();
      if (length == lastLength && sameAsLast(text, length)) {
        return lastDay;
      }
      int day = parse(CharSlice.stripped(text));
      if (day != INVALID && (day < MIN_DAY || day > MAX_DAY)) {
        day = INVALID;
      }
      if (length > lastText.length) {
        lastText = new char[Math.max(length, lastText.length * 2)];
      }
      for (int i = 0; i < length; i++) {
        lastText[i] = text.charAt(i);
      }
      lastLength = length;
      lastDay = day;
      return day;
    }

    /**
     * A {@code yyyy-MM-dd} date between 1900 and 2199, or such a date followed by a local time
     * {@code THH:mm:ss} (or with a space for the T; events carry timestamps), read straight from
     * the characters; {@link #INVALID} for anything else, which then takes the general path (and
     * gets the same answer there when it is a date).
     */
    private static int plainIsoDate(CharSlice text) {
      if (text.length == 10) {
        return isoDay(text.buffer, text.offset);
      }
      if (text.length == 19 && plainTime(text.buffer, text.offset + 10)) {
        return isoDay(text.buffer, text.offset);
      }
      return INVALID;
    }

    /** {@code THH:mm:ss} or {@code " HH:mm:ss"} at {@code at}, as {@link #validTime} checks it. */
    private static boolean plainTime(char[] c, int at) {
      if ((c[at] != 'T' && c[at] != ' ') || c[at + 3] != ':' || c[at + 6] != ':') {
        return false;
      }
      int hour = twoDigits(c, at + 1);
      int minute = twoDigits(c, at + 4);
      int second = twoDigits(c, at + 7);
      return hour >= 0 && hour <= 23 && minute >= 0 && minute <= 59 && second >= 0 && second <= 59;
    }

    private static int twoDigits(char[] c, int at) {
      int tens = c[at] - '0';
      int units = c[at + 1] - '0';
      return tens < 0 || tens > 9 || units < 0 || units > 9 ? -1 : tens * 10 + units;
    }

    /** The {@code yyyy-MM-dd} at {@code at}, between 1900 and 2199; else {@link #INVALID}. */
    private static int isoDay(char[] c, int at) {
      if (c[at + 4] != '-' || c[at + 7] != '-') {
        return INVALID;
      }
      int year = 0;
      for (int i = 0; i < 4; i++) {
        int digit = c[at + i] - '0';
        if (digit < 0 || digit > 9) {
          return INVALID;
        }
        year = year * 10 + digit;
      }
      int m1 = c[at + 5] - '0';
      int m2 = c[at + 6] - '0';
      int d1 = c[at + 8] - '0';
      int d2 = c[at + 9] - '0';
      if ((m1 | m2 | d1 | d2) < 0 || m1 > 9 || m2 > 9 || d1 > 9 || d2 > 9) {
        return INVALID;
      }
      int known = year - TABLE_FIRST_YEAR;
      int month = m1 * 10 + m2;
      if (known < 0 || known >= TABLE_YEARS || month < 1 || month > 12) {
        return INVALID;
      }
      int dayOfMonth = d1 * 10 + d2;
      int at12 = known * 12 + month - 1;
      return dayOfMonth < 1 || dayOfMonth > MONTH_LENGTH[at12]
          ? INVALID
          : MONTH_START[at12] + dayOfMonth - 1;
    }

    private boolean sameAsLast(CharSequence text, int length) {
      for (int i = 0; i < length; i++) {
        if (lastText[i] != text.charAt(i)) {
          return false;
        }
      }
      return true;
    }

    private static Shape shapeOf(String pattern) {
      switch (pattern) {
        case "yyyy-MM-dd", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm" -> {
          return Shape.ISO;
        }
        case "yyyyMMdd" -> {
          return Shape.COMPACT_DATE;
        }
        default -> {
          String letters = pattern.replaceAll("'[^']*'", "");
          if (letters.matches(".*[XxZOVz].*")) {
            return Shape.OFFSET_DATE_TIME;
          }
          if (letters.matches(".*[HhkKmsSa].*")) {
            return Shape.LOCAL_DATE_TIME;
          }
          return Shape.DATE;
        }
      }
    }

    private int parse(CharSequence text) {
      if (text.length() == 0) {
        return INVALID;
      }
      if (shape == Shape.COMPACT_DATE) {
        if (text.length() != 8) {
          return INVALID;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 4, 6);
        int dayOfMonth = digits(text, 6, 8);
        if (year < 0 || month < 0 || dayOfMonth < 0) {
          return INVALID;
        }
        return epochDay(year, month, dayOfMonth);
      }
      if (pattern.isPresent()) {
        return parseWithPattern(text, pattern.get());
      }
      int length = text.length();
      boolean plainDate = length == 10;
      boolean localTimestamp =
          length >= 16 && (text.charAt(10) == 'T' || text.charAt(10) == ' ') && !hasOffset(text);
      if ((plainDate || localTimestamp) && isIsoDatePrefix(text)) {
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 7);
        int dayOfMonth = digits(text, 8, 10);
        if (localTimestamp && !validTime(text)) {
          return INVALID;
        }
        return epochDay(year, month, dayOfMonth);
      }
      try {
        return (int)
            OffsetDateTime.parse(text.toString().replace(' ', 'T'))
                .atZoneSameInstant(zone)
                .toLocalDate()
                .toEpochDay();
      } catch (DateTimeParseException e) {
        try {
          return (int) LocalDate.ofInstant(Instant.parse(text), zone).toEpochDay();
        } catch (DateTimeParseException again) {
          return INVALID;
        }
      }
    }

    private int parseWithPattern(CharSequence text, DateTimeFormatter formatter) {
      try {
        return switch (shape) {
          case OFFSET_DATE_TIME ->
              (int)
                  OffsetDateTime.parse(text, formatter)
                      .atZoneSameInstant(zone)
                      .toLocalDate()
                      .toEpochDay();
          case LOCAL_DATE_TIME ->
              (int) LocalDateTime.parse(text, formatter).toLocalDate().toEpochDay();
          default -> (int) LocalDate.parse(text, formatter).toEpochDay();
        };
      } catch (DateTimeException e) {
        return INVALID;
      }
    }

    private static final int[] DAYS_IN_MONTH = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

    /**
     * The epoch day of a calendar date, or {@link #INVALID} for an impossible one; the same result
     * as {@code LocalDate.of(y, m, d).toEpochDay()} without building an object (the hot path of
     * ingest).
     */
    static int epochDay(int year, int month, int dayOfMonth) {
      if (month < 1 || month > 12 || dayOfMonth < 1) {
        return INVALID;
      }
      int known = year - TABLE_FIRST_YEAR;
      if (known >= 0 && known < TABLE_YEARS) {
        int at = known * 12 + month - 1;
        return dayOfMonth > MONTH_LENGTH[at] ? INVALID : MONTH_START[at] + dayOfMonth - 1;
      }
      boolean leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
      int length = month == 2 && leap ? 29 : DAYS_IN_MONTH[month - 1];
      if (dayOfMonth > length) {
        return INVALID;
      }
      // Days from civil (Howard Hinnant's algorithm), proleptic Gregorian, 1970-01-01 = 0.
      int y = month <= 2 ? year - 1 : year;
      int era = Math.floorDiv(y, 400);
      int yearOfEra = y - era * 400;
      int monthIndex = month > 2 ? month - 3 : month + 9;
      int dayOfYear = (153 * monthIndex + 2) / 5 + dayOfMonth - 1;
      int dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
      return era * 146097 + dayOfEra - 719468;
    }

    // The first day and length of every month of the years ingest accepts (1900-2199), so that
    // the date of a row is two table reads (about 14 KB, built from java.time once).
    private static final int TABLE_FIRST_YEAR = 1900;
    private static final int TABLE_YEARS = 300;
    private static final int[] MONTH_START = new int[TABLE_YEARS * 12];
    private static final int[] MONTH_LENGTH = new int[TABLE_YEARS * 12];

    static {
      for (int i = 0; i < TABLE_YEARS * 12; i++) {
        java.time.YearMonth month = java.time.YearMonth.of(TABLE_FIRST_YEAR + i / 12, i % 12 + 1);
        MONTH_START[i] = (int) month.atDay(1).toEpochDay();
        MONTH_LENGTH[i] = month.lengthOfMonth();
      }
    }

    private static boolean hasOffset(CharSequence text) {
      char last = text.charAt(text.length() - 1);
      if (last == 'Z' || last == 'z') {
        return true;
      }
      for (int i = 11; i < text.length(); i++) {
        char character = text.charAt(i);
        if (character == '+' || character == '-') {
          return true;
        }
      }
      return false;
    }

    private static boolean validTime(CharSequence text) {
      // HH:mm[:ss[.fraction]] after the separator
      if (text.length() < 16 || text.charAt(13) != ':') {
        return false;
      }
      int hour = digits(text, 11, 13);
      int minute = digits(text, 14, 16);
      if (hour < 0 || hour > 23 || minute < 0 || minute > 59) {
        return false;
      }
      if (text.length() == 16) {
        return true;
      }
      if (text.length() < 19 || text.charAt(16) != ':') {
        return false;
      }
      int second = digits(text, 17, 19);
      if (second < 0 || second > 59) {
        return false;
      }
      for (int i = 19; i < text.length(); i++) {
        char character = text.charAt(i);
        if (!(character == '.' || (character >= '0' && character <= '9'))) {
          return false;
        }
      }
      return true;
    }

    private static boolean isIsoDatePrefix(CharSequence text) {
      return text.charAt(4) == '-'
          && text.charAt(7) == '-'
          && digits(text, 0, 4) >= 0
          && digits(text, 5, 7) >= 0
          && digits(text, 8, 10) >= 0;
    }

    private static int digits(CharSequence text, int from, int to) {
      int value = 0;
      for (int i = from; i < to; i++) {
        char character = text.charAt(i);
        if (character < '0' || character > '9') {
          return -1;
        }
        value = value * 10 + (character - '0');
      }
      return value;
    }
  }
}
