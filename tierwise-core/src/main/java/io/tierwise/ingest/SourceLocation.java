package io.tierwise.ingest;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Where a source's rows are. */
public sealed interface SourceLocation {

  /**
   * One or more files; each pattern is a path or a glob ({@code by-day/*.csv.gz}) relative to
   * {@code baseDirectory}. Files ending in {@code .gz} are decompressed while read.
   */
  record Files(Path baseDirectory, List<String> patterns) implements SourceLocation {
    public Files {
      Objects.requireNonNull(baseDirectory, "baseDirectory");
      patterns = List.copyOf(patterns);
    }
  }

  /**
   * A SQL query over a relational database. The password is never written in a mapping: it is read
   * from the environment variable {@code passwordEnv}.
   */
  record Jdbc(String url, Optional<String> user, Optional<String> passwordEnv, String query)
      implements SourceLocation {
    public Jdbc {
      Objects.requireNonNull(url, "url");
      Objects.requireNonNull(user, "user");
      Objects.requireNonNull(passwordEnv, "passwordEnv");
      Objects.requireNonNull(query, "query");
    }
  }
}
