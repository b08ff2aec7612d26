package dev.secureml.operator.cli;

import dev.secureml.operator.local.emulator.AwsEmulator;
import dev.secureml.operator.local.emulator.EmulatorOptions;
import dev.secureml.operator.logs.CloudWatchLogsGateway;
import dev.secureml.operator.logs.LogForwarder;
import dev.secureml.operator.logs.LogForwarderSettings;
import dev.secureml.operator.logs.LogRedactor;
import dev.secureml.operator.logs.LogSourceKey;
import dev.secureml.operator.logs.LogTarget;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.InputLogEvent;

/**
 * Measures log forwarding at scale against the in-process emulator: many jobs writing at once,
 * read many streams per FilterLogEvents call (or one per GetLogEvents call, {@code --reads get})
 * under the AWS quotas, which the emulator enforces. Prints throughput, lag, the calls per
 * operation against each quota and all reads together, and checks that nothing was lost,
 * repeated, or surfaced as an error.
 */
@Command(name = "bench-logs", mixinStandardHelpOptions = true,
    description = "Benchmarks CloudWatch log forwarding against the local emulator.")
public class BenchLogsCommand implements Callable<Integer> {
  private static final String GROUP = "/aws/sagemaker/TrainingJobs";
  private static final Duration SETTLED_AFTER = Duration.ofSeconds(30);

  /** How streams are read. */
  enum Reads { filter, get }

  @Option(names = "--jobs", defaultValue = "200", description = "Jobs writing logs, one stream"
      + " each (default: ${DEFAULT-VALUE}).")
  int jobs;

  @Option(names = "--reads", defaultValue = "filter",
      description = "filter: up to 100 streams per FilterLogEvents call; get: one stream per"
          + " GetLogEvents call (default: ${DEFAULT-VALUE}).")
  Reads reads;

  @Option(names = "--quota", defaultValue = "10",
      description = "GetLogEvents calls per second, for the emulator's quota and the"
          + " forwarder's budget (default: ${DEFAULT-VALUE}).")
  double quota;

  @Option(names = "--filter-quota", defaultValue = "5",
      description = "FilterLogEvents calls per second, likewise (default: ${DEFAULT-VALUE}).")
  double filterQuota;

  @Option(names = "--describe-quota", defaultValue = "5",
      description = "DescribeLogStreams calls per second, likewise (default: ${DEFAULT-VALUE}).")
  double describeQuota;

  @Option(names = "--duration", defaultValue = "30s", converter = DurationConverter.class,
      description = "How long the jobs write (default: ${DEFAULT-VALUE}).")
  Duration duration;

  @Option(names = "--lines-per-second-per-job", defaultValue = "5",
      description = "Lines each job writes per second (default: ${DEFAULT-VALUE}).")
  int linesPerSecond;

