package dev.secureml.operator.cli;

import dev.secureml.operator.local.emulator.AwsEmulator;
import dev.secureml.operator.local.emulator.EmulatorOptions;
import dev.secureml.operator.local.emulator.JournalEntry;
import dev.secureml.operator.logs.CloudWatchLogsGateway;
import dev.secureml.operator.logs.ForwardedLine;
import dev.secureml.operator.logs.LogForwarder;
import dev.secureml.operator.logs.LogForwarderSettings;
import dev.secureml.operator.logs.LogRedactor;
import dev.secureml.operator.logs.LogSink;
import dev.secureml.operator.logs.LogSourceKey;
import dev.secureml.operator.logs.LogTarget;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
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
 * one shared GetLogEvents budget. Prints throughput, lag, the call rate against the quota, and
 * checks that nothing was lost, repeated, or surfaced as an error.
 */
@Command(name = "bench-logs", mixinStandardHelpOptions = true,
    description = "Benchmarks CloudWatch log forwarding against the local emulator.")
public class BenchLogsCommand implements Callable<Integer> {
  private static final String GROUP = "/aws/sagemaker/TrainingJobs";

  @Option(names = "--jobs", defaultValue = "200", description = "Jobs writing logs, one stream"
      + " each (default: ${DEFAULT-VALUE}).")
  int jobs;

  @Option(names = "--quota", defaultValue = "10",
      description = "GetLogEvents calls per second the forwarder may make"
          + " (default: ${DEFAULT-VALUE}).")
  double quota;

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
    PrintWriter out = spec.commandLine().getOut();
    // The emulator enforces the same quotas AWS would, so a throttle would show up as one.
    LogForwarderSettings defaults = LogForwarderSettings.defaults();
    try (AwsEmulator emulator = AwsEmulator.start(EmulatorOptions.defaults()
            .withLogsQuota(quota, defaults.describeStreamsPerSecond()));
        CloudWatchLogsClient writer = client(emulator.endpoint());
        CloudWatchLogsClient reader = client(emulator.endpoint())) {
      writer.createLogGroup(b -> b.logGroupName(GROUP));
      long epoch = System.currentTimeMillis() / 1000;
      List<String> streams = IntStream.range(0, jobs)
          .mapToObj(i -> String.format("bench-job-%04d/algo-1-%d", i, epoch)).toList();
      streams.forEach(s -> writer.createLogStream(b -> b.logGroupName(GROUP).logStreamName(s)));

      CountingSink sink = new CountingSink();
      SimpleMeterRegistry registry = new SimpleMeterRegistry();
      LogForwarderSettings settings =
          LogForwarderSettings.defaults().withGetLogEventsPerSecond(quota);
      LogForwarder forwarder = new LogForwarder(new CloudWatchLogsGateway(reader), settings,
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

      List<JournalEntry> reads = emulator.journal().operations("Logs.GetLogEvents");
      List<JournalEntry> lists = emulator.journal().operations("Logs.DescribeLogStreams");
      double seconds = (end - start) / 1000.0;
      List<Long> lags = sink.lags();
      out.printf("bench-logs: %d jobs x %d lines/s for %s, GetLogEvents quota %.1f/s%n", jobs,
          linesPerSecond, duration, quota);
      out.printf("lines written %d, forwarded %d, lost %d, duplicates %d%n", written.get(),
          sink.distinct(), written.get() - sink.distinct(), sink.accepted() - sink.distinct());
      out.printf("lines/s forwarded: %.0f while writing, %.0f overall (%.1f s incl. drain)%n",
          forwardedWhileWriting / ((writeEnd - start) / 1000.0), sink.accepted() / seconds,
          seconds);
      out.printf("lag (PutLogEvents -> sink): p50 %.1f s, p95 %.1f s, max %.1f s%n",
          percentile(lags, 0.50) / 1000.0, percentile(lags, 0.95) / 1000.0,
          percentile(lags, 1.0) / 1000.0);
      // Counted by the emulator, not by the forwarder: what AWS would have seen.
      printCalls(out, "GetLogEvents", reads, seconds, quota);
      printCalls(out, "DescribeLogStreams", lists, seconds, defaults.describeStreamsPerSecond());
      out.printf("throttles absorbed %.0f; errors surfaced %.0f (API %.0f, sinks %.0f)%n",
          total(registry, "secureml.logs.throttles", null),
          total(registry, "secureml.logs.api.calls", "error")
              + total(registry, "secureml.logs.sink.errors", null),
          total(registry, "secureml.logs.api.calls", "error"),
          total(registry, "secureml.logs.sink.errors", null));
      out.flush();
      return written.get() == sink.distinct() ? 0 : 1;
    }
  }

  private static void printCalls(PrintWriter out, String operation, List<JournalEntry> calls,
      double seconds, double quota) {
    List<JournalEntry> accepted = calls.stream().filter(JournalEntry::succeeded).toList();
    out.printf("%s: %d calls, %.2f/s average, %d in the busiest second (quota %.1f),"
        + " %d throttled%n", operation, accepted.size(), accepted.size() / seconds,
        busiestSecond(accepted), quota, calls.size() - accepted.size());
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

  private static long percentile(List<Long> sorted, double p) {
    if (sorted.isEmpty()) {
      return 0;
    }
    int index = (int) Math.ceil(p * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
  }

  private static int busiestSecond(List<JournalEntry> calls) {
    int max = 0;
    for (int i = 0, j = 0; i < calls.size(); i++) {
      while (calls.get(i).time().toEpochMilli() - calls.get(j).time().toEpochMilli() >= 1000) {
        j++;
      }
      max = Math.max(max, i - j + 1);
    }
    return max;
  }

  private static double total(SimpleMeterRegistry registry, String name, String outcome) {
    return registry.find(name).counters().stream()
        .filter(c -> outcome == null || outcome.equals(c.getId().getTag("outcome")))
        .mapToDouble(Counter::count).sum();
  }

  /** Counts what arrives and how late, from the write time each bench line carries. */
  private static final class CountingSink implements LogSink {
    private final Set<String> seen = ConcurrentHashMap.newKeySet();
    private final AtomicLong accepted = new AtomicLong();
    private final List<Long> lags = Collections.synchronizedList(new ArrayList<>());

    @Override
    public String name() {
      return "counting";
    }

    @Override
    public void accept(List<ForwardedLine> batch) {
      long now = System.currentTimeMillis();
      for (ForwardedLine line : batch) {
        String[] parts = line.message().split(" ");
        seen.add(parts[2]);
        lags.add(now - Long.parseLong(parts[3]));
      }
      accepted.addAndGet(batch.size());
    }

    long accepted() {
      return accepted.get();
    }

    long distinct() {
      return seen.size();
    }

    List<Long> lags() {
      synchronized (lags) {
        List<Long> sorted = new ArrayList<>(lags);
        Collections.sort(sorted);
        return sorted;
      }
    }
  }
}
