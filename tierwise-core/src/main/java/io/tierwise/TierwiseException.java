package io.tierwise;

import java.util.Objects;

/**
 * The one root of every error Tierwise raises on purpose. Each error carries a {@link Category};
 * the edges map categories once: the CLI to exit codes, the server to problem-JSON.
 *
 * <p>Messages are written for the user: they say what is wrong, where, and what was expected.
 */
public class TierwiseException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** What kind of failure this is; decides the exit code and the HTTP status at the edges. */
  public enum Category {
    /** The user's data cannot be read as described (missing file or column, not CSV, ...). */
    INVALID_INPUT,
    /** A mapping, policy or other configuration file is wrong. */
    INVALID_CONFIG,
    /** The data was read but failed a quality threshold the user set. */
    DATA_QUALITY,
    /** Results could not be written or a store/database could not be reached. */
    STORAGE
  }

  private final Category category;

  public TierwiseException(Category category, String message) {
    super(message);
    this.category = Objects.requireNonNull(category, "category");
  }

  public TierwiseException(Category category, String message, Throwable cause) {
    super(message, cause);
    this.category = Objects.requireNonNull(category, "category");
  }

  public Category category() {
    return category;
  }

  public static TierwiseException invalidInput(String message) {
    return new TierwiseException(Category.INVALID_INPUT, message);
  }

  public static TierwiseException invalidInput(String message, Throwable cause) {
    return new TierwiseException(Category.INVALID_INPUT, message, cause);
  }

  public static TierwiseException invalidConfig(String message) {
    return new TierwiseException(Category.INVALID_CONFIG, message);
  }

  public static TierwiseException dataQuality(String message) {
    return new TierwiseException(Category.DATA_QUALITY, message);
  }

  public static TierwiseException storage(String message, Throwable cause) {
    return new TierwiseException(Category.STORAGE, message, cause);
  }
}
