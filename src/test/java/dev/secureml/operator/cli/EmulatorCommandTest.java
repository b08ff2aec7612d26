package dev.secureml.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.secureml.operator.local.emulator.EmulatorOptions;
import dev.secureml.operator.testsupport.AwsTestClients;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;

class EmulatorCommandTest {
  private static final Pattern BANNER = Pattern.compile(
      "AWS emulator listening on (http://127\\.0\\.0\\.1:\\d+) \\(SageMaker, CloudWatch Logs, S3\\)");

  @Test
  void announcesItsEndpointAndServesUntilStopped() throws Exception {
    EmulatorCommand command = new EmulatorCommand();
    StringWriter out = new StringWriter();
    CommandLine cli = new CommandLine(command).setOut(new PrintWriter(out, true));
    CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(
        () -> cli.execute("--port", "0", "--speed", "50", "--throttle-rate", "0"));

    Matcher banner = await().atMost(Duration.ofSeconds(10))
        .until(() -> BANNER.matcher(out.toString().trim()), Matcher::matches);
    try (SageMakerClient sageMaker = AwsTestClients.sageMaker(URI.create(banner.group(1)))) {
      assertThat(sageMaker.listTrainingJobs(b -> b.maxResults(1)).trainingJobSummaries())
          .isEmpty();
    }
    command.requestStop();
    assertThat(exit.get(10, TimeUnit.SECONDS)).isZero();
  }

  @Test
  void defaultsToPort4566() {
    EmulatorCommand command = new EmulatorCommand();
    new CommandLine(command).parseArgs();
    assertThat(command.port).isEqualTo(4566);
    assertThat(command.host).isEqualTo("127.0.0.1");
    assertThat(command.speed).isEqualTo(1.0);
    assertThat(command.options().logLinesPerSecond()).isEqualTo(2.0);
    assertThat(command.options().getLogEventsPerSecond()).isZero();
    assertThat(command.options().describeLogStreamsPerSecond()).isZero();
    assertThat(command.options().filterLogEventsPerSecond()).isZero();
  }

  @Test
  void logRateAndLogsQuotasComeFromFlags() {
    EmulatorCommand command = new EmulatorCommand();
    new CommandLine(command).parseArgs("--log-rate", "0.5", "--logs-quota-get", "10",
        "--logs-quota-describe", "5", "--logs-quota-filter", "5");
    EmulatorOptions options = command.options();
    assertThat(options.logLinesPerSecond()).isEqualTo(0.5);
    assertThat(options.getLogEventsPerSecond()).isEqualTo(10.0);
    assertThat(options.describeLogStreamsPerSecond()).isEqualTo(5.0);
    assertThat(options.filterLogEventsPerSecond()).isEqualTo(5.0);
  }
}
