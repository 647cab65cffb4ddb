package io.tierwise.cli;

import io.tierwise.run.RunExplanation;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tierwise explain}: why one customer got its labels, and what would lift its tier. */
@Command(
    name = "explain",
    mixinStandardHelpOptions = true,
    description = {
      "Explain one customer's labels and what would lift its tier.",
      "Every label of the customer in a run, with the rule and the numbers that produced it, and"
          + " what would move the customer up a tier."
    })
final class ExplainCommand implements Callable<Integer> {

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--run",
      paramLabel = "DIR",
      required = true,
      description = "a directory written by 'tierwise run'")
  Path run;

  @Option(names = "--customer", paramLabel = "ID", required = true, description = "the customer_id")
  String customer;

  @Override
  public Integer call() {
    RunExplanation.Explanation explanation = RunExplanation.explain(run, customer);
    spec.commandLine().getOut().print(RunExplanation.render(explanation));
    spec.commandLine().getOut().flush();
    return explanation.mismatches().isEmpty() ? ExitCodes.OK : ExitCodes.INTERNAL_ERROR;
  }
}
