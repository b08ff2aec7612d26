package dev.secureml.operator.local.emulator;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;

/**
 * Writes what a model-serving container prints into CloudWatch Logs: group
 * {@code /aws/sagemaker/Endpoints/<endpoint>}, one stream {@code <variant>/<instance-id>} per
 * instance, created when the instance starts. Start-up lines when a deployment comes up, the
 * ping failure of a failing image, and one line per {@link #INVOCATIONS_PER_LINE} invocations
 * of a variant.
 *
 * <p>While a deployment serves, each of its instances also writes over emulated time: its
 * workers booting, then a health ping every {@link #PING_SECONDS} and now and then a worker
 * status line, never more than {@code linesPerSecond} per emulated second (0 turns these lines
 * off) and at most {@link #MAX_PERIODIC_LINES} per stream, so a long-running sandbox stays
 * bounded. Timestamps strictly increase within a stream.
 */
final class EndpointLogWriter {
  static final String GROUP_PREFIX = "/aws/sagemaker/Endpoints/";
  static final int INVOCATIONS_PER_LINE = 25;
  static final double PING_SECONDS = 5;
  static final int MAX_PERIODIC_LINES = 10_000;
  private static final int WORKERS = 2;
  /** Every this many pings, a worker status line comes instead. */
  private static final int STATUS_EVERY = 6;

  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss,SSS").withZone(ZoneOffset.UTC);

  /** One instance's stream: where its timestamps and its periodic lines are. */
  private static final class Stream {
    final Instant since;
    final Random random;
    long lastMillis = Long.MIN_VALUE;
    int periodic;

    Stream(Instant since, Random random) {
      this.since = since;
      this.random = random;
    }
  }

  private final LogStore logs;
  private final EmulatedClock clock;
  private final double linesPerSecond;
  private final Map<String, Stream> streams = new HashMap<>();

  EndpointLogWriter(LogStore logs, EmulatedClock clock, double linesPerSecond) {
    this.logs = logs;
    this.clock = clock;
    this.linesPerSecond = linesPerSecond;
  }

  static String group(String endpoint) {
    return GROUP_PREFIX + endpoint;
  }

  synchronized void started(Endpoint endpoint, Endpoint.Deployment deployment, Instant at) {
    for (EndpointVariant v : deployment.variants()) {
      for (String instance : v.instanceIds()) {
        String stream = v.name() + "/" + instance;
        // A new deployment's instance starts its periodic lines afresh.
        Stream fresh = new Stream(at, new Random(Objects.hash(endpoint.name(), stream)));
        Stream before = streams.put(key(endpoint, stream), fresh);
        if (before != null) {
          fresh.lastMillis = before.lastMillis;
        }
        write(endpoint, stream, at, List.of(
            line(at, "INFO", "Starting the inference server with " + WORKERS + " workers."),
            line(at, "INFO", "Listening at: unix:/tmp/gunicorn.sock"),
            line(at, "INFO", "Booting worker with pid: 21"),
            line(at, "INFO", "Loading model " + v.modelName() + " from /opt/ml/model"),
            line(at, "INFO", "Model loaded; serving " + String.join(", ", v.images()))));
      }
    }
  }

  synchronized void failedHealthCheck(Endpoint endpoint, Endpoint.Deployment deployment,
      Instant at) {
    for (EndpointVariant v : deployment.variants()) {
      if (v.failsHealthCheck()) {
        for (String instance : v.instanceIds()) {
          write(endpoint, v.name() + "/" + instance, at, List.of(
              line(at, "ERROR", "Worker exited: model could not be loaded"),
              line(at, "ERROR", "GET /ping 500: health check failed")));
        }
      }
    }
  }

  /** Called on every invocation; writes a line when the count reaches a multiple of N. */
  synchronized void invoked(Endpoint endpoint, EndpointVariant variant, long count, Instant at) {
    if (count % INVOCATIONS_PER_LINE != 0 || variant.instanceIds().isEmpty()) {
      return;
    }
    int instance = (int) ((count / INVOCATIONS_PER_LINE) % variant.instanceIds().size());
    write(endpoint, variant.name() + "/" + variant.instanceIds().get(instance), at, List.of(
        line(at, "INFO", "Handled " + count + " invocations of variant " + variant.name())));
  }

