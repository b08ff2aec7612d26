package dev.secureml.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The run command's flags read as the README shows them. */
class RunCommandFlagsTest {
  @Test
  void logStdoutCanBeTurnedOffAndIsOnByDefault() {
    RunCommand defaults = new RunCommand();
    new CommandLine(defaults).parseArgs();
    assertThat(defaults.logStdout).isTrue();

    RunCommand off = new RunCommand();
    new CommandLine(off).parseArgs("--log-stdout=false");
    assertThat(off.logStdout).isFalse();
  }

  @Test
  void logRedactionsAndRatesAreRead() {
    RunCommand cmd = new RunCommand();
    new CommandLine(cmd).parseArgs("--log-redact", "acct-[0-9]+", "--log-redact", "x=\\S+",
        "--logs-get-rate", "25", "--no-log-forwarding");
    assertThat(cmd.logRedactions).containsExactly("acct-[0-9]+", "x=\\S+");
    assertThat(cmd.logsGetRate).isEqualTo(25.0);
    assertThat(cmd.noLogForwarding).isTrue();
    assertThat(cmd.logsFilterRate).as("FilterLogEvents' AWS quota").isEqualTo(5.0);
    assertThat(cmd.logsPerStreamReads).isFalse();
  }

  @Test
  void filterReadsCanBeSlowedOrTurnedOff() {
    RunCommand cmd = new RunCommand();
    new CommandLine(cmd).parseArgs("--logs-filter-rate", "2", "--logs-per-stream-reads");
    assertThat(cmd.logsFilterRate).isEqualTo(2.0);
    assertThat(cmd.logsPerStreamReads).isTrue();
  }
}
