package io.tierwise.cli;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import io.tierwise.TierwiseException;
import io.tierwise.churn.ChurnModel;
import io.tierwise.churn.ChurnModelKind;
import io.tierwise.churn.ChurnOptions;
import io.tierwise.churn.ChurnTrainer;
import io.tierwise.churn.CustomerScore;
import io.tierwise.churn.LabelledTable;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tierwise churn}: train a churn-risk model on a labelled table, and score customers. */
@Command(
    name = "churn",
    mixinStandardHelpOptions = true,
    description = "Churn-risk models: train on a labelled table, score customers.",
    subcommands = {ChurnCommand.Train.class, ChurnCommand.Score.class})
public final class ChurnCommand implements Runnable {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code tierwise churn train}. */
  @Command(
      name = "train",
      mixinStandardHelpOptions = true,
      description = {
        "Trains a churn model on a labelled table (one row per customer), prints its validation"
            + " report and saves it.",
        "Rows are split per class at random (seeded) into 60% train, 20% validation (Platt"
            + " calibration, F1-optimal threshold) and 20% test (the reported metrics)."
      })
  static final class Train implements Runnable {
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--table", required = true, description = "Labelled CSV table.")
    Path table;

    @Option(names = "--label", required = true, description = "Column holding the churn label.")
    String label;

    @Option(names = "--id", required = true, description = "Column identifying the customer.")
    String id;

    @Option(names = "--model-out", required = true, description = "Where to save the model.")
    Path modelOut;

    @Option(
        names = "--model",
        defaultValue = "logistic",
        description = "logistic (L2 logistic regression) or gbt (gradient-boosted trees).")
    String model;

    @Option(
        names = "--positive",
        defaultValue = "",
        description = "Label value meaning churned (default: Yes, true, 1, churned, ...).")
    String positive;

    @Option(
        names = "--seed",
        defaultValue = "" + ChurnOptions.DEFAULT_SEED,
        description = "Seed of the split and the tree learner (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--json", description = "Print the report as one JSON object.")
    boolean json;

    @Override
    public void run() {
      ChurnOptions options =
          ChurnOptions.of(label, id)
              .withKind(ChurnModelKind.parse(model))
              .withPositiveValue(positive)
              .withSeed(seed);
      LabelledTable data = LabelledTable.read(table);
      ChurnModel trained = new ChurnTrainer(options, Clock.systemUTC()).train(data);
      trained.save(modelOut);
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        out.println(ChurnReport.json(trained, modelOut));
      } else {
        out.print(ChurnReport.text(trained, modelOut));
      }
      out.flush();
    }
  }

  /** {@code tierwise churn score}. */
  @Command(
      name = "score",
      mixinStandardHelpOptions = true,
      description = {
        "Scores every row of a table with a saved churn model.",
        "Writes CSV <id column>,churn_probability (the id column named as in the model's"
            + " training table), one row per input row, in input order. The label column may be"
            + " absent."
      })
  static final class Score implements Runnable {
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", required = true, description = "Model file from churn train.")
    Path model;

    @Option(names = "--table", required = true, description = "CSV table of customers to score.")
    Path table;

    @Option(names = "--out", required = true, description = "CSV file to write the scores to.")
    Path out;

    @Override
    public void run() {
      ChurnModel loaded = ChurnModel.load(model);
      List<CustomerScore> scores = loaded.score(LabelledTable.read(table));
      write(loaded.idColumn(), scores);
      long flagged = scores.stream().filter(CustomerScore::flagged).count();
      PrintWriter console = spec.commandLine().getOut();
      console.printf(
          Locale.ROOT,
          "scored %d customers; %d at or above the alert threshold %.3f; wrote %s%n",
          scores.size(),
          flagged,
          loaded.threshold(),
          out);
      console.flush();
    }

    private void write(String idColumn, List<CustomerScore> scores) {
      try {
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
          Files.createDirectories(parent);
        }
        try (CsvWriter writer = CsvWriter.builder().lineDelimiter(LineDelimiter.LF).build(out)) {
          writer.writeRecord(idColumn, "churn_probability");
          for (CustomerScore score : scores) {
            writer.writeRecord(
                score.customerId(), String.format(Locale.ROOT, "%.6f", score.probability()));
          }
        }
      } catch (IOException e) {
        throw TierwiseException.storage("cannot write scores to " + out + ": " + e, e);
      }
    }
  }
}
