package io.tierwise.cli;

import io.tierwise.ingest.IngestProgress;
import java.io.PrintWriter;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A progress bar on standard error, drawn only when attached to a terminal. */
final class TerminalProgress implements IngestProgress, AutoCloseable {
  private final boolean enabled;
  private ProgressBar bar;

  private TerminalProgress(boolean enabled) {
    this.enabled = enabled;
  }

  static TerminalProgress create(boolean wanted, PrintWriter err) {
    return new TerminalProgress(wanted && System.console() != null);
  }

  @Override
  public void start(String source, long total) {
    if (!enabled) {
      return;
    }
    bar =
        new ProgressBarBuilder()
            .setTaskName("reading " + source)
            .setInitialMax(total > 0 ? total : -1)
            .setStyle(ProgressBarStyle.ASCII)
            .setUnit(" MB", 1024 * 1024)
            .setUpdateIntervalMillis(250)
            .setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(System.err))
            .build();
  }

  @Override
  public void advance(long progress, long rows) {
    if (bar != null) {
      bar.stepTo(progress);
      bar.setExtraMessage(String.format(java.util.Locale.ROOT, "%,d rows", rows));
    }
  }

  @Override
  public void finish() {
    if (bar != null) {
      bar.close();
      bar = null;
    }
  }

  @Override
  public void close() {
    finish();
  }
}