  @Option(names = "--drain", defaultValue = "45s", converter = DurationConverter.class,
      description = "How long to wait for the last lines once writing stops"
          + " (default: ${DEFAULT-VALUE}).")
  Duration drain;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    String refused = refusal();
    if (refused != null) {
      spec.commandLine().getErr().println("error: " + refused);
      return 2;
    }
    PrintWriter out = spec.commandLine().getOut();
    // The emulator enforces the same quotas AWS would, so a throttle would show up as one.
    try (AwsEmulator emulator = AwsEmulator.start(EmulatorOptions.defaults()
            .withLogsQuota(quota, describeQuota, filterQuota));
        CloudWatchLogsClient writer = client(emulator.endpoint());
        CloudWatchLogsClient reader = client(emulator.endpoint())) {
      writer.createLogGroup(b -> b.logGroupName(GROUP));
      long epoch = System.currentTimeMillis() / 1000;
      List<String> streams = IntStream.range(0, jobs)
          .mapToObj(i -> String.format("bench-job-%04d/algo-1-%d", i, epoch)).toList();
      streams.forEach(s -> writer.createLogStream(b -> b.logGroupName(GROUP).logStreamName(s)));

      // Stream discovery lists the group every 10 s, a page at a time: at first, streams that
      // were not listed yet wait for a later pass; from then on lag is the read round.
      long settledAfter = SETTLED_AFTER.toMillis();
      BenchLogsFigures.CountingSink sink =
          new BenchLogsFigures.CountingSink(System.currentTimeMillis() + settledAfter);
      SimpleMeterRegistry registry = new SimpleMeterRegistry();
      LogForwarder forwarder = new LogForwarder(new CloudWatchLogsGateway(reader), settings(),
          List.of(sink), LogRedactor.defaults(), (key, status) -> { }, registry, Clock.systemUTC());
      for (int i = 0; i < jobs; i++) {
        String job = streams.get(i).substring(0, streams.get(i).indexOf('/'));
        forwarder.track(new LogTarget(new LogSourceKey("SecureTrainingJob", "bench", job, job),
            job, GROUP, job + "/", false, null));
      }
      emulator.journal().clear();
      long start = System.currentTimeMillis();
      forwarder.start();
      AtomicLong written = new AtomicLong();
      ScheduledExecutorService writers = Executors.newScheduledThreadPool(4);
      for (int i = 0; i < jobs; i++) {
        String stream = streams.get(i);
        writers.scheduleAtFixedRate(() -> write(writer, stream, written), i * 1000L / jobs,
            1000, TimeUnit.MILLISECONDS);
      }
      Thread.sleep(duration.toMillis());
      writers.shutdown();
      writers.awaitTermination(10, TimeUnit.SECONDS);
      long writeEnd = System.currentTimeMillis();
      long forwardedWhileWriting = sink.accepted();
      long deadline = writeEnd + drain.toMillis();
      while (sink.distinct() < written.get() && System.currentTimeMillis() < deadline) {
        Thread.sleep(100);
      }
      long end = System.currentTimeMillis();
      forwarder.close();

      double seconds = (end - start) / 1000.0;
      List<Long> lags = sink.lags();
      out.printf("bench-logs: %d jobs x %d lines/s for %s, reads: %s%n", jobs, linesPerSecond,
          duration, reads == Reads.filter ? "FilterLogEvents, up to 100 streams a call"
              : "GetLogEvents, one stream a call");
      out.printf("lines written %d, forwarded %d, lost %d, duplicates %d%n", written.get(),
          sink.distinct(), written.get() - sink.distinct(), sink.accepted() - sink.distinct());
      out.printf("lines/s forwarded: %.0f while writing, %.0f overall (%.1f s incl. drain)%n",
          forwardedWhileWriting / ((writeEnd - start) / 1000.0), sink.accepted() / seconds,
          seconds);
      BenchLogsFigures.printLag(out, "lag (PutLogEvents -> sink)", lags);
      if (duration.toMillis() > settledAfter) {
        BenchLogsFigures.printLag(out, "lag of lines written from " + SETTLED_AFTER.toSeconds()
            + " s on, after start-up", sink.settledLags());
      }
      // Counted by the emulator, not by the forwarder: what AWS would have seen.
      BenchLogsFigures.Operation filter = operation(emulator, "FilterLogEvents", filterQuota);
      BenchLogsFigures.Operation get = operation(emulator, "GetLogEvents", quota);
      BenchLogsFigures.printCalls(out, filter, seconds);
      BenchLogsFigures.printCalls(out, get, seconds);
      BenchLogsFigures.printReads(out, get, filter, seconds);
      BenchLogsFigures.printCalls(out,
          operation(emulator, "DescribeLogStreams", describeQuota), seconds);
      BenchLogsFigures.printErrors(out, registry);
      out.flush();
      return written.get() == sink.distinct() ? 0 : 1;
    }
  }

  /** What is wrong with the options, naming the option; null when nothing is. */
  String refusal() {
    if (jobs < 1) {
      return "--jobs must be at least 1, not " + jobs;
    }
    if (linesPerSecond < 1) {
      return "--lines-per-second-per-job must be at least 1, not " + linesPerSecond;
    }
    for (var rate : List.of(Map.entry("--quota", quota), Map.entry("--filter-quota",
        filterQuota), Map.entry("--describe-quota", describeQuota))) {
      if (!(rate.getValue() > 0) || Double.isInfinite(rate.getValue())) {
        return rate.getKey() + " must be a positive number, not " + rate.getValue();
      }
    }
    if (duration.isNegative() || duration.isZero()) {
      return "--duration must be positive, not " + duration;
    }
    if (drain.isNegative()) {
      return "--drain must not be negative, not " + drain;
    }
    return null;
  }

  private LogForwarderSettings settings() {
    LogForwarderSettings settings = LogForwarderSettings.defaults()
        .withGetLogEventsPerSecond(quota).withDescribeStreamsPerSecond(describeQuota)
        .withFilterLogEventsPerSecond(filterQuota);
    return reads == Reads.get ? settings.withoutFilterReads() : settings;
  }

  private static BenchLogsFigures.Operation operation(AwsEmulator emulator, String name,
      double quota) {
    return new BenchLogsFigures.Operation(name, emulator.journal().operations("Logs." + name),
        quota);
  }

  private void write(CloudWatchLogsClient client, String stream, AtomicLong written) {
    long now = System.currentTimeMillis();
    List<InputLogEvent> batch = new ArrayList<>(linesPerSecond);
    for (int i = 0; i < linesPerSecond; i++) {
      // The message carries the write time, so the sink can measure the lag.
      batch.add(InputLogEvent.builder().timestamp(now)
          .message("bench " + stream + " " + written.incrementAndGet() + " " + now).build());
    }
    client.putLogEvents(b -> b.logGroupName(GROUP).logStreamName(stream).logEvents(batch));
  }

  private static CloudWatchLogsClient client(URI endpoint) {
    return CloudWatchLogsClient.builder()
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(
            AwsBasicCredentials.create("bench-local", "bench-local")))
        .httpClientBuilder(ApacheHttpClient.builder().maxConnections(32))
        // Throttles must reach the forwarder, which owns the back-off.
        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
        .build();
  }
}
