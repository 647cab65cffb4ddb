package io.tierwise.ingest;

/**
 * A mutable view of a range of a char array, reused from row to row so that reading a field does
 * not create a String. Valid only until its owner moves on; call {@link #toString()} to keep it.
 */
final class CharSlice implements CharSequence {
  char[] buffer = new char[0];
  int offset;
  int length;

  CharSlice set(char[] buffer, int offset, int length) {
    this.buffer = buffer;
    this.offset = offset;
    this.length = length;
    return this;
  }

  @Override
  public int length() {
    return length;
  }

  @Override
  public char charAt(int index) {
    return buffer[offset + index];
  }

  @Override
  public CharSequence subSequence(int start, int end) {
    return new String(buffer, offset + start, end - start);
  }

  @Override
  public String toString() {
    return new String(buffer, offset, length);
  }

  /**
   * The same value as {@link String#hashCode()} of the text. Four characters a step: {@code h·31⁴ +
   * c₀·31³ + c₁·31² + c₂·31 + c₃} is the same sum as four steps of {@code h·31 + c}, but its
   * products do not wait for each other.
   */
  static int hash(CharSequence text) {
    if (text instanceof String) {
      return text.hashCode();
    }
    if (text instanceof CharSlice) {
      CharSlice slice = (CharSlice) text;
      return hash(slice.buffer, slice.offset, slice.offset + slice.length);
    }
    int hash = 0;
    int length = text.length();
    for (int i = 0; i < length; i++) {
      hash = 31 * hash + text.charAt(i);
    }
    return hash;
  }

  /** {@link #hash(CharSequence)} of {@code chars[from..to)}. */
  static int hash(char[] chars, int from, int to) {
    int hash = 0;
    int i = from;
    for (; i + 4 <= to; i += 4) {
      hash =
          31 * 31 * 31 * 31 * hash
              + 31 * 31 * 31 * chars[i]
              + 31 * 31 * chars[i + 1]
              + 31 * chars[i + 2]
              + chars[i + 3];
    }
    for (; i < to; i++) {
      hash = 31 * hash + chars[i];
    }
    return hash;
  }

  /** Whether a String and a text have the same characters. */
  static boolean same(String stored, CharSequence text) {
    int length = text.length();
    if (stored.length() != length) {
      return false;
    }
    if (text instanceof CharSlice) { // the hot case: compare with the buffer directly
      CharSlice slice = (CharSlice) text;
      char[] buffer = slice.buffer;
      int offset = slice.offset;
      for (int i = 0; i < length; i++) {
        if (stored.charAt(i) != buffer[offset + i]) {
          return false;
        }
      }
      return true;
    }
    for (int i = 0; i < length; i++) {
      if (stored.charAt(i) != text.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /** Whether two slices have the same characters. */
  static boolean same(CharSlice one, CharSlice other) {
    int length = one.length;
    if (length != other.length) {
      return false;
    }
    char[] a = one.buffer;
    char[] b = other.buffer;
    for (int i = 0, j = one.offset, k = other.offset; i < length; i++, j++, k++) {
      if (a[j] != b[k]) {
        return false;
      }
    }
    return true;
  }

  /** Whether the text is empty or only whitespace, like {@link String#isBlank()}. */
  static boolean isBlank(CharSequence text) {
    int length = text.length();
    for (int i = 0; i < length; i++) {
      if (!isWhitespace(text.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /**
   * The text without surrounding whitespace, like {@link String#strip()}; the text itself when it
   * has none (the common case), so no String is made.
   */
  static CharSequence stripped(CharSequence text) {
    int length = text.length();
    if (length == 0 || (!isWhitespace(text.charAt(0)) && !isWhitespace(text.charAt(length - 1)))) {
      return text;
    }
    return text.toString().strip();
  }

  /**
   * {@link Character#isWhitespace}, answered without a table lookup for printable ASCII (every
   * character of a typical field): the question is asked for the ends of every field of every row.
   */
  static boolean isWhitespace(char character) {
    return character > ' ' && character < 0x7f ? false : Character.isWhitespace(character);
  }
}
