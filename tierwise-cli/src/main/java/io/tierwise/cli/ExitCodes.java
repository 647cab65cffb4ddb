package io.tierwise.cli;

import io.tierwise.TierwiseException;

/** The documented exit codes of the {@code tierwise} command (see docs/cli.md). */
public final class ExitCodes {
  /** Success. */
  public static final int OK = 0;

  /** An unexpected internal failure (a bug): the details go to the crash log, not the screen. */
  public static final int INTERNAL_ERROR = 1;

  /** Wrong command line: unknown option, missing parameter. */
  public static final int USAGE = 2;

  /** Input data or a configuration file (mapping, policy) is invalid. */
  public static final int INVALID_INPUT = 3;

  /** Data was read but failed a quality threshold set in configuration. */
  public static final int DATA_QUALITY = 4;

  /** Output could not be written or a database could not be reached. */
  public static final int STORAGE = 5;

  private ExitCodes() {}

  static int of(TierwiseException.Category category) {
    return switch (category) {
      case INVALID_INPUT, INVALID_CONFIG -> INVALID_INPUT;
      case DATA_QUALITY -> DATA_QUALITY;
      case STORAGE -> STORAGE;
    };
  }
}
