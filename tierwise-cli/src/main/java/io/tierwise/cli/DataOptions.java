package io.tierwise.cli;

import io.tierwise.ingest.Ingest;
import io.tierwise.ingest.IngestResult;
import io.tierwise.ingest.RejectsWriter;
import io.tierwise.ingest.SourceMapping;
import io.tierwise.quality.QualityThresholds;
import io.tierwise.store.jdbc.SourceOpener;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** The options every command that reads data shares: {@code --data DIR} or {@code --mapping F}. */
final class DataOptions {

  static final class Input {
    @Option(
        names = "--data",
        paramLabel = "DIR",
        description = "a directory of CSV files in Tierwise's format (docs/data-format.md)")
    Path data;

    @Option(
        names = "--mapping",
        paramLabel = "FILE",
        description =
            "a source mapping (YAML) that reads your own files or database (docs/mapping.md)")
    Path mapping;
  }

  @ArgGroup(exclusive = true, multiplicity = "1")
  Input input;

  @Option(
      names = "--no-progress",
      description = "never draw a progress bar (one is drawn only on a terminal anyway)")
  boolean noProgress;

  SourceMapping mapping() {
    return input.mapping != null
        ? SourceMapping.load(input.mapping)
        : SourceMapping.ownFormat(input.data);
  }

  /** Thresholds from the mapping file's {@code quality} block, if any. */
  QualityThresholds thresholds() {
    return input.mapping != null
        ? QualityThresholds.fromMappingFile(input.mapping)
        : QualityThresholds.NONE;
  }

  Optional<Path> mappingFile() {
    return Optional.ofNullable(input.mapping);
  }

  /** Reads all sources, writing rejects to {@code rejectsFile}. */
  IngestResult ingest(SourceMapping mapping, Path rejectsFile, PrintWriter err) {
    return ingest(mapping, rejectsFile, err, Ingest.Keep.EVERYTHING);
  }

  /** Reads the mapping's sources, keeping {@code keep} of them per customer. */
  IngestResult ingest(SourceMapping mapping, Path rejectsFile, PrintWriter err, Ingest.Keep keep) {
    return ingest(mapping, rejectsFile, err, keep, false);
  }

  /**
   * As above; with {@code fingerprints}, also the input files' fingerprints, taken of the bytes as
   * they are read ({@link IngestResult#inputs}).
   */
  IngestResult ingest(
      SourceMapping mapping,
      Path rejectsFile,
      PrintWriter err,
      Ingest.Keep keep,
      boolean fingerprints) {
    try (RejectsWriter rejects = RejectsWriter.to(rejectsFile);
        TerminalProgress progress = TerminalProgress.create(!noProgress, err)) {
      Ingest.Options options =
          Ingest.Options.rejectsTo(rejects)
              .withProgress(progress)
              .withOpener(new SourceOpener(System.getenv()))
              .keeping(keep);
      return Ingest.run(mapping, fingerprints ? options.fingerprinting() : options);
    }
  }
}
