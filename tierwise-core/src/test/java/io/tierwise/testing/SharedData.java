package io.tierwise.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds the public datasets in {@code shared/data} beside the repository (the layout of CI and of
 * every developer machine). Tests that need them skip, with a message, where they are absent.
 */
public final class SharedData {
  private SharedData() {}

  /** The {@code shared/data} directory, searched upwards from the working directory. */
  public static Optional<Path> root() {
    Path directory = Path.of("").toAbsolutePath();
    while (directory != null) {
      Path candidate = directory.resolve("shared").resolve("data");
      if (Files.isDirectory(candidate)) {
        return Optional.of(candidate);
      }
      directory = directory.getParent();
    }
    return Optional.empty();
  }

  /** A path under {@code shared/data}; skips the calling test if it is not there. */
  public static Path require(String relative) {
    Optional<Path> root = root();
    Assumptions.assumeTrue(
        root.isPresent(), "shared/data not found beside the repository; skipped");
    Path path = root.get().resolve(relative);
    Assumptions.assumeTrue(Files.exists(path), path + " not found; skipped");
    return path;
  }

  /** The repository root (the directory holding the parent pom). */
  public static Path repository() {
    Path directory = Path.of("").toAbsolutePath();
    while (directory != null) {
      if (Files.isDirectory(directory.resolve("examples"))
          && Files.isRegularFile(directory.resolve("pom.xml"))) {
        return directory;
      }
      directory = directory.getParent();
    }
    throw new IllegalStateException(
        "repository root not found from " + Path.of("").toAbsolutePath());
  }
}
