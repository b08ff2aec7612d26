package dev.secureml.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
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

  @ParameterizedTest
  @CsvSource({"--logs-filter-rate, Infinity", "--logs-filter-rate, NaN",
      "--logs-filter-rate, 0", "--logs-filter-rate, -1", "--logs-filter-rate, 10001",
      "--logs-get-rate, Infinity", "--logs-get-rate, 1e9", "--logs-describe-rate, Infinity",
      "--logs-describe-rate, fast"})
  void aLogsRateThatIsNotAFinitePositiveSaneNumberIsRefusedByName(String flag, String value) {
    RunCommand cmd = new RunCommand();
    assertThatThrownBy(() -> new CommandLine(cmd).parseArgs(flag, value))
        .isInstanceOf(CommandLine.ParameterException.class)
        .hasMessageContaining(flag);
  }

  @Test
  void theHighestSaneRateIsAccepted() {
    RunCommand cmd = new RunCommand();
    new CommandLine(cmd).parseArgs("--logs-filter-rate", "10000");
    assertThat(cmd.logsFilterRate).isEqualTo(10_000.0);
  }

  @ParameterizedTest
  @CsvSource({"NaN", "Infinity", "0", "-1", "10001", "1e9", "five"})
  void aSageMakerRateThatIsNotAFinitePositiveSaneNumberIsRefusedByName(String value) {
    RunCommand cmd = new RunCommand();
    assertThatThrownBy(() -> new CommandLine(cmd).parseArgs("--sagemaker-rate", value))
        .isInstanceOf(CommandLine.ParameterException.class)
        .hasMessageContaining("--sagemaker-rate");
  }

  @Test
  void theSageMakerRateDefaultsToFivePerSecondAndToleratesSurroundingSpace() {
    RunCommand cmd = new RunCommand();
    new CommandLine(cmd).parseArgs();
    assertThat(cmd.sageMakerRate).isEqualTo(5.0);
    new CommandLine(cmd).parseArgs("--sagemaker-rate", " 2.5 ");
    assertThat(cmd.sageMakerRate).isEqualTo(2.5);
  }
}