  /**
   * Writes the periodic lines of the serving deployment's instances due up to {@code until}.
   * The caller holds the endpoint's lock and knows the deployment serves.
   */
  synchronized void servingUpTo(Endpoint endpoint, Endpoint.Deployment serving, Instant until) {
    if (linesPerSecond <= 0 || serving == null) {
      return;
    }
    for (EndpointVariant v : serving.variants()) {
      for (String instance : v.instanceIds()) {
        String name = v.name() + "/" + instance;
        // An instance added by scaling has no start-up lines; its periodic lines start now.
        Stream s = streams.computeIfAbsent(key(endpoint, name),
            k -> new Stream(until, new Random(Objects.hash(endpoint.name(), name))));
        List<String> lines = new ArrayList<>();
        List<Long> times = new ArrayList<>();
        while (s.periodic < MAX_PERIODIC_LINES) {
          Instant due = s.since.plus(clock.real(periodicOffset(s.periodic)));
          if (due.isAfter(until)) {
            break;
          }
          times.add(due.toEpochMilli());
          lines.add(periodicLine(s, v, Instant.ofEpochMilli(due.toEpochMilli())));
          s.periodic++;
        }
        if (!lines.isEmpty()) {
          write(endpoint, name, times, lines);
        }
      }
    }
  }

  /** Emulated seconds from the instance's start to its n-th periodic line. */
  private double periodicOffset(int n) {
    double gap = 1 / linesPerSecond;
    if (n < WORKERS + 1) {
      return (n + 1) * gap;
    }
    return (WORKERS + 1) * gap + (n - WORKERS) * Math.max(PING_SECONDS, gap);
  }

  private String periodicLine(Stream s, EndpointVariant v, Instant at) {
    int n = s.periodic;
    if (n < WORKERS) {
      return line(at, "INFO", "Booting worker with pid: " + (22 + n));
    }
    if (n == WORKERS) {
      return line(at, "INFO", "Model server started; " + WORKERS + " workers ready for "
          + v.name());
    }
    int ping = n - WORKERS;
    if (ping % STATUS_EVERY == 0) {
      double rss = 0.8 + s.random.nextDouble() * 0.9;
      return line(at, "INFO", String.format(Locale.ROOT,
          "Worker %d alive; memory %.2f GiB RSS, %d requests in flight", 21 + s.random.nextInt(
              WORKERS + 1), rss, s.random.nextInt(3)));
    }
    return line(at, "INFO", String.format(Locale.ROOT,
        "10.32.0.2 \"GET /ping HTTP/1.1\" 200 0 \"-\" \"AHC/2.0\" %.1f ms",
        0.2 + s.random.nextDouble() * 1.5));
  }

  private void write(Endpoint endpoint, String stream, Instant at, List<String> lines) {
    List<Long> times = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      times.add(at.toEpochMilli());
    }
    write(endpoint, stream, times, lines);
  }

  /** Appends lines, moving a timestamp on by a millisecond where it would not increase. */
  private void write(Endpoint endpoint, String stream, List<Long> times, List<String> lines) {
    String group = group(endpoint.name());
    Stream s = streams.computeIfAbsent(key(endpoint, stream),
        k -> new Stream(Instant.ofEpochMilli(times.get(0)), new Random(stream.hashCode())));
    List<Map.Entry<Long, String>> events = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      long millis = Math.max(times.get(i), s.lastMillis + 1);
      s.lastMillis = millis;
      events.add(Map.entry(millis, lines.get(i)));
    }
    logs.ensureStream(group, stream);
    logs.append(group, stream, events);
  }

  private static String key(Endpoint endpoint, String stream) {
    return endpoint.arn() + "\n" + stream;
  }

  private static String line(Instant at, String level, String message) {
    return STAMP.format(at) + " [" + level + "] " + message;
  }
}
