package io.tierwise.store.jdbc;

import io.tierwise.ingest.Ingest;
import io.tierwise.ingest.RowSource;
import io.tierwise.ingest.SourceLocation;
import io.tierwise.ingest.SourceSpec;
import java.util.Map;
import java.util.function.Function;

/** Opens any source of a mapping: files through the core, databases through JDBC. */
public final class SourceOpener implements Function<SourceSpec, RowSource> {
  private final Map<String, String> environment;

  public SourceOpener(Map<String, String> environment) {
    this.environment = Map.copyOf(environment);
  }

  @Override
  public RowSource apply(SourceSpec spec) {
    if (spec.location() instanceof SourceLocation.Jdbc jdbc) {
      return JdbcRowSource.open(jdbc, spec.name(), environment);
    }
    return Ingest.openFiles(spec);
  }
}
