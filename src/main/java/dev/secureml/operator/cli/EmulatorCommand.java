package dev.secureml.operator.cli;

import dev.secureml.operator.local.emulator.AwsEmulator;
import dev.secureml.operator.local.emulator.EmulatorOptions;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Serves the local AWS emulator until the process is stopped (SIGTERM or Ctrl-C). */
@Command(name = "emulator", mixinStandardHelpOptions = true,
    description = "Runs the local AWS emulator (SageMaker training jobs, endpoints and Model"
        + " Monitor schedules, SageMaker Runtime, Application Auto Scaling, CloudWatch Logs, S3)"
        + " for the AWS SDK or CLI to use through an endpoint override.")
public class EmulatorCommand implements Callable<Integer> {
  @Option(names = "--port", defaultValue = "4566",
      description = "Port to listen on; 0 picks a free one (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--host", defaultValue = "127.0.0.1",
      description = "Address to bind (default: ${DEFAULT-VALUE}).")
  String host;

  @Option(names = "--speed", defaultValue = "1",
      description = "How many times faster than real time training jobs progress"
          + " (default: ${DEFAULT-VALUE}).")
  double speed;

  @Option(names = "--throttle-rate", defaultValue = "0",
      description = "Share of SageMaker calls answered with ThrottlingException, 0-1.")
  double throttleRate;

  @Option(names = "--server-error-rate", defaultValue = "0",
      description = "Share of SageMaker calls answered with HTTP 500/503, 0-1.")
  double serverErrorRate;

  @Option(names = "--latency", defaultValue = "0",
      description = "Milliseconds added to every SageMaker call.")
  long latencyMillis;

  @Option(names = "--seed", defaultValue = "42",
      description = "Seed of the fault injection, for reproducible runs (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--log-rate", defaultValue = "2",
      description = "Log lines each training or serving container writes per emulated second;"
          + " 0 keeps only start-up, metric and failure lines (default: ${DEFAULT-VALUE}).")
  double logRate;

  @Option(names = "--logs-quota-get", defaultValue = "0",
      description = "CloudWatch Logs GetLogEvents calls allowed per second, account-wide;"
          + " more are throttled. 0 means unlimited (default: ${DEFAULT-VALUE}).")
  double logsQuotaGet;

  @Option(names = "--logs-quota-describe", defaultValue = "0",
      description = "CloudWatch Logs DescribeLogStreams calls allowed per second,"
          + " account-wide; more are throttled. 0 means unlimited (default: ${DEFAULT-VALUE}).")
  double logsQuotaDescribe;

  @Option(names = "--logs-quota-filter", defaultValue = "0",
      description = "CloudWatch Logs FilterLogEvents calls allowed per second, account-wide;"
          + " more are throttled. 0 means unlimited (default: ${DEFAULT-VALUE}).")
  double logsQuotaFilter;

  @Spec
  CommandSpec spec;

  private final CountDownLatch stop = new CountDownLatch(1);

  @Override
  public Integer call() throws InterruptedException {
    EmulatorOptions options = options();
    try (AwsEmulator emulator = AwsEmulator.start(options)) {
      Thread hook = new Thread(() -> {
        emulator.close();
        stop.countDown();
      }, "aws-emulator-shutdown");
      Runtime.getRuntime().addShutdownHook(hook);
      PrintWriter out = spec.commandLine().getOut();
      out.println("AWS emulator listening on " + emulator.endpoint()
          + " (SageMaker, CloudWatch Logs, S3)");
      out.flush();
      stop.await();
      removeHook(hook);
    }
    return 0;
  }

  /** The emulator's options as the flags set them. */
  EmulatorOptions options() {
    return EmulatorOptions.defaults()
        .withHost(host)
        .withPort(port)
        .withSpeed(speed)
        .withThrottleRate(throttleRate)
        .withServerErrorRate(serverErrorRate)
        .withLatency(Duration.ofMillis(latencyMillis))
        .withSeed(seed)
        .withLogLinesPerSecond(logRate)
        .withLogsQuota(logsQuotaGet, logsQuotaDescribe, logsQuotaFilter);
  }

  /** Ends {@link #call} as a signal would; for embedding and tests. */
  void requestStop() {
    stop.countDown();
  }

  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running or has run; nothing to undo
    }
  }
}
