package io.tierwise.cli;

import io.tierwise.TierwiseException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code tierwise} command: the composition root of the command line. */
@Command(
    name = "tierwise",
    mixinStandardHelpOptions = true,
    versionProvider = TierwiseCommand.Version.class,
    description = "Customer classification and tiered operations.",
    subcommands = {
      CommandLine.HelpCommand.class,
      DemoCommand.class,
      GenerateCommand.class,
      ValidateCommand.class,
      RunCommand.class,
      ExplainCommand.class,
      ChurnCommand.class,
      ClvCommand.class,
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success",
      "1:internal error (a bug; details in the crash log)",
      "2:usage error (unknown option, missing parameter)",
      "3:invalid input data, mapping or policy",
      "4:data quality below a configured threshold",
      "5:output or database could not be reached"
    })
public final class TierwiseCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs the CLI and returns its exit code; used by {@link #main} and by tests. */
  public static int execute(String... args) {
    try {
      return newCommandLine().execute(args);
    } catch (OutOfMemoryError e) {
      System.err.println(outOfMemory(e, Runtime.getRuntime().maxMemory()));
      return ExitCodes.INTERNAL_ERROR;
    }
  }

  /**
   * The one line for running out of memory: of the heap, or of the native memory that holds the
   * ledger's pages for clv fit and validate (ADR 0005), whose limit follows the heap's maximum.
   */
  static String outOfMemory(OutOfMemoryError error, long maxHeapBytes) {
    String where =
        String.valueOf(error.getMessage()).contains("direct buffer memory")
            ? "for the customer ledger, which lives outside the heap (limited to the heap's "
                + maxHeapBytes / (1024 * 1024)
                + " MB unless -XX:MaxDirectMemorySize says otherwise)"
            : "(" + maxHeapBytes / (1024 * 1024) + " MB heap)";
    return "tierwise: out of memory "
        + where
        + "; give Java more, e.g. TIERWISE_JAVA_OPTS=-Xmx8g ./tierwise ...";
  }

  static CommandLine newCommandLine() {
    CommandLine commandLine = new CommandLine(new TierwiseCommand());
    commandLine.setExecutionExceptionHandler(TierwiseCommand::handleFailure);
    return commandLine;
  }

  /** The one place where errors become messages and exit codes. */
  private static int handleFailure(
      Exception failure, CommandLine commandLine, CommandLine.ParseResult parseResult) {
    PrintWriter err = commandLine.getErr();
    if (failure instanceof TierwiseException tierwise) {
      err.println("tierwise: " + tierwise.getMessage());
      err.flush();
      return ExitCodes.of(tierwise.category());
    }
    if (failure instanceof IOException || failure instanceof UncheckedIOException) {
      // Output files and directories the commands write: a storage problem, not a bug.
      err.println("tierwise: cannot read or write " + describe(failure));
      err.flush();
      return ExitCodes.STORAGE;
    }
    if (failure instanceof CommandLine.ParameterException parameter) {
      err.println("tierwise: " + parameter.getMessage());
      err.flush();
      return ExitCodes.USAGE;
    }
    Path crashLog = writeCrashLog(failure);
    err.println(
        "tierwise: internal error: "
            + failure
            + (crashLog == null ? "" : "\n  details: " + crashLog)
            + "\n  please report it with the details file.");
    err.flush();
    return ExitCodes.INTERNAL_ERROR;
  }

  private static String describe(Exception failure) {
    Throwable cause =
        failure instanceof UncheckedIOException unchecked ? unchecked.getCause() : failure;
    if (cause instanceof FileSystemException file) {
      String reason;
      if (file.getReason() != null) {
        reason = file.getReason();
      } else if (cause instanceof java.nio.file.FileAlreadyExistsException) {
        reason = "it already exists (as a file where a directory is needed?)";
      } else if (cause instanceof java.nio.file.NoSuchFileException) {
        reason = "no such file or directory";
      } else if (cause instanceof java.nio.file.AccessDeniedException) {
        reason = "permission denied";
      } else {
        reason = "file system error";
      }
      return file.getFile() + ": " + reason;
    }
    return String.valueOf(cause.getMessage());
  }

  private static Path writeCrashLog(Exception failure) {
    try {
      Path log = Files.createTempFile("tierwise-crash-", ".log");
      StringWriter trace = new StringWriter();
      failure.printStackTrace(new PrintWriter(trace));
      Files.writeString(log, trace.toString());
      return log;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** Reads the version from the jar manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = TierwiseCommand.class.getPackage().getImplementationVersion();
      return new String[] {"tierwise " + (version == null ? "development" : version)};
    }
  }
}
