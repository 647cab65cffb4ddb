package io.tierwise.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Pins the top-level help: the list of commands and the exit codes are a contract with scripts.
 * After a deliberate change, regenerate with {@code -Dgolden.update=true}.
 */
class HelpTextTest {
  private static final Path GOLDEN = Path.of("src/test/resources/golden/help.txt");

  @Test
  void topLevelHelpListsCommandsAndExitCodes() throws Exception {
    CliRun run = CliRun.of("--help");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    if (Boolean.getBoolean("golden.update")) {
      Files.writeString(GOLDEN, run.out(), StandardCharsets.UTF_8);
    }
    assertThat(run.out()).isEqualTo(Files.readString(GOLDEN, StandardCharsets.UTF_8));
  }
}
